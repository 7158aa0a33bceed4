using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/o/{orgId}/rounds/{roundId}/report: a round's report with charts, tables and downloads.</summary>
public sealed partial class ReportPage : PageObject
{
    internal ReportPage(BrowserSession session, IResponse response)
        : base(session, response, ReportPath())
    {
    }

    public static Task<ReportPage> OpenAsync(BrowserSession session, Guid organisationId, Guid roundId, string step = "report") =>
        OpenAsync(session, $"/o/{organisationId}/rounds/{roundId}/report", r => new ReportPage(session, r), step);

    /// <summary>Presses "In actieplan" beside the first of the report's first steps, where the step is shown.</summary>
    public Task AddFirstStepToPlanAsync() =>
        Session.NavigateAsync(() => Page.Locator("main section[aria-labelledby=first-steps] form button").First.ClickAsync());

    /// <summary>The charts as the accessibility tree sees them: images named by their title.</summary>
    /// <remarks>Each chart is drawn for a phone and for a page; only the one for this width is visible.</remarks>
    public ILocator Charts => Page.Locator("main figure.chart svg[role=img]:visible");

    /// <summary>The smallest font size, in CSS pixels as drawn, of any visible chart's text.</summary>
    public Task<double> SmallestChartTextAsync() => Page.EvaluateAsync<double>(
        "() => Math.min(...[...document.querySelectorAll('main figure.chart svg')].filter(s => s.getBoundingClientRect().width > 0)"
        + ".flatMap(s => [...s.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * s.getBoundingClientRect().width / s.viewBox.baseVal.width)))");

    /// <summary>Whether the report has a trend section comparing with an earlier round.</summary>
    public async Task<bool> HasTrendAsync() => await Page.Locator("main section[aria-labelledby=trend] svg[role=img]:visible").CountAsync() == 1;

    public async Task<IReadOnlyList<string>> SectionHeadingsAsync() =>
        await Page.Locator("main h2").AllInnerTextsAsync();

    /// <summary>Follows a download link and returns the file's bytes and suggested name.</summary>
    public async Task<(byte[] Bytes, string Name)> DownloadAsync(string linkText)
    {
        var download = await Page.RunAndWaitForDownloadAsync(() => MainLink(linkText).ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return (memory.ToArray(), download.SuggestedFilename);
    }

    /// <summary>The report printed to PDF by the browser with the print stylesheet, as someone pressing Ctrl+P gets it.</summary>
    public Task<byte[]> PrintToPdfAsync() => Page.PdfAsync(new() { Format = "A4", PrintBackground = true });

    /// <summary>The text of the section "Hoe staat u ervoor vergeleken met andere bedrijven?", or null when the page has none.</summary>
    public async Task<string?> NormSectionTextAsync()
    {
        var section = Page.Locator("main section[aria-labelledby=norms]");
        return await section.CountAsync() == 1 ? await section.InnerTextAsync() : null;
    }

    /// <summary>Follows the comparison section's link to the method page.</summary>
    public Task<NormsMethodPage> OpenNormMethodAsync() =>
        GoToAsync(() => Page.Locator("main section[aria-labelledby=norms]").GetByRole(AriaRole.Link, new() { Name = "Zo vergelijken we bedrijven", Exact = true }).ClickAsync(),
            r => NormsMethodPage.Arrive(Session, r), "norms-method-from-report");

    [GeneratedRegex("^/o/[0-9a-f-]+/rounds/[0-9a-f-]+/report$")]
    private static partial Regex ReportPath();
}
