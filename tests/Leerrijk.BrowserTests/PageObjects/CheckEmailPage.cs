using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/Account/CheckEmail: "look in your mailbox" after registering or asking for a new password.</summary>
public sealed class CheckEmailPage : PageObject
{
    internal CheckEmailPage(BrowserSession session, IResponse response)
        : base(session, response, "/Account/CheckEmail")
    {
    }

    /// <summary>Opens the confirmation link from the mail the app sent to <paramref name="email"/>.</summary>
    public async Task<ConfirmEmailPage> OpenConfirmationLinkFromMailAsync(string email)
    {
        var mail = await Session.App.Outbox.WaitForMessageToAsync(email);
        var link = MailOutbox.LinkIn(mail, "/Account/ConfirmEmail");
        return await ConfirmEmailPage.OpenAsync(Session, link);
    }

    /// <summary>Opens the link from the password-reset mail the app sent to <paramref name="email"/>.</summary>
    public async Task<ResetPasswordPage> OpenResetLinkFromMailAsync(string email)
    {
        var mail = await Session.App.Outbox.WaitForMessageToAsync(email, "Nieuw wachtwoord");
        var link = MailOutbox.LinkIn(mail, "/Account/ResetPassword");
        return await OpenAsync(Session, link.ToString(), r => new ResetPasswordPage(Session, r), "reset-password");
    }
}
