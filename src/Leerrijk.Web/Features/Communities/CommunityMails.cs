using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Infrastructure.Localization;
using Leerrijk.Web.Infrastructure.Mail;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Communities;

/// <summary>The mails about joining a community: the invitation (in the language the facilitator chose) and a new request to the facilitators.</summary>
public sealed class CommunityMails(AccountMails accountMails, IMailSender sender, IStringLocalizer<SharedResource> l)
{
    /// <summary>
    /// Sends the invitation. Returns false when the mail server refused the address (it never will take it): the caller
    /// marks the invitation so the facilitator can correct the address.
    /// </summary>
    /// <param name="to">The invitee's address.</param>
    /// <param name="language">"nl" or "en"; anything else is Dutch.</param>
    /// <param name="community">The community.</param>
    /// <param name="runnerName">Who runs it.</param>
    /// <param name="companyName">The company the facilitator has in mind, if they named it.</param>
    /// <param name="lastDay">The last day the link works.</param>
    /// <param name="link">The absolute link to the invitation page.</param>
    /// <param name="cancellationToken">Stops sending.</param>
    public async Task<bool> SendInvitationAsync(
        string to, string language, Community community, string runnerName, string? companyName, DateOnly lastDay, string link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(community);
        var culture = LocalizationSetup.FromCode(language) ?? LocalizationSetup.Dutch;
        var mail = LocalizationSetup.InCulture(culture, () =>
        {
            var kind = l["Community.Kind." + community.Kind].Value;
            var paragraphs = new List<string>
            {
                l["Community.Mail.Body", runnerName, kind, community.Name, community.Theme, community.StartsOn.ToString("D", culture), community.EndsOn.ToString("D", culture)].Value,
            };
            if (!string.IsNullOrWhiteSpace(companyName))
            {
                paragraphs.Add(l["Community.Mail.Company", companyName].Value);
            }

            paragraphs.Add(l["Community.Mail.Privacy"].Value);
            paragraphs.Add(l["Community.Mail.Until", lastDay.ToString("D", culture)].Value);
            return accountMails.Compose(to, l["Community.Mail.Subject", runnerName, community.Name].Value, paragraphs, l["Community.Mail.Button"].Value, link);
        });
        try
        {
            await sender.SendAsync(mail, cancellationToken);
            return true;
        }
        catch (SmtpCommandException ex) when (ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted)
        {
            return false;
        }
    }

    /// <summary>Tells a facilitator that someone asked to join; the request waits on the members page.</summary>
    /// <param name="to">The facilitator's address.</param>
    /// <param name="community">The community.</param>
    /// <param name="link">The absolute link to the members page.</param>
    /// <param name="cancellationToken">Stops sending.</param>
    public Task SendRequestAsync(string to, Community community, string link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(community);
        var mail = accountMails.Compose(
            to, l["Community.RequestMail.Subject", community.Name].Value, [l["Community.RequestMail.Body", community.Name].Value], l["Community.RequestMail.Button"].Value, link);
        return sender.SendAsync(mail, cancellationToken);
    }
}
