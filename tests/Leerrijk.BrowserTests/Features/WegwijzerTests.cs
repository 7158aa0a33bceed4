using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;

namespace Leerrijk.BrowserTests.Features;

/// <summary>The wegwijzer in a browser, without an account, on a desktop and on a phone, each page checked with axe.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WegwijzerTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_visitor_describes_the_company_and_reads_why_an_offer_fits_or_not()
    {
        await using var session = await browser.NewSessionAsync();

        var all = await WegwijzerPage.OpenAsync(session);
        var company = await all.DescribeCompanyAsync("Gelderland", "Achterhoek", "Bouwnijverheid", "60");

        Assert.True(await all.CardCountAsync() >= 40);
        var slim = await company.CardTextAsync("SLIM-regeling (mkb)");
        Assert.Contains("U heeft 60 medewerkers: SLIM-regeling (mkb) is voor bedrijven tot 250.", slim, StringComparison.Ordinal);
        Assert.Contains("Laatst gecontroleerd", slim, StringComparison.Ordinal);
        Assert.Contains("Past niet", await company.CardTextAsync("STAP-budget"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task On_a_phone_the_wegwijzer_fits_the_screen()
    {
        await using var session = await browser.NewPhoneSessionAsync();

        var page = await WegwijzerPage.OpenAsync(session);
        var company = await page.DescribeCompanyAsync("Overijssel", "Twente", "Informatie en communicatie", "12");

        var (scrollWidth, _) = await company.WidthsAsync();
        Assert.True(scrollWidth <= 375, $"the wegwijzer is {scrollWidth}px wide on a 375px phone");
        Assert.Contains("Uw bedrijf zit in Twente: daar is dit aanbod.", await company.CardTextAsync("Twents Fonds voor Vakmanschap – IKBINDR"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_visitor_answers_the_guide_reads_each_yes_and_no_and_finds_the_offers_of_an_area()
    {
        await using var session = await browser.NewSessionAsync();

        var guide = await GuidePage.OpenAsync(session);
        var answered = await guide.AnswerAsync("Gelderland", "Achterhoek", "Bouwnijverheid", "60", "4.000.000");

        var fits = await answered.GroupTextAsync("Past");
        Assert.Contains("Ja: U heeft 60 medewerkers: SLIM-regeling (mkb) is voor bedrijven tot 250.", fits, StringComparison.Ordinal);
        Assert.Contains("Ja: Uw bedrijf zit in Gelderland: daar is dit aanbod.", fits, StringComparison.Ordinal);
        Assert.DoesNotContain("STAP-budget", fits, StringComparison.Ordinal);
        var regions = await answered.FollowRegionsAsync();
        var zeeland = await regions.FollowAreaAsync("Zeeland");
        Assert.Contains("Uw bedrijf zit in Zeeland: daar is dit aanbod.", await zeeland.CardTextAsync("Aan de slag in Zeeland"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_owner_with_sixty_staff_reads_why_SLIM_fits_and_names_the_offer_that_pays_for_a_plan_step()
    {
        var owner = await browser.App.CreateUserAsync();
        var name = "Installatie " + Guid.NewGuid().ToString("N")[..8];
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id, name);
        await using var session = await browser.NewSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);

        var settings = await (await DashboardPage.OpenAsync(session, organisation.Id)).FollowEditDetailsAsync();
        await settings.SaveAsync(new OrganisationProfile(name, "F", "Medium", "gelderland", "achterhoek", null, "60", "4.000.000"));
        var step = await StepPage.OpenAsync(session, "leercoach");
        var slim = await step.HowToPayItemAsync("SLIM-regeling (mkb)");
        var plan = await (await PlanPage.OpenAsync(session, organisation.Id)).AddOwnStepAsync("Leermeesters opleiden", "Gelrepact (Past)");
        var row = await plan.StepRowAsync("Leermeesters opleiden");
        var vouchers = await plan.FollowVouchersAsync();

        Assert.Contains("Past", slim, StringComparison.Ordinal);
        Assert.Contains("U heeft 60 medewerkers: SLIM-regeling (mkb) is voor bedrijven tot 250.", slim, StringComparison.Ordinal);
        Assert.Contains("Gecontroleerd op", slim, StringComparison.Ordinal);
        Assert.Contains("Gelrepact", row, StringComparison.Ordinal);
        Assert.Equal(200, vouchers.StatusCode);
    }
}
