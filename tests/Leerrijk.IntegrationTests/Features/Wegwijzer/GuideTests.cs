using System.Text.RegularExpressions;
using Leerrijk.Web.Features.Wegwijzer;

namespace Leerrijk.IntegrationTests.Features.Wegwijzer;

/// <summary>"Which offers fit us?" and the offers per area: public pages that explain every yes and no.</summary>
public sealed partial class GuideTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Fact]
    public async Task The_guide_asks_first_and_answers_with_every_rule_for_each_offer()
    {
        var client = app.CreateClient();

        var empty = await client.GetHtmlAsync("/wegwijzer/gids");
        var known = await client.GetHtmlAsync("/wegwijzer/gids?provincie=gelderland&regio=achterhoek&sector=F&medewerkers=60&omzet=4.000.000&voor=employer");
        var unknownTurnover = await client.GetHtmlAsync("/wegwijzer/gids?provincie=gelderland&regio=achterhoek&sector=F&medewerkers=60&voor=employer");

        Assert.Contains("Veel regelingen zijn voor het mkb: minder dan 250 medewerkers.", empty, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"uitkomst\"", empty, StringComparison.Ordinal);

        var fits = Section(known, "Past (");
        Assert.Contains("<strong>Ja:</strong> U heeft 60 medewerkers: SLIM-regeling (mkb) is voor bedrijven tot 250.", Card(fits, "slim-regeling"), StringComparison.Ordinal);
        Assert.Contains("<strong>Ja:</strong> Uw omzet is 4.000.000 euro", Card(fits, "slim-regeling"), StringComparison.Ordinal);
        Assert.Contains("<strong>Ja:</strong> Uw bedrijf zit in Gelderland: daar is dit aanbod.", Card(fits, "gelrepact"), StringComparison.Ordinal);
        Assert.DoesNotContain("beyond-limburg", fits, StringComparison.Ordinal);
        var not = known[known.IndexOf("Past niet, of is gestopt", StringComparison.Ordinal)..];
        Assert.Contains("aanbod-stap-budget", not, StringComparison.Ordinal);
        Assert.Contains("aanbod-beyond-limburg", not, StringComparison.Ordinal);
        Assert.Matches(SummaryLine(), known);

        var maybe = Section(unknownTurnover, "Past misschien (");
        Assert.Contains("<strong>Weten we niet:</strong>", Card(maybe, "slim-regeling"), StringComparison.Ordinal);
        Assert.DoesNotContain("aanbod-slim-regeling", Section(unknownTurnover, "Past ("), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_answers_are_told_beside_their_question_and_a_member_starts_from_the_profile()
    {
        var (organisation, owner) = await app.OrganisationWithOwnerAsync();

        var wrong = await app.CreateClient().GetHtmlAsync("/wegwijzer/gids?provincie=atlantis&medewerkers=nul&voor=iedereen");
        var mine = await owner.GetHtmlAsync("/wegwijzer/gids");

        Assert.Contains("Deze provincie kennen we niet. Kies er een uit de lijst.", wrong, StringComparison.Ordinal);
        Assert.Contains("Schrijf Aantal medewerkers als getal", wrong, StringComparison.Ordinal);
        Assert.Contains("Kies werkgevers, werkenden of werkzoekenden.", wrong, StringComparison.Ordinal);
        Assert.Contains($"Ingevuld met het profiel van {organisation.Name}.", mine, StringComparison.Ordinal);
        Assert.Contains("id=\"uitkomst\"", mine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_region_list_counts_what_is_only_there_and_leaves_ended_offers_out()
    {
        var client = app.CreateClient();
        var before = Count(await client.GetHtmlAsync("/wegwijzer/regios"), "provincie", "zeeland");

        await TestOffers.AddAsync(app, o => o with { Areas = new OfferAreas(false, ["zeeland"], [], []) });
        await TestOffers.AddAsync(app, o => o with { Areas = new OfferAreas(false, ["zeeland"], [], []), Status = OfferTerms.Ended });
        await TestOffers.AddAsync(app, o => o with { Areas = new OfferAreas(false, [], [], [new SubRegion("Walcheren", ["zeeland"], [])]) });
        var after = await client.GetHtmlAsync("/wegwijzer/regios");

        Assert.Equal(before + 2, Count(after, "provincie", "zeeland"));
        Assert.True(Count(after, "provincie", "gelderland") >= 2, "Gelrepact and LeercultuurMKB Gelderland are only in Gelderland");
        Assert.Contains("<a href=\"/wegwijzer?regio=achterhoek\">Achterhoek</a>", after, StringComparison.Ordinal);
    }

    private static string Section(string html, string heading)
    {
        var at = html.IndexOf("<h3>" + heading, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no section {heading}");
        var section = html[at..];
        var next = section.IndexOf("<h3>", 4, StringComparison.Ordinal);
        return next < 0 ? section[..section.IndexOf("<details>", StringComparison.Ordinal)] : section[..next];
    }

    private static string Card(string section, string slug)
    {
        var at = section.IndexOf("aanbod-" + slug + "\"", StringComparison.Ordinal);
        Assert.True(at >= 0, $"{slug} is not in this section");
        var card = section[at..];
        var next = card.IndexOf("<li class=\"card\">", StringComparison.Ordinal);
        return next < 0 ? card : card[..next];
    }

    private static int Count(string html, string parameter, string id)
    {
        var match = Regex.Match(html, $"<a href=\"/wegwijzer\\?{parameter}={id}\">[^<]+</a></th>\\s*<td>(\\d+)</td>");
        Assert.True(match.Success, $"no row for {id}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"<p role=""status"">\d+ past, \d+ past misschien, \d+ past niet\.</p>")]
    private static partial Regex SummaryLine();
}
