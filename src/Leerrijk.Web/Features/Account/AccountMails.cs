using System.Text.Encodings.Web;
using Leerrijk.Web.Infrastructure.Mail;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Account;

/// <summary>The e-mails about an account or membership, written in the language the person is using.</summary>
public sealed class AccountMails(IMailSender sender, IStringLocalizer<SharedResource> l)
{
    public Task SendConfirmationAsync(string to, string link, CancellationToken ct = default) =>
        SendAsync(to, l["Mail.Confirm.Subject"], l["Mail.Confirm.Body"], l["Mail.Confirm.Button"], link, ct);

    public Task SendPasswordResetAsync(string to, string link, CancellationToken ct = default) =>
        SendAsync(to, l["Mail.Reset.Subject"], l["Mail.Reset.Body"], l["Mail.Reset.Button"], link, ct);

    public Task SendInvitationAsync(string to, string organisationName, string inviterName, string link, CancellationToken ct = default) =>
        SendAsync(
            to,
            l["Mail.Invite.Subject", organisationName],
            l["Mail.Invite.Body", inviterName, organisationName],
            l["Mail.Invite.Button"],
            link,
            ct);

    private Task SendAsync(string to, string subject, string body, string button, string link, CancellationToken ct) =>
        sender.SendAsync(Compose(to, subject, [body], button, link), ct);

    /// <summary>
    /// A mail about one link, laid out like every account mail: the paragraphs, a button, the link written out, and
    /// the footer, in the current UI culture. Other features' link mails (such as a connection request) use it too.
    /// </summary>
    public OutgoingMail Compose(string to, string subject, IReadOnlyList<string> paragraphs, string button, string link)
    {
        var footer = l["Mail.Footer"].Value;
        var text = $"{string.Join("\n\n", paragraphs)}\n\n{link}\n\n{footer}\n";
        var html = HtmlEncoder.Default;
        var htmlBody =
            string.Concat(paragraphs.Select(p => $"<p>{html.Encode(p)}</p>")) +
            $"<p><a href=\"{html.Encode(link)}\">{html.Encode(button)}</a></p>" +
            $"<p>{html.Encode(link)}</p>" +
            $"<p style=\"color:#555\">{html.Encode(footer)}</p>";
        return new OutgoingMail(to, subject, text, htmlBody, link);
    }
}
