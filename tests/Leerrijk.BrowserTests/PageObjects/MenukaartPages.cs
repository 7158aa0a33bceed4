using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/menukaart: the first steps, with filters and search.</summary>
public sealed class MenukaartPage : PageObject
{
    private MenukaartPage(BrowserSession session, IResponse response)
        : base(session, response, "/menukaart")
    {
    }

    public static Task<MenukaartPage> OpenAsync(BrowserSession session) =>
        OpenAsync(session, "/menukaart", r => new MenukaartPage(session, r), "menukaart");

    public Task<string> CountAsync() => Page.GetByRole(AriaRole.Status).Last.InnerTextAsync();

    public Task<int> CardCountAsync() => Page.Locator("main .card").CountAsync();

    public async Task<MenukaartPage> FilterOnEffortAsync(string option)
    {
        await Page.GetByLabel("Hoeveel tijd?").SelectOptionAsync(new SelectOptionValue { Label = option });
        return await GoToAsync(() => MainButton("Zoeken").ClickAsync(), r => new MenukaartPage(Session, r), "menukaart-filtered");
    }

    public Task<StepPage> OpenFirstAsync() =>
        GoToAsync(() => Page.Locator("main .card h2 a").First.ClickAsync(), r => new StepPage(Session, r), "menukaart-step");
}

/// <summary>/menukaart/{slug}: one first step.</summary>
public sealed partial class StepPage : PageObject
{
    internal StepPage(BrowserSession session, IResponse response)
        : base(session, response, StepPath())
    {
    }

    public static Task<StepPage> OpenAsync(BrowserSession session, string slug) =>
        OpenAsync(session, "/menukaart/" + slug, r => new StepPage(session, r), "menukaart-" + slug);

    public Task<int> StepCountAsync() => Page.Locator("main ol li").CountAsync();

    /// <summary>The "Hoe betaal ik dit?" item of one offer, by its link text.</summary>
    public Task<string> HowToPayItemAsync(string offerTitle) =>
        Page.Locator("section[aria-labelledby=hoe-betaal-ik] li").Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = offerTitle, Exact = true }) }).InnerTextAsync();

    [GeneratedRegex("^/menukaart/[a-z0-9-]+$")]
    private static partial Regex StepPath();
}

/// <summary>/verhalen and /verhalen/{slug}.</summary>
public sealed partial class StoriesPage : PageObject
{
    private StoriesPage(BrowserSession session, IResponse response)
        : base(session, response, StoriesPath())
    {
    }

    public static Task<StoriesPage> OpenAsync(BrowserSession session) =>
        OpenAsync(session, "/verhalen", r => new StoriesPage(session, r), "stories");

    public Task<StoriesPage> OpenFirstAsync() =>
        GoToAsync(() => Page.Locator("main .card h2 a").First.ClickAsync(), r => new StoriesPage(Session, r), "story");

    [GeneratedRegex("^/verhalen(/[a-z0-9-]+)?$")]
    private static partial Regex StoriesPath();
}

/// <summary>/snelscan: the owner's quick scan and its result.</summary>
public sealed class QuickScanPage : PageObject
{
    internal QuickScanPage(BrowserSession session, IResponse response)
        : base(session, response, "/snelscan")
    {
    }

    public static Task<QuickScanPage> OpenAsync(BrowserSession session) =>
        OpenAsync(session, "/snelscan", r => new QuickScanPage(session, r), "snelscan");

    public async Task<QuickScanPage> AnswerAllAndShowAsync(string label)
    {
        var questions = Page.Locator("fieldset.question");
        for (var i = 0; i < await questions.CountAsync(); i++)
        {
            await questions.Nth(i).GetByLabel(label, new() { Exact = true }).CheckAsync();
        }

        return await GoToAsync(() => MainButton("Toon mijn uitslag").ClickAsync(), r => new QuickScanPage(Session, r), "snelscan-result");
    }

    public Task<int> FirstStepCountAsync() => Page.Locator("main ol[aria-labelledby=scan-steps] > li").CountAsync();

    /// <summary>The first steps' menukaart slugs, in order.</summary>
    public Task<IReadOnlyList<string>> FirstStepSlugsAsync() => QuickScanSteps.SlugsAsync(Page, "scan-steps");

    /// <summary>The result's chart as the accessibility tree sees it (the one shown at this width).</summary>
    public ILocator Chart => Page.Locator("main figure.chart svg[role=img]:visible");

    /// <summary>Presses "Uitslag bewaren" while logged in: the app goes on to the form for a new organisation.</summary>
    public Task<CreateOrganisationPage> KeepAsync() =>
        GoToAsync(() => MainButton("Uitslag bewaren").ClickAsync(), r => new CreateOrganisationPage(Session, r), "snelscan-keep");

    /// <summary>Presses "Uitslag bewaren" without an account: the app asks to make one first (the result waits in a cookie).</summary>
    public Task<RegisterPage> KeepAsNewcomerAsync() =>
        GoToAsync(() => MainButton("Uitslag bewaren").ClickAsync(), r => new RegisterPage(Session, r), "snelscan-keep-newcomer");
}

/// <summary>Reads the quick scan's first steps where the result is shown (its page or the dashboard).</summary>
public static class QuickScanSteps
{
    public static async Task<IReadOnlyList<string>> SlugsAsync(IPage page, string listId)
    {
        var hrefs = await page.Locator($"main ol[aria-labelledby={listId}] > li > strong > a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        return [.. hrefs.Select(h => h["/menukaart/".Length..])];
    }
}

/// <summary>/o/{orgId}/plan: the action plan.</summary>
public sealed partial class PlanPage : PageObject
{
    internal PlanPage(BrowserSession session, IResponse response)
        : base(session, response, PlanPath())
    {
    }

    public static Task<PlanPage> OpenAsync(BrowserSession session, Guid organisationId) =>
        OpenAsync(session, $"/o/{organisationId}/plan", r => new PlanPage(session, r), "plan");

    /// <summary>The number of steps in the plan's table.</summary>
    public Task<int> RowCountAsync() => Page.Locator("main table#steps tbody tr").CountAsync();

    /// <summary>Fills "Een indicator toevoegen" with a standard indicator (by its option text) and presses "Indicator toevoegen".</summary>
    public async Task<PlanPage> AddIndicatorAsync(string kind, string baseline, DateOnly baselineOn, string target, DateOnly targetOn)
    {
        await Page.GetByLabel("Soort indicator", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = kind });
        await Page.GetByLabel("Nulmeting", new() { Exact = true }).FillAsync(baseline);
        await Page.GetByLabel("Datum nulmeting", new() { Exact = true }).FillAsync(Iso(baselineOn));
        await Page.GetByLabel("Doel", new() { Exact = true }).FillAsync(target);
        await Page.GetByLabel("Doel bereikt op", new() { Exact = true }).FillAsync(Iso(targetOn));
        return await GoToAsync(() => MainButton("Indicator toevoegen").ClickAsync(), r => new PlanPage(Session, r), "plan-indicator-added");
    }

    /// <summary>Fills the "Nieuwe meting" form of the one indicator on the page and presses "Meting toevoegen".</summary>
    public async Task<PlanPage> AddMeasurementAsync(DateOnly on, string value)
    {
        await Page.GetByLabel("Datum meting", new() { Exact = true }).FillAsync(Iso(on));
        await Page.GetByLabel("Waarde", new() { Exact = true }).FillAsync(value);
        return await GoToAsync(() => MainButton("Meting toevoegen").ClickAsync(), r => new PlanPage(Session, r), "plan-measured");
    }

    /// <summary>The points of the indicator chart's solid realisation line, left to right as drawn.</summary>
    public async Task<IReadOnlyList<(double X, double Y)>> RealisationPointsAsync()
    {
        var line = Page.Locator("main figure.chart svg > polyline.realisation");
        if (await line.CountAsync() == 0)
        {
            return [];
        }

        var points = await line.GetAttributeAsync("points") ?? "";
        return points.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }

    /// <summary>Whether the chart draws its target line dashed.</summary>
    public async Task<bool> TargetIsDashedAsync() =>
        !string.IsNullOrEmpty(await Page.Locator("main figure.chart svg > line.target").GetAttributeAsync("stroke-dasharray"));

    /// <summary>The rows of the indicator's table of values (what, date, value).</summary>
    public async Task<IReadOnlyList<string>> IndicatorValueRowsAsync() =>
        (await Page.Locator("main table.indicator-values tbody tr").AllInnerTextsAsync()).Select(r => r.Trim()).ToList();

    /// <summary>Fills "Zelf een stap toevoegen" with a title and the offer picked by its option text, and adds it.</summary>
    public async Task<PlanPage> AddOwnStepAsync(string title, string offerOption)
    {
        await Page.Locator("#new-title").FillAsync(title);
        await Page.Locator("#new-offer").SelectOptionAsync(new SelectOptionValue { Label = offerOption });
        return await GoToAsync(() => MainButton("Stap toevoegen").ClickAsync(), r => new PlanPage(Session, r), "plan-own-step");
    }

    /// <summary>The text of the row of the step with this title.</summary>
    public Task<string> StepRowAsync(string title) =>
        Page.Locator("main table#steps tbody tr").Filter(new() { HasText = title }).InnerTextAsync();

    /// <summary>Follows "Vouchers en subsidies voor deze stappen".</summary>
    public Task<VouchersPage> FollowVouchersAsync() =>
        GoToAsync(() => MainLink("Vouchers en subsidies voor deze stappen").ClickAsync(), r => new VouchersPage(Session, r), "vouchers");

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("^/o/[0-9a-f-]+/plan$")]
    private static partial Regex PlanPath();
}
