using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>The public front page at /.</summary>
public sealed class LandingPage : PageObject
{
    private LandingPage(BrowserSession session, IResponse response)
        : base(session, response, "/")
    {
    }

    public static async Task<LandingPage> OpenAsync(BrowserSession session)
    {
        var response = await session.Page.GotoAsync("/") ?? throw new InvalidOperationException("No response for /.");
        var page = new LandingPage(session, response);
        await session.CheckPageAsync("landing");
        return page;
    }

    /// <summary>Where the main "log in" link points (Inloggen / Log in), or null when there is none.</summary>
    public async Task<string?> LogInLinkTargetAsync(string linkText = "Inloggen")
    {
        var link = MainLink(linkText);
        return await link.CountAsync() == 0 ? null : await link.GetAttributeAsync("href");
    }

    /// <summary>Presses the header's language button ("English" on a Dutch page) and stays on the landing page.</summary>
    public Task<LandingPage> SwitchToEnglishAsync() =>
        GoToAsync(() => HeaderButton("English").ClickAsync(), r => new LandingPage(Session, r), "landing-english");

    public Task<RegisterPage> FollowCreateAccountAsync() =>
        GoToAsync(() => MainLink("Gratis account maken").ClickAsync(), r => new RegisterPage(Session, r), "register");

    /// <summary>Follows the landing page's first link to the quick scan.</summary>
    public Task<QuickScanPage> FollowQuickScanAsync() =>
        GoToAsync(() => Page.Locator("main a[href='/snelscan']").First.ClickAsync(), r => new QuickScanPage(Session, r), "snelscan-from-landing");

    public Task<LoginPage> FollowLogInAsync() =>
        GoToAsync(() => MainLink("Inloggen").ClickAsync(), r => new LoginPage(Session, r), "login");
}
