using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/o/{orgId}/rounds/{roundId}/or-informatie: the printable information sheet for the works council.</summary>
public sealed partial class CouncilSheetPage : PageObject
{
    internal CouncilSheetPage(BrowserSession session, IResponse response)
        : base(session, response, SheetPath())
    {
    }

    public static Task<CouncilSheetPage> OpenAsync(BrowserSession session, Guid organisationId, Guid roundId) =>
        OpenAsync(session, $"/o/{organisationId}/rounds/{roundId}/or-informatie", r => new CouncilSheetPage(session, r), "council-sheet");

    /// <summary>The sheet's text (the article), without the screen-only hint.</summary>
    public Task<string> SheetTextAsync() => Page.Locator("main article.sheet").InnerTextAsync();

    /// <summary>The numbered questions on the sheet, in order.</summary>
    public async Task<int> QuestionCountAsync() => await Page.Locator("main .sheet-items li").CountAsync();

    /// <summary>Whether the printing hint and the site header are visible; on paper neither should be.</summary>
    public async Task<(bool Hint, bool Header)> ScreenOnlyVisibleAsync() =>
        (await Page.Locator("main .screen-only").IsVisibleAsync(), await Page.Locator("header.site-header").IsVisibleAsync());

    /// <summary>Shows the page as the printer sees it (print media) or as the screen does again.</summary>
    public Task EmulatePrintAsync(bool print) => Page.EmulateMediaAsync(new() { Media = print ? Media.Print : Media.Null });

    /// <summary>Follows the link at the bottom to the privacy page.</summary>
    public Task<PrivacyPage> OpenPrivacyAsync() =>
        GoToAsync(() => Page.Locator("main article.sheet").GetByRole(AriaRole.Link, new() { Name = "Privacy", Exact = true }).ClickAsync(), r => PrivacyPage.Arrive(Session, r), "privacy-from-sheet");

    [GeneratedRegex("^/o/[0-9a-f-]+/rounds/[0-9a-f-]+/or-informatie$")]
    private static partial Regex SheetPath();
}
