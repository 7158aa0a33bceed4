using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;

namespace Leerrijk.BrowserTests.Features;

/// <summary>An owner's first hour (issue 19): the quick scan kept with its steps, closing a round, a trend after an
/// early close, and the report readable on a phone and a desktop.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstHourTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task The_quick_scan_from_the_landing_page_keeps_its_chart_and_steps_after_sign_up()
    {
        var owner = await browser.App.CreateUserAsync();
        await using var session = await browser.NewSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);
        var landing = await LandingPage.OpenAsync(session);

        var result = await (await landing.FollowQuickScanAsync()).AnswerAllAndShowAsync("Oneens");
        Assert.Equal(1, await result.Chart.CountAsync());
        var shown = await result.FirstStepSlugsAsync();
        Assert.Equal(3, shown.Count);

        var form = await result.KeepAsync();
        var dashboard = await form.RegisterAsync(OrganisationProfile.Example("Snelscan " + Guid.NewGuid().ToString("N")[..8]));

        Assert.Equal(shown, await dashboard.QuickScanStepSlugsAsync());
        var plan = await dashboard.AddQuickScanStepToPlanAsync(shown[0]);
        Assert.Equal(1, await plan.RowCountAsync());
    }

    [SkippableFact]
    public async Task A_newcomer_without_an_account_keeps_the_quick_scan_through_registration_confirmation_and_log_in()
    {
        await using var session = await browser.NewSessionAsync();
        var email = $"snelscan-{Guid.NewGuid():N}@example.test";
        var landing = await LandingPage.OpenAsync(session);
        var result = await (await landing.FollowQuickScanAsync()).AnswerAllAndShowAsync("Oneens");
        var shown = await result.FirstStepSlugsAsync();

        var register = await result.KeepAsNewcomerAsync();
        var checkEmail = await register.RegisterAsync("Sanne Smit", email, LeerrijkAppFactory.Password);
        var login = await (await checkEmail.OpenConfirmationLinkFromMailAsync(email)).ConfirmAsync();
        var create = await login.LogInToNewOrganisationAsync(email, LeerrijkAppFactory.Password);
        var dashboard = await create.RegisterAsync(OrganisationProfile.Example("Nieuwkomer " + Guid.NewGuid().ToString("N")[..8]));

        Assert.Equal(3, shown.Count);
        Assert.Equal(shown, await dashboard.QuickScanStepSlugsAsync());
    }

    [SkippableFact]
    public async Task Closing_a_round_asks_first_and_then_shows_it_closed()
    {
        var owner = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id);
        var round = await browser.App.CreateRoundAsync(organisation.Id, owner.Id);
        await using var session = await browser.NewSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);

        var page = await RoundPage.OpenAsync(session, organisation.Id, round.Id);
        Assert.Equal("Open", await page.StatusAsync());
        var asking = await page.AskToCloseAsync();
        Assert.True(await asking.AsksToConfirmAsync());
        Assert.Equal("Open", await asking.StatusAsync());

        var closed = await asking.ConfirmCloseAsync();

        Assert.Equal("Gesloten", await closed.StatusAsync());
        Assert.False(await closed.AsksToConfirmAsync());
    }

    [SkippableFact]
    public async Task A_follow_up_opened_the_day_an_earlier_round_closed_early_shows_the_trend()
    {
        var owner = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id);
        var today = Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(TimeProvider.System);
        var first = await browser.App.CreateRoundAsync(organisation.Id, owner.Id, r => (r.Title, r.OpensOn, r.ClosesOn) = ("Voorjaar", today.AddDays(-14), today.AddDays(14)));
        await browser.App.SeedResponsesAsync(first, 30, seed: 5, close: false);
        await using var session = await browser.NewSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);
        var closed = await (await (await RoundPage.OpenAsync(session, organisation.Id, first.Id)).AskToCloseAsync()).ConfirmCloseAsync();
        Assert.Equal("Gesloten", await closed.StatusAsync());

        var followUp = await browser.App.CreateRoundAsync(organisation.Id, owner.Id, r => (r.Title, r.OpensOn, r.ClosesOn) = ("Najaar", today, today.AddDays(14)));
        await browser.App.SeedResponsesAsync(followUp, 30, seed: 6);
        var report = await ReportPage.OpenAsync(session, organisation.Id, followUp.Id);

        Assert.True(await report.HasTrendAsync());
    }

    [SkippableTheory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task The_report_fits_the_screen_and_its_chart_labels_stay_readable(int width)
    {
        var owner = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id);
        var round = await browser.App.CreateRoundAsync(organisation.Id, owner.Id, r => r.Title = "Breedte " + width);
        await browser.App.SeedResponsesAsync(round, 36, seed: 3);
        await using var session = width < 600 ? await browser.NewPhoneSessionAsync(width) : await browser.NewSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);

        var report = await ReportPage.OpenAsync(session, organisation.Id, round.Id, "report-" + width);

        var (scrollWidth, viewportWidth) = await report.WidthsAsync();
        Assert.True(scrollWidth <= viewportWidth, $"The page is {scrollWidth} px wide in a {viewportWidth} px window.");
        Assert.True(await report.Charts.CountAsync() >= 3);
        var smallest = await report.SmallestChartTextAsync();
        Assert.True(smallest >= 11, $"The smallest chart text is drawn at {smallest:0.0} px.");
    }
}
