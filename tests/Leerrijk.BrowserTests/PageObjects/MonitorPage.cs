using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/programma/{id}: a programme's monitor, and the same page drilled into one dimension.</summary>
public sealed partial class MonitorPage : PageObject
{
    internal MonitorPage(BrowserSession session, IResponse response)
        : base(session, response, MonitorPath())
    {
    }

    public static Task<MonitorPage> OpenAsync(BrowserSession session, Guid programmeId) =>
        OpenAsync(session, $"/programma/{programmeId}", r => new MonitorPage(session, r), "programme-monitor");

    /// <summary>The cells of the reach table's row for one step (such as "Doet mee").</summary>
    public Task<IReadOnlyList<string>> ReachRowAsync(string step) =>
        Page.Locator("table.funnel tr").Filter(new() { Has = Page.GetByRole(AriaRole.Rowheader, new() { Name = step, Exact = true }) }).Locator("td").AllInnerTextsAsync();

    /// <summary>Follows the first "Uitsplitsen: …" link.</summary>
    public Task<MonitorPage> DrillIntoFirstAsync() =>
        GoToAsync(() => Page.GetByRole(AriaRole.Link, new() { NameRegex = DrillLink() }).First.ClickAsync(), r => new MonitorPage(Session, r), "programme-drilldown");

    /// <summary>The headings of the breakdown tables on a drill-down page.</summary>
    public Task<IReadOnlyList<string>> BreakdownHeadingsAsync() => Page.Locator("main h3").AllInnerTextsAsync();

    [GeneratedRegex("^/programma/[0-9a-fA-F-]{36}$")]
    private static partial Regex MonitorPath();

    [GeneratedRegex("^Uitsplitsen: ")]
    private static partial Regex DrillLink();
}
