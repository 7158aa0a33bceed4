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
}
