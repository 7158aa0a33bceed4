using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/Account/ConfirmEmail: opening the link changes nothing; the button confirms.</summary>
public sealed class ConfirmEmailPage : PageObject
{
    private ConfirmEmailPage(BrowserSession session, IResponse response)
        : base(session, response, "/Account/ConfirmEmail")
    {
    }

    public static async Task<ConfirmEmailPage> OpenAsync(BrowserSession session, Uri link)
    {
        var response = await session.Page.GotoAsync(link.ToString()) ?? throw new InvalidOperationException($"No response for {link}.");
        var page = new ConfirmEmailPage(session, response);
        await session.CheckPageAsync("confirm-email");
        return page;
    }

    /// <summary>Presses "Bevestigen"; the app confirms the address and sends the browser to the log-in page.</summary>
    public Task<LoginPage> ConfirmAsync() =>
        GoToAsync(
            () => Page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Bevestigen", Exact = true }).ClickAsync(),
            r => new LoginPage(Session, r),
            "login-after-confirm");
}
