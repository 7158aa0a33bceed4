using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/Account/ChangePassword ("Mijn account" in the header): the signed-in person changes their password.</summary>
public sealed class ChangePasswordPage : PageObject
{
    internal ChangePasswordPage(BrowserSession session, IResponse response)
        : base(session, response, "/Account/ChangePassword")
    {
    }

    /// <summary>Fills the current and the new password and presses "Wachtwoord wijzigen"; the app shows this page again.</summary>
    public async Task<ChangePasswordPage> ChangeAsync(string currentPassword, string newPassword)
    {
        await Page.Locator("input[name='Input.CurrentPassword']").FillAsync(currentPassword);
        await Page.Locator("input[name='Input.NewPassword']").FillAsync(newPassword);
        await Page.Locator("input[name='Input.ConfirmPassword']").FillAsync(newPassword);
        return await GoToAsync(
            () => MainButton("Wachtwoord wijzigen").ClickAsync(), r => new ChangePasswordPage(Session, r), "change-password-done");
    }

    /// <summary>Follows the link to the person's API tokens.</summary>
    public Task<ApiTokensPage> FollowApiTokensAsync() =>
        GoToAsync(() => MainLink("API-sleutels voor koppelingen met andere systemen").ClickAsync(), r => new ApiTokensPage(Session, r), "api-tokens");
}
