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

    public Task<int> StepCountAsync() => Page.Locator("main ol li").CountAsync();

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
    private QuickScanPage(BrowserSession session, IResponse response)
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

    public Task<int> FirstStepCountAsync() => Page.Locator("main section[aria-labelledby=steps] li").CountAsync();
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

    public Task<int> RowCountAsync() => Page.Locator("main table tbody tr").CountAsync();

    [GeneratedRegex("^/o/[0-9a-f-]+/plan$")]
    private static partial Regex PlanPath();
}
