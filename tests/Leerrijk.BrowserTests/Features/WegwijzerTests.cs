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
    public async Task Without_JavaScript_the_filters_and_the_guide_work_as_plain_forms()
    {
        await using var session = await browser.NewNoScriptSessionAsync();

        var filtered = await (await WegwijzerPage.OpenAsync(session)).DescribeCompanyAsync("Gelderland", "Achterhoek", "Bouwnijverheid", "60");
        var slim = await filtered.CardTextAsync("SLIM-regeling (mkb)");
        var guide = await (await GuidePage.OpenAsync(session)).AnswerAsync("Gelderland", "Achterhoek", "Bouwnijverheid", "60", "4.000.000");
        var fits = await guide.GroupTextAsync("Past");

        Assert.Contains("U heeft 60 medewerkers: SLIM-regeling (mkb) is voor bedrijven tot 250.", slim, StringComparison.Ordinal);
        Assert.Contains("Ja: U heeft 60 medewerkers", fits, StringComparison.Ordinal);
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

    [SkippableFact]
    public async Task An_editor_adds_an_offer_and_then_changes_where_it_applies()
    {
        var editor = await browser.App.CreateUserAsync();
        await browser.App.GrantPlatformRoleAsync(editor.Email!, Leerrijk.Web.Features.Account.PlatformRoles.Editor);
        await using var session = await browser.NewSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(editor.Email!, LeerrijkAppFactory.Password);
        var slug = "leerbon-" + Guid.NewGuid().ToString("N")[..8];
        var title = "Leerbon " + slug;

        var form = await (await WegwijzerEditorsPage.OpenAsync(session)).FollowNewOfferAsync();
        await form.FillAsync("Korte naam voor het webadres", slug);
        await form.FillAsync("Naam (Nederlands)", title);
        await form.FillAsync("Naam (Engels)", "Learning voucher " + slug);
        await form.FillAsync("Korte uitleg (Nederlands)", "Een bon voor een cursus.");
        await form.FillAsync("Korte uitleg (Engels)", "A voucher for a course.");
        await form.FillAsync("Wat u krijgt (Nederlands)", "U krijgt een bon voor een cursus van uw mensen.");
        await form.FillAsync("Wat u krijgt (Engels)", "You get a voucher for a course for your people.");
        await form.SetAsync("kind-voucher", true);
        await form.SetAsync("province-gelderland", true);
        await form.FillAsync("Deel van de kosten dat wordt betaald (procent)", "50");
        await form.FillAsync("Bronnen", "https://www.example.org/leerbon");
        var list = await form.AddAsync();

        Assert.Contains(title + " is toegevoegd.", await list.StatusMessageAsync(), StringComparison.Ordinal);
        var edit = await list.FollowOfferAsync(title, slug);
        Assert.True(await edit.IsCheckedAsync("province-gelderland"));
        await edit.SetAsync("province-gelderland", false);
        await edit.SetAsync("province-overijssel", true);
        await edit.SetAsync("region-twente", true);
        await edit.SaveAsync();

        var again = await EditOfferPage.OpenAsync(session, slug);
        Assert.False(await again.IsCheckedAsync("province-gelderland"));
        Assert.True(await again.IsCheckedAsync("region-twente"));
        var history = await again.HistoryAsync();
        Assert.Contains("areas.provinces: van 'gelderland' naar 'overijssel'", history, StringComparison.Ordinal);
        Assert.Contains("Toegevoegd in de app", history, StringComparison.Ordinal);
        var company = await (await WegwijzerPage.OpenAsync(session)).DescribeCompanyAsync("Overijssel", "Twente", "Bouwnijverheid", "12");
        Assert.Contains("Uw bedrijf zit in Twente: daar is dit aanbod.", await company.CardTextAsync(title), StringComparison.Ordinal);
    }
}
