using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;

namespace Leerrijk.BrowserTests.Features;

/// <summary>The menukaart, the stories, the quick scan and the action plan in a browser, each page checked with axe.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MenukaartTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Someone_browses_filters_and_reads_a_step_and_a_story()
    {
        await using var session = await browser.NewSessionAsync();

        var menukaart = await MenukaartPage.OpenAsync(session);
        var all = await menukaart.CardCountAsync();
        var cheap = await menukaart.FilterOnEffortAsync("hoogstens 4 uur in de eerste maand");
        Assert.True(all >= 30, $"{all} steps");
        Assert.InRange(await cheap.CardCountAsync(), 1, all - 1);
        var step = await cheap.OpenFirstAsync();
        Assert.InRange(await step.StepCountAsync(), 3, 5);
        var stories = await StoriesPage.OpenAsync(session);
        await stories.OpenFirstAsync();
    }

    [SkippableFact]
    public async Task On_a_phone_an_owner_takes_the_quick_scan_and_gets_three_first_steps()
    {
        await using var session = await browser.NewPhoneSessionAsync();

        var scan = await QuickScanPage.OpenAsync(session);
        var result = await scan.AnswerAllAndShowAsync("Eens");

        Assert.Equal(3, await result.FirstStepCountAsync());
        var (scrollWidth, _) = await result.WidthsAsync();
        Assert.True(scrollWidth <= 375, $"the result is {scrollWidth}px wide on a 375px phone");
    }

    [SkippableFact]
    public async Task From_the_dashboard_the_owner_puts_a_first_step_of_the_report_in_the_plan_in_two_clicks()
    {
        var owner = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id, "Schildersbedrijf " + Guid.NewGuid().ToString("N")[..8]);
        var round = await browser.App.CreateRoundAsync(organisation.Id, owner.Id);
        await browser.App.SeedResponsesAsync(round, 24, seed: 12);
        await using var session = await browser.NewSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);

        var dashboard = await DashboardPage.OpenAsync(session, organisation.Id);
        var report = await dashboard.FollowLatestReportAsync();
        await report.AddFirstStepToPlanAsync();
        await session.CheckPageAsync("plan-after-add");
        var plan = await PlanPage.OpenAsync(session, organisation.Id);

        Assert.Equal(1, await plan.RowCountAsync());
    }

    [SkippableFact]
    public async Task Script_payloads_an_editor_types_never_run_in_a_readers_browser()
    {
        var editor = await browser.App.CreateUserAsync();
        await browser.App.GrantPlatformRoleAsync(editor.Email!, Leerrijk.Web.Features.Account.PlatformRoles.Editor);
        await using var session = await browser.NewSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(editor.Email!, LeerrijkAppFactory.Password);
        var dialogs = 0;
        session.Page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };

        await session.Page.GotoAsync("/menukaart/toolboxmoment/bewerken");
        await session.CheckPageAsync("edit-step");
        await session.Page.GetByLabel("Waarom het werkt (Nederlands)").FillAsync(
            "Het **werkt**. <script>alert(1)</script> <img src=x onerror=\"window.__xss=1\"> [klik hier](javascript:window.__xss=2) <a href=\"javascript:alert(3)\">link</a>");
        await session.NavigateAsync(() => session.Page.Locator("main").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync());
        await session.CheckPageAsync("edited-step");

        var link = session.Page.Locator("main .markdown a", new() { HasText = "klik hier" });
        if (await link.CountAsync() > 0)
        {
            await link.ClickAsync();
        }

        Assert.Equal("/menukaart/toolboxmoment", new Uri(session.Page.Url).AbsolutePath);
        Assert.Equal(1, await session.Page.Locator("main .markdown strong").CountAsync());
        Assert.Equal(0, await session.Page.Locator("main .markdown script, main .markdown img").CountAsync());
        Assert.Null(await session.Page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        Assert.Equal(0, dialogs);
    }

    [SkippableFact]
    public async Task Keeping_the_quick_scan_leads_to_creating_an_account()
    {
        await using var session = await browser.NewPhoneSessionAsync();
        var result = await (await QuickScanPage.OpenAsync(session)).AnswerAllAndShowAsync("Oneens");
        Assert.Equal(3, await result.FirstStepCountAsync());

        await session.NavigateAsync(() => session.Page.Locator("main").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Uitslag bewaren" }).ClickAsync());
        await session.CheckPageAsync("snelscan-register");

        Assert.Equal("/Account/Register", new Uri(session.Page.Url).AbsolutePath);
        Assert.Contains(await session.Page.Context.CookiesAsync(), c => c.Name == "Leerrijk.Snelscan");
    }
}
