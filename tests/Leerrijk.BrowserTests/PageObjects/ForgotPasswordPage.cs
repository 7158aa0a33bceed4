using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/Account/ForgotPassword: asks for the address to send a reset link to.</summary>
public sealed class ForgotPasswordPage : PageObject
{
    internal ForgotPasswordPage(BrowserSession session, IResponse response)
        : base(session, response, "/Account/ForgotPassword")
    {
    }

    /// <summary>Fills the address and presses "Stuur mij een link", expecting "Kijk in uw mailbox".</summary>
    public async Task<CheckEmailPage> RequestLinkAsync(string email)
    {
        await Page.Locator("input[name='Email']").FillAsync(email);
        return await GoToAsync(
            () => MainButton("Stuur mij een link").ClickAsync(), r => new CheckEmailPage(Session, r), "check-email-reset");
    }
}
