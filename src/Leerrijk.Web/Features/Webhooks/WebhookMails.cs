using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Infrastructure;
using Leerrijk.Web.Infrastructure.Localization;
using Leerrijk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Webhooks;

/// <summary>The mail to a company's owners (or a support organisation's coordinators) when Leerrijk switched a webhook off.</summary>
public sealed class WebhookMails(LeerrijkDbContext db, IMailSender sender, PublicLinks links, IStringLocalizer<SharedResource> l)
{
    /// <summary>Dutch first (every owner's default), then English, in one mail.</summary>
    private static readonly CultureInfo[] Languages = [LocalizationSetup.Dutch, LocalizationSetup.English];

    public async Task SendDisabledAsync(WebhookSubscription subscription, int failures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        string name;
        List<string?> recipients;
        string path;
        if (subscription.OrganisationId is { } organisationId)
        {
            name = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleAsync(cancellationToken);
            recipients = await (
                    from m in db.Memberships
                    where m.OrganisationId == organisationId && m.Role == OrganisationRole.Owner
                    join u in db.Users on m.UserId equals u.Id
                    select u.Email)
                .ToListAsync(cancellationToken);
            path = $"/o/{organisationId}/webhooks?log={subscription.Id}";
        }
        else
        {
            var supportId = subscription.SupportOrganisationId!.Value;
            name = await db.SupportOrganisations.Where(s => s.Id == supportId).Select(s => s.Name).SingleAsync(cancellationToken);
            recipients = await db.SupportMemberships
                .Where(m => m.SupportOrganisationId == supportId && m.Role == SupportRole.Coordinator)
                .Select(m => m.User!.Email)
                .ToListAsync(cancellationToken);
            path = $"/support/{supportId}/webhooks?log={subscription.Id}";
        }

        var link = links.Absolute(path);
        foreach (var to in recipients.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await sender.SendAsync(Compose(to!, name, subscription.Url, failures, link), cancellationToken);
        }
    }

    private OutgoingMail Compose(string to, string name, string url, int failures, string link)
    {
        var encoder = HtmlEncoder.Default;
        var text = new StringBuilder();
        var html = new StringBuilder();
        var subject = "";
        foreach (var culture in Languages)
        {
            var parts = LocalizationSetup.InCulture(culture, () => new
            {
                Subject = l["Webhooks.Mail.Subject", name].Value,
                Body = l["Webhooks.Mail.Body", url, failures].Value,
                Next = l["Webhooks.Mail.Next"].Value,
                Button = l["Webhooks.Mail.Link"].Value,
            });
            if (subject.Length == 0)
            {
                subject = parts.Subject;
            }
            else
            {
                text.Append("\n-----\n\n");
                html.Append("<hr>");
            }

            text.Append(parts.Body).Append("\n\n").Append(parts.Next).Append("\n\n").Append(parts.Button).Append(": ").Append(link).Append('\n');
            html.Append("<div lang=\"").Append(culture.TwoLetterISOLanguageName).Append("\">")
                .Append("<p>").Append(encoder.Encode(parts.Body)).Append("</p>")
                .Append("<p>").Append(encoder.Encode(parts.Next)).Append("</p>")
                .Append("<p><a href=\"").Append(encoder.Encode(link)).Append("\">").Append(encoder.Encode(parts.Button)).Append("</a></p>")
                .Append("</div>");
        }

        return new OutgoingMail(to, subject, text.ToString(), html.ToString(), link);
    }
}
