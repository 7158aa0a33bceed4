using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/privacy: the public privacy statement, reached from every page's footer.</summary>
public sealed class PrivacyPage : PageObject
{
    private PrivacyPage(BrowserSession session, IResponse response)
        : base(session, response, "/privacy")
    {
    }

    public static Task<PrivacyPage> OpenAsync(BrowserSession session, string step = "privacy") =>
        OpenAsync(session, "/privacy", r => new PrivacyPage(session, r), step);

    internal static PrivacyPage Arrive(BrowserSession session, IResponse response) => new(session, response);

    /// <summary>Presses the header's "English" button; the app returns to this page in English.</summary>
    public Task<PrivacyPage> InEnglishAsync() => SwitchLanguageAsync(r => new PrivacyPage(Session, r), "privacy-en", "English");

    /// <summary>Presses the header's "Nederlands" button to return to Dutch.</summary>
    public Task<PrivacyPage> InDutchAsync() => SwitchLanguageAsync(r => new PrivacyPage(Session, r), "privacy-nl", "Nederlands");

    /// <summary>What the page says about the host: its name and contact, or that it has not filled them in.</summary>
    public async Task<string> HostTextAsync() =>
        (await Page.Locator("main section[aria-labelledby=privacy-roles] p.host-named, main section[aria-labelledby=privacy-roles] p.host-unnamed").InnerTextAsync()).Trim();
}
