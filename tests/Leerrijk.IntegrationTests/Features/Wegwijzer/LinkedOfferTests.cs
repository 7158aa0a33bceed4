using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Wegwijzer;

namespace Leerrijk.IntegrationTests.Features.Wegwijzer;

/// <summary>The wegwijzer where decisions are made: "Hoe betaal ik dit?" on a menukaart step, and closing windows in the caseload.</summary>
public sealed class LinkedOfferTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Fact]
    public async Task A_members_menukaart_step_lists_the_paying_offers_that_fit_or_may_fit_with_a_reason_and_a_link()
    {
        var (organisation, owner) = await app.OrganisationWithOwnerAsync(); // Gelderland, Achterhoek, sector C, small
        var ended = await TestOffers.AddAsync(app, o => o with { Status = OfferTerms.Ended });

        var html = await owner.GetHtmlAsync("/menukaart/leercoach");

        var section = html[html.IndexOf("<h2 id=\"hoe-betaal-ik\">Hoe betaal ik dit?</h2>", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains($"Het past bij {organisation.Name}, of misschien.", section, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/wegwijzer#aanbod-gelrepact\">Gelrepact</a>", section, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/wegwijzer#aanbod-leercultuurmkb-gelderland\">", section, StringComparison.Ordinal);
        Assert.Contains("Uw bedrijf zit in Gelderland: daar is dit aanbod.", section, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/wegwijzer#aanbod-slim-regeling\">", section, StringComparison.Ordinal); // may fit: turnover unknown
        Assert.DoesNotContain("beyond-limburg", section, StringComparison.Ordinal); // Limburg only
        Assert.DoesNotContain("leercultuurscans", section, StringComparison.Ordinal); // a scan pays for nothing
        Assert.DoesNotContain("stap-budget", section, StringComparison.Ordinal);
        Assert.DoesNotContain(ended.Slug, section, StringComparison.Ordinal);
        Assert.DoesNotContain(">Past niet<", section, StringComparison.Ordinal);
        Assert.True(section.IndexOf("aanbod-gelrepact", StringComparison.Ordinal) < section.IndexOf("aanbod-slim-regeling", StringComparison.Ordinal), "what fits comes before what may fit");
    }

    [Fact]
    public async Task A_visitor_gets_a_link_to_the_wegwijzer_and_each_card_there_has_the_linked_anchor()
    {
        var client = app.CreateClient();

        var step = await client.GetHtmlAsync("/menukaart/leercoach");
        var wegwijzer = await client.GetHtmlAsync("/wegwijzer");

        Assert.Contains("Hoe betaal ik dit?", step, StringComparison.Ordinal);
        Assert.Contains("Kijk welke bij uw bedrijf passen in de wegwijzer. <a href=\"/wegwijzer\">Naar de wegwijzer</a>", step, StringComparison.Ordinal);
        Assert.DoesNotContain("#aanbod-", step, StringComparison.Ordinal);
        Assert.Contains("<li class=\"card\" id=\"aanbod-gelrepact\">", wegwijzer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_caseload_shows_windows_closing_within_30_days_of_offers_that_fit_each_company()
    {
        var (adviser, support) = await app.CreateAdviserAsync();
        var owner = await app.CreateUserAsync();
        var company = await app.CreateOrganisationAsync(owner.Id, "Installatie Gelders"); // Gelderland, Achterhoek
        await app.GrantAsync(company.Id, support.Id, adviser.Id, ConsentScope.ReadReports);
        var closing = await TestOffers.AddAsync(app, o => o with { Windows = [TestOffers.Window(-5, 10)] });
        var later = await TestOffers.AddAsync(app, o => o with { Windows = [TestOffers.Window(-5, 40)] });
        var elsewhere = await TestOffers.AddAsync(app, o => o with { Areas = new OfferAreas(false, ["limburg"], [], []), Windows = [TestOffers.Window(-5, 10)] });
        var ended = await TestOffers.AddAsync(app, o => o with { Status = OfferTerms.Ended, Windows = [TestOffers.Window(-5, 10)] });
        var opening = await TestOffers.AddAsync(app, o => o with { Windows = [TestOffers.Window(5, 60)] });

        var html = await (await app.LoggedInClientAsync(adviser.Email!)).GetHtmlAsync($"/support/{support.Id}");

        Assert.Contains("<th scope=\"col\">Sluit binnen 30 dagen</th>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/wegwijzer#aanbod-{closing.Slug}\">{closing.Title.Nl}</a>:", html, StringComparison.Ordinal);
        Assert.Contains("sluit " + TestOffers.Today.AddDays(10).ToString("d", System.Globalization.CultureInfo.GetCultureInfo("nl-NL")), html, StringComparison.Ordinal);
        foreach (var hidden in new[] { later, elsewhere, ended, opening })
        {
            Assert.DoesNotContain(hidden.Slug, html, StringComparison.Ordinal);
        }
    }
}
