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
    public async Task The_owner_puts_a_first_step_from_the_report_in_the_action_plan()
    {
        var owner = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id, "Schildersbedrijf " + Guid.NewGuid().ToString("N")[..8]);
        var round = await browser.App.CreateRoundAsync(organisation.Id, owner.Id);
        await browser.App.SeedResponsesAsync(round, 24, seed: 12);
        await using var session = await browser.NewSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);

        await ReportPage.OpenAsync(session, organisation.Id, round.Id);
        await session.NavigateAsync(() => session.Page.Locator("main section[aria-labelledby=to-plan] button").First.ClickAsync());
        await session.CheckPageAsync("plan-after-add");
        var plan = await PlanPage.OpenAsync(session, organisation.Id);

        Assert.Equal(1, await plan.RowCountAsync());
    }
}
