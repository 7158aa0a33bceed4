using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/Account/ResetPassword: the link from the reset mail, where a new password is chosen.</summary>
public sealed class ResetPasswordPage : PageObject
{
    internal ResetPasswordPage(BrowserSession session, IResponse response)
        : base(session, response, "/Account/ResetPassword")
    {
    }

    /// <summary>Fills the new password twice and presses "Wachtwoord opslaan", expecting the log-in page.</summary>
    public async Task<LoginPage> SetPasswordAsync(string password)
    {
        await Page.Locator("input[name='Input.Password']").FillAsync(password);
        await Page.Locator("input[name='Input.ConfirmPassword']").FillAsync(password);
        return await GoToAsync(
            () => MainButton("Wachtwoord opslaan").ClickAsync(), r => new LoginPage(Session, r), "login-after-reset");
    }
}
