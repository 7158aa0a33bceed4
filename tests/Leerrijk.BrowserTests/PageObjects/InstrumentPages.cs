using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/instrumenten: the library of scans.</summary>
public sealed partial class InstrumentLibraryPage : PageObject
{
    private InstrumentLibraryPage(BrowserSession session, IResponse response)
        : base(session, response, "/instrumenten")
    {
    }

    public static Task<InstrumentLibraryPage> OpenAsync(BrowserSession session) =>
        OpenAsync(session, "/instrumenten", r => new InstrumentLibraryPage(session, r), "instruments");

    public Task<int> CountAsync() => Page.Locator("main .card").CountAsync();

    public Task<InstrumentPreviewPage> OpenPreviewAsync(string title) =>
        GoToAsync(() => MainLink(title).ClickAsync(), r => new InstrumentPreviewPage(Session, r), "instrument-preview");
}

/// <summary>/instrumenten/{id}: an instrument as a respondent sees it.</summary>
public sealed partial class InstrumentPreviewPage : PageObject
{
    internal InstrumentPreviewPage(BrowserSession session, IResponse response)
        : base(session, response, PreviewPath())
    {
    }

    public Task<int> QuestionCountAsync() => Page.Locator("fieldset.question").CountAsync();

    /// <summary>Chooses the role in the (JavaScript-free) role form and shows the questions for it.</summary>
    public async Task<InstrumentPreviewPage> ShowForAsync(string roleLabel)
    {
        await Page.GetByLabel("Bekijk de vragen voor").SelectOptionAsync(new SelectOptionValue { Label = roleLabel });
        return await GoToAsync(() => MainButton("Tonen").ClickAsync(), r => new InstrumentPreviewPage(Session, r), "instrument-preview-" + roleLabel);
    }

    public static Task<InstrumentPreviewPage> OpenAsync(BrowserSession session, string id) =>
        OpenAsync(session, "/instrumenten/" + id, r => new InstrumentPreviewPage(session, r), "instrument-preview");

    public Task<bool> ShowsAsync(string text) => Page.GetByText(text, new() { Exact = true }).IsVisibleAsync();

    [GeneratedRegex("^/instrumenten/[a-z0-9-]+$")]
    private static partial Regex PreviewPath();
}
