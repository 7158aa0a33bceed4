using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/Account/ResendConfirmation: sends a new confirmation link to an address not yet confirmed.</summary>
public sealed class ResendConfirmationPage : PageObject
{
    private ResendConfirmationPage(BrowserSession session, IResponse response)
        : base(session, response, "/Account/ResendConfirmation")
    {
    }

    public static Task<ResendConfirmationPage> OpenAsync(BrowserSession session) =>
        OpenAsync(session, "/Account/ResendConfirmation", r => new ResendConfirmationPage(session, r), "resend-confirmation");

    /// <summary>Fills the address and presses "Link sturen", expecting "Kijk in uw mailbox".</summary>
    public async Task<CheckEmailPage> ResendAsync(string email)
    {
        await Page.Locator("input[name='Email']").FillAsync(email);
        return await GoToAsync(() => MainButton("Link sturen").ClickAsync(), r => new CheckEmailPage(Session, r), "check-email-resent");
    }
}
