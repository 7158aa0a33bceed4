using System.Text.RegularExpressions;

namespace Leerrijk.IntegrationTests.Features.Wegwijzer;

/// <summary>/wegwijzer: public, judged for the company in the filters, pre-filled for a signed-in member, bad filters answered plainly.</summary>
public sealed class WegwijzerPageTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Fact]
    public async Task A_visitor_without_an_account_sees_each_offer_with_its_reason_status_money_source_and_check_date()
    {
        var html = await app.CreateClient().GetHtmlAsync("/wegwijzer?provincie=gelderland&regio=achterhoek&sector=F&medewerkers=60");

        Assert.Contains("U heeft 60 medewerkers: SLIM-regeling (mkb) is voor bedrijven tot 250.", html, StringComparison.Ordinal);
        Assert.Contains("STAP-budget is gestopt. U kunt het niet meer aanvragen.", html, StringComparison.Ordinal);
        Assert.Contains("Uw bedrijf zit in Gelderland: daar is dit aanbod.", html, StringComparison.Ordinal); // LeercultuurMKB.nl
        Assert.Contains("href=\"https://www.leercultuurmkb.nl/\"", html, StringComparison.Ordinal);
        Assert.Contains("Eigen bijdrage € 2.000.", html, StringComparison.Ordinal);
        Assert.Contains("volgende ronde verwacht rond 1 maart 2026 (schatting)", html, StringComparison.Ordinal);
        Assert.Contains("Laatst gecontroleerd", html, StringComparison.Ordinal);
        Assert.Contains("<dd>Twente, Achterhoek, Stedendriehoek</dd>", html, StringComparison.Ordinal); // Gas erop!
        Assert.Contains("<dd>Heel Nederland</dd>", html, StringComparison.Ordinal);
        Assert.Contains("3 december 2026", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http://", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_fits_comes_first_and_an_ended_offer_is_never_shown_as_fitting()
    {
        var html = await app.CreateClient().GetHtmlAsync("/wegwijzer?provincie=overijssel&regio=twente&sector=J&medewerkers=12");

        var badges = Regex.Matches(html, "<span class=\"badge\">([^<]+)</span>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(badges.OrderBy(b => b switch { "Past" => 0, "Misschien" => 1, _ => 2 }), badges);
        Assert.Contains("Past", badges);
        var stap = html[html.IndexOf("<h2>STAP-budget</h2>", StringComparison.Ordinal)..];
        Assert.StartsWith("<h2>STAP-budget</h2>\n            <p><span class=\"badge\">Past niet</span>", stap.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kind_and_search_filter_the_offers()
    {
        var client = app.CreateClient();

        var scans = await client.GetHtmlAsync("/wegwijzer?soort=scan");
        var twente = await client.GetHtmlAsync("/wegwijzer?q=IKBINDR");

        Assert.Contains("Leercultuurscans van Windesheim, AWVN en TNO", scans, StringComparison.Ordinal);
        Assert.DoesNotContain("<h2>SLIM-regeling (mkb)</h2>", scans, StringComparison.Ordinal);
        Assert.Contains("<h2>Twents Fonds voor Vakmanschap – IKBINDR</h2>", twente, StringComparison.Ordinal);
        Assert.Matches(@"<p role=""status"">1 van de \d+ aanbiedingen</p>", twente);
    }

    [Fact]
    public async Task With_the_turnover_known_slim_fits_a_company_of_sixty()
    {
        var html = await app.CreateClient().GetHtmlAsync("/wegwijzer?provincie=gelderland&regio=achterhoek&sector=F&medewerkers=60&omzet=4.000.000");

        Assert.Contains("Uw omzet is 4.000.000 euro: SLIM-regeling (mkb) is voor bedrijven met hoogstens 50.000.000 euro omzet.", html, StringComparison.Ordinal);
        var slim = html[html.IndexOf("<h2>SLIM-regeling (mkb)</h2>", StringComparison.Ordinal)..].Replace("\r", "", StringComparison.Ordinal);
        Assert.StartsWith("<h2>SLIM-regeling (mkb)</h2>\n            <p><span class=\"badge\">Past</span>", slim, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_filters_and_a_wrong_head_count_are_answered_beside_their_field()
    {
        var html = await app.CreateClient().GetHtmlAsync("/wegwijzer?provincie=atlantis&regio=nergens&sector=Z&medewerkers=-5&soort=lening&voor=iedereen&grootte=Reus&omzet=veel");

        Assert.Contains("Deze provincie kennen we niet. Kies er een uit de lijst.", html, StringComparison.Ordinal);
        Assert.Contains("Deze regio kennen we niet. Kies er een uit de lijst.", html, StringComparison.Ordinal);
        Assert.Contains("Deze sector kennen we niet. Kies er een uit de lijst.", html, StringComparison.Ordinal);
        Assert.Contains("Aantal medewerkers moet tussen 1 en 1.000.000 liggen.", html, StringComparison.Ordinal);
        Assert.Contains("Deze soort aanbod kennen we niet. Kies er een uit de lijst.", html, StringComparison.Ordinal);
        Assert.Contains("Kies werkgevers, werkenden of werkzoekenden.", html, StringComparison.Ordinal);
        Assert.Contains("Deze grootte kennen we niet. Kies er een uit de lijst.", html, StringComparison.Ordinal);
        Assert.Contains("Schrijf Jaaromzet als bedrag in euro", html, StringComparison.Ordinal);
        Assert.Contains("<h2>SLIM-regeling (mkb)</h2>", html, StringComparison.Ordinal); // the page still answers, without the bad filters
    }

    [Fact]
    public async Task A_signed_in_member_starts_from_their_organisations_profile()
    {
        var (organisation, owner) = await app.OrganisationWithOwnerAsync();

        var html = await owner.GetHtmlAsync("/wegwijzer");

        Assert.Contains($"Ingevuld met het profiel van {organisation.Name}.", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"gelderland\" selected=\"selected\">Gelderland</option>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"achterhoek\" selected=\"selected\">Achterhoek</option>", html, StringComparison.Ordinal);
        Assert.Contains("Uw bedrijf zit in Achterhoek: daar is dit aanbod.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_reads_in_english_and_is_in_the_navigation()
    {
        var html = await app.CreateClient().GetHtmlAsync("/wegwijzer?lang=en&medewerkers=60");

        Assert.Contains("<title>Guide: schemes and support for learning", html, StringComparison.Ordinal);
        Assert.Contains("You have 60 employees: SLIM scheme (small and medium-sized firms) is for companies with fewer than 250.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/wegwijzer\"", await app.CreateClient().GetHtmlAsync("/menukaart"), StringComparison.Ordinal);
    }
}
