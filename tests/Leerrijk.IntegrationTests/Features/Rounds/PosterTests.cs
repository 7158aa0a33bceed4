using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Rounds;

/// <summary>The printable QR poster of a round: /o/{orgId}/rounds/{roundId}/poster.</summary>
public sealed partial class PosterTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static DateOnly Today => LocalizationSetup.Today(TimeProvider.System);

    private async Task<(Organisation Organisation, HttpClient Client)> MemberAsync(OrganisationRole role)
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var member = await app.CreateUserAsync();
        await app.AddMemberAsync(organisation.Id, member.Id, role);
        return (organisation, await app.LoggedInClientAsync(member.Email!));
    }

    /// <summary>A round straight in the database, for languages the one-value form helper cannot post.</summary>
    private async Task<Round> RoundAsync(Guid organisationId, params string[] languages)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var round = new Round
        {
            OrganisationId = organisationId,
            Code = Round.NewCode(),
            Title = "Najaarsmeting werkplaats",
            InstrumentId = "leerrijk-teamscan",
            InstrumentVersion = 1,
            InstrumentFingerprint = "test",
            OpensOn = Today,
            ClosesOn = Today.AddDays(21),
            Roles = ["Employee"],
            Languages = [.. languages],
            AnonymityThreshold = 5,
            CreatedByUserId = Guid.NewGuid(),
        };
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        return round;
    }

    [Fact]
    public async Task Poster_and_start_page_state_the_same_minutes_for_a_round_with_a_module()
    {
        var (organisation, client) = await MemberAsync(OrganisationRole.Hr);
        var round = await RoundAsync(organisation.Id, "nl");
        var catalog = app.Services.GetRequiredService<Leerrijk.Web.Features.Instruments.InstrumentCatalog>();
        var module = catalog.Find("leerklimaat-monitor")!;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            var stored = await db.Rounds.IgnoreQueryFilters().SingleAsync(r => r.Id == round.Id);
            stored.ModuleId = module.Id;
            stored.ModuleVersion = module.Version;
            await db.SaveChangesAsync();
        }

        var minutes = catalog.Find("leerrijk-teamscan", 1)!.Minutes + module.Minutes;
        var poster = await client.GetHtmlAsync(Poster(organisation.Id, round.Id));
        var start = await app.CreateBrowserClient().GetHtmlAsync("/s/" + round.Code);

        Assert.Contains($"Geef uw mening in {minutes} minuten.", poster, StringComparison.Ordinal);
        Assert.Contains($"Alles bij elkaar duurt het invullen ongeveer {minutes} minuten.", start, StringComparison.Ordinal);
    }

    private static string Poster(Guid organisationId, Guid roundId) => $"/o/{organisationId}/rounds/{roundId}/poster";

    [Fact]
    public async Task Hr_opens_a_round_and_follows_the_link_to_a_poster_with_code_link_and_QR_code()
    {
        var (organisation, client) = await MemberAsync(OrganisationRole.Hr);
        var newRound = $"/o/{organisation.Id}/rounds/new?instrument=leerrijk-teamscan";
        var created = await client.PostFormAsync(newRound, new()
        {
            ["Input.Title"] = "Voorjaarsmeting",
            ["Input.OpensOn"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.ClosesOn"] = Today.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Roles"] = "Employee",
            ["Input.Languages"] = "nl",
            ["Input.AnonymityThreshold"] = "6",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using var scope = app.Services.CreateScope();
        var round = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Rounds.SingleAsync(r => r.OrganisationId == organisation.Id);
        var details = await client.GetHtmlAsync(created.Headers.Location!.OriginalString);
        var poster = Poster(organisation.Id, round.Id);
        Assert.Contains($"<a href=\"{poster}\">Poster afdrukken</a>", details, StringComparison.Ordinal);

        var html = await client.GetHtmlAsync(poster);

        Assert.Contains("<h1 class=\"poster-heading\">Hoe leren wij van elkaar?</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Geef uw mening in 8 minuten.", html, StringComparison.Ordinal);
        Assert.Contains("Voorjaarsmeting", html, StringComparison.Ordinal);
        Assert.Contains($"<strong>{round.Code}</strong>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"http://localhost/s/{round.Code}\">localhost<wbr>/s/{round.Code}</a>", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"poster-qr-code\" role=\"img\"", html, StringComparison.Ordinal);
        Assert.Contains($"<title>QR-code die naar localhost/s/{round.Code} leidt</title>", html, StringComparison.Ordinal);
        Assert.Contains("niemand kan zien wie wat heeft geantwoord, en groepen van minder dan 6 mensen worden nooit apart getoond.", html, StringComparison.Ordinal);
        var closes = round.ClosesOn.ToString("D", LocalizationSetup.Dutch);
        Assert.Contains($"Meedoen kan tot en met {closes}.", html, StringComparison.Ordinal);
        Assert.Contains("Druk deze pagina af met de afdrukknop van uw browser (A4).", html, StringComparison.Ordinal);
        Assert.DoesNotContain("How do we learn from each other?", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_viewer_may_print_it_too()
    {
        var (organisation, viewer) = await MemberAsync(OrganisationRole.Viewer);
        var round = await RoundAsync(organisation.Id, "nl");

        var response = await viewer.GetAsync(Poster(organisation.Id, round.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(round.Code, await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_round_in_both_languages_gets_dutch_with_english_below_and_taal_en_gives_english_only()
    {
        var (organisation, client) = await MemberAsync(OrganisationRole.Viewer);
        var round = await RoundAsync(organisation.Id, "nl", "en");
        var url = Poster(organisation.Id, round.Id);

        var both = await client.GetHtmlAsync(url);
        var english = await client.GetHtmlAsync(url + "?taal=en");

        Assert.Contains("<div class=\"poster-main\" lang=\"nl\">", both, StringComparison.Ordinal);
        Assert.Contains("<div class=\"poster-second\" lang=\"en\">", both, StringComparison.Ordinal);
        Assert.True(
            both.IndexOf("Hoe leren wij van elkaar?", StringComparison.Ordinal) < both.IndexOf("How do we learn from each other?", StringComparison.Ordinal),
            "Dutch comes first, English below it.");
        Assert.Contains("groups of fewer than 5 people are never shown separately", both, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{url}?taal=en\">Poster alleen in het Engels</a>", both, StringComparison.Ordinal);

        Assert.Contains("<div class=\"poster-main\" lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("<h1 class=\"poster-heading\">How do we learn from each other?</h1>", english, StringComparison.Ordinal);
        Assert.Contains("Give your opinion in 8 minutes.", english, StringComparison.Ordinal);
        Assert.Contains($"You can take part until {round.ClosesOn.ToString("D", LocalizationSetup.English)}.", english, StringComparison.Ordinal);
        Assert.Contains($"<title>QR code that leads to localhost/s/{round.Code}</title>", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Hoe leren wij van elkaar?", english, StringComparison.Ordinal);
        Assert.DoesNotContain("poster-second", english, StringComparison.Ordinal);
        // The member's own language (Dutch) still speaks around the poster.
        Assert.Contains("<html lang=\"nl\">", english, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{url}\">Poster in het Nederlands en Engels</a>", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Taal_en_on_a_dutch_only_round_stays_dutch()
    {
        var (organisation, client) = await MemberAsync(OrganisationRole.Viewer);
        var round = await RoundAsync(organisation.Id, "nl");

        var html = await client.GetHtmlAsync(Poster(organisation.Id, round.Id) + "?taal=en");

        Assert.Contains("<h1 class=\"poster-heading\">Hoe leren wij van elkaar?</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("How do we learn", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Poster alleen in het Engels", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_round_and_a_round_of_another_organisation_are_404()
    {
        var (organisation, client) = await MemberAsync(OrganisationRole.Owner);
        var (other, _) = await MemberAsync(OrganisationRole.Owner);
        var foreign = await RoundAsync(other.Id, "nl");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Poster(organisation.Id, Guid.NewGuid()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Poster(organisation.Id, foreign.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Poster(other.Id, foreign.Id))).StatusCode);
    }

    [Fact]
    public async Task The_QR_code_is_the_one_for_exactly_the_public_link()
    {
        var (organisation, client) = await MemberAsync(OrganisationRole.Viewer);
        var round = await RoundAsync(organisation.Id, "nl");
        var link = $"http://localhost/s/{round.Code}";
        var label = $"QR-code die naar localhost/s/{round.Code} leidt";

        // Raw markup, not HTML-decoded: the SVG must be in the page exactly as generated.
        var html = await (await client.GetAsync(Poster(organisation.Id, round.Id))).Content.ReadAsStringAsync();
        var svg = Assert.Single(SvgElement().Matches(html)).Value;

        // QRCoder cannot decode, so: the same link gives the same markup, and another link gives other modules.
        Assert.Equal(PosterModel.QrSvg(link, label), svg);
        Assert.NotEmpty(Modules(svg));
        var otherCode = round.Code == "ABCDEF" ? "ABCDEG" : "ABCDEF";
        var other = PosterModel.QrSvg($"http://localhost/s/{otherCode}", label);
        Assert.NotEqual(Modules(svg), Modules(other));
        Assert.NotEqual(Modules(svg), Modules(PosterModel.QrSvg(link + "/", label)));
        // Nothing the CSP (style-src 'self') would block: colours are attributes, not style.
        Assert.DoesNotContain("style", svg, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("viewBox=", svg, StringComparison.Ordinal);
    }

    /// <summary>The path that draws the dark modules.</summary>
    private static string Modules(string svg) => PathData().Match(svg).Groups["d"].Value;

    [GeneratedRegex("<svg class=\"poster-qr-code\".*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgElement();

    [GeneratedRegex("<path[^>]* d=\"(?<d>[^\"]+)\"")]
    private static partial Regex PathData();
}
