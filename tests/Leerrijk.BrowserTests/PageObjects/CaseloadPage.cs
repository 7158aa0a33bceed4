using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/support/{id}: an adviser's caseload, where they land after log-in.</summary>
public sealed partial class CaseloadPage : PageObject
{
    internal CaseloadPage(BrowserSession session, IResponse response)
        : base(session, response, CaseloadPath())
    {
    }

    /// <summary>The company names in the table, in the order shown.</summary>
    public async Task<IReadOnlyList<string>> CompaniesAsync() =>
        [.. (await Page.Locator("main table.caseload tbody th[scope=row] > a").AllInnerTextsAsync()).Select(t => t.Trim())];

    /// <summary>The table row of one company, as text.</summary>
    public Task<string> RowTextAsync(string company) =>
        Page.Locator("main table.caseload tbody tr").Filter(new() { HasText = company }).InnerTextAsync();

    /// <summary>Searches by name with the filter form.</summary>
    public async Task<CaseloadPage> SearchAsync(string text)
    {
        await Page.GetByLabel("Zoek op naam").FillAsync(text);
        return await GoToAsync(() => MainButton("Toon").ClickAsync(), r => new CaseloadPage(Session, r), "caseload-search");
    }

    /// <summary>Follows the company's latest round in its row to the report.</summary>
    public Task<ReportPage> OpenLatestReportAsync(string company, string roundTitle) =>
        GoToAsync(
            () => Page.Locator("main table.caseload tbody tr").Filter(new() { HasText = company }).GetByRole(AriaRole.Link, new() { Name = roundTitle }).ClickAsync(),
            r => new ReportPage(Session, r),
            "caseload-report");

    [GeneratedRegex("^/support/(?<id>[0-9a-f-]{36})$")]
    private static partial Regex CaseloadPath();
}
