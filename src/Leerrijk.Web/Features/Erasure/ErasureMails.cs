using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Infrastructure;
using Leerrijk.Web.Infrastructure.Localization;
using Leerrijk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Erasure;

/// <summary>The mail to every owner when one of them asks to erase the organisation, so another owner can still cancel.</summary>
public sealed class ErasureMails(LeerrijkDbContext db, IMailSender sender, PublicLinks links, IStringLocalizer<SharedResource> l)
{
    /// <summary>Dutch first (every owner's default), then English, in one mail.</summary>
    private static readonly CultureInfo[] Languages = [LocalizationSetup.Dutch, LocalizationSetup.English];

    public async Task SendRequestedAsync(Organisation organisation, string requestedBy, DateTime dueAtUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var recipients = await (
                from m in db.Memberships
                where m.OrganisationId == organisation.Id && m.Role == OrganisationRole.Owner
                join u in db.Users on m.UserId equals u.Id
                select u.Email)
            .ToListAsync(cancellationToken);
        var link = links.Absolute($"/o/{organisation.Id}/verwijderen");
        var due = LocalizationSetup.ToLocalTime(dueAtUtc);
        foreach (var to in recipients.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await sender.SendAsync(Compose(to!, organisation.Name, requestedBy, due, link), cancellationToken);
        }
    }

    private OutgoingMail Compose(string to, string name, string requestedBy, DateTime due, string link)
    {
        var encoder = HtmlEncoder.Default;
        var text = new StringBuilder();
        var html = new StringBuilder();
        var subject = "";
        foreach (var culture in Languages)
        {
            var parts = LocalizationSetup.InCulture(culture, () => new
            {
                Subject = l["Erasure.Mail.Subject", name].Value,
                Body = l["Erasure.Mail.Body", requestedBy, name, due.ToString("D", culture)].Value,
                Next = l["Erasure.Mail.Cancel"].Value,
                Button = l["Erasure.Mail.Link"].Value,
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
