using System.Net;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Answering;

/// <summary>
/// Polish is a respondent language added as content only (content/languages.yaml, translation files, a resource file):
/// a round offers it, the browser or a choice picks it, and a Polish answer is stored and counted like a Dutch one.
/// </summary>
public sealed class PolishTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private Leerrijk.Scoring.Instruments.Instrument Teamscan => app.Services.GetRequiredService<InstrumentCatalog>().Find("leerrijk-teamscan")!;

    /// <summary>A page as text, so a check does not depend on which letters the encoder escapes.</summary>
    private static async Task<string> PageAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetHtmlAsync(url));

    private Task<Round> PolishRoundAsync() => app.CreateRoundAsync(r => r.Languages = ["nl", "en", "pl"]);

    /// <summary>Answers the whole teamscan as an employee in Werkplaats: "4" everywhere but "dk" on the third screen.</summary>
    private async Task AnswerAsync(HttpClient client, Round round)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/s/{round.Code}", new() { ["Role"] = "Employee", ["Department"] = "Werkplaats" })).StatusCode);
        for (var screen = 1; screen <= Teamscan.Dimensions.Count; screen++)
        {
            var fields = Teamscan.ItemsOf(Teamscan.Dimensions[screen - 1].Id).ToDictionary(i => "a." + i.Id, _ => screen == 3 ? "dk" : "4");
            fields["action"] = "next";
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/s/{round.Code}/{screen}", fields)).StatusCode);
        }

        var sent = await client.PostFormAsync($"/s/{round.Code}/{Teamscan.Dimensions.Count + 1}", new() { ["o.wat-helpt"] = "Samen klussen.", ["action"] = "next" });
        Assert.Equal($"/s/{round.Code}/bedankt", sent.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_browser_that_prefers_polish_gets_the_round_in_polish_with_polish_questions_and_page_texts()
    {
        var round = await PolishRoundAsync();
        var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pl-PL,pl;q=0.9,en;q=0.5");

        var start = await PageAsync(client, $"/s/{round.Code}");
        await client.PostFormAsync($"/s/{round.Code}", new() { ["Role"] = "Employee", ["Department"] = "Werkplaats" });
        var first = await PageAsync(client, $"/s/{round.Code}/1");

        Assert.Contains("<html lang=\"pl\">", start, StringComparison.Ordinal);
        Assert.Contains((Teamscan.Title.For("pl")), start, StringComparison.Ordinal);
        Assert.Contains(("Twoja prywatność"), start, StringComparison.Ordinal);
        Assert.Contains((Teamscan.Items[0].Text.For("pl")), first, StringComparison.Ordinal);
        Assert.Contains(("Zdecydowanie się zgadzam"), first, StringComparison.Ordinal);
        Assert.Contains("Krok 1 z 7", first, StringComparison.Ordinal);
        // The switch offers the round's other languages by their own names.
        Assert.Contains(">Nederlands</button>", first, StringComparison.Ordinal);
        Assert.Contains(">English</button>", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Polish_is_only_for_respondents_staff_pages_stay_dutch_and_a_round_without_polish_ignores_it()
    {
        var without = await app.CreateRoundAsync(r => r.Languages = ["nl", "en"]);
        var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pl");

        var switched = await client.PostFormAsync("/language", new() { ["lang"] = "pl", ["returnUrl"] = "/" }, "/");
        var staff = await PageAsync(client, "/Account/Login?lang=pl");
        var respondent = await PageAsync(client, $"/s/{without.Code}");

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains("<html lang=\"nl\">", staff, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"nl\">", respondent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_polish_answer_is_stored_in_polish_and_counts_the_same_as_a_dutch_one()
    {
        var round = await PolishRoundAsync();
        var polish = app.CreateBrowserClient();
        var dutch = app.CreateBrowserClient();
        polish.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pl");

        await AnswerAsync(polish, round);
        Assert.Contains("Dziękujemy!", await PageAsync(polish, $"/s/{round.Code}/bedankt"), StringComparison.Ordinal);
        await AnswerAsync(dutch, round);

        using var scope = app.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Responses
            .Include(r => r.Answers).Include(r => r.Comments)
            .Where(r => r.RoundId == round.Id)
            .ToListAsync();
        Assert.Equal(["nl", "pl"], stored.Select(r => r.Language).Order(StringComparer.Ordinal));
        var answers = stored.Select(r => r.Answers.OrderBy(a => a.ItemId, StringComparer.Ordinal).Select(a => (a.ItemId, a.Value)).ToList()).ToList();
        Assert.Equal(Teamscan.Items.Count, answers[0].Count);
        Assert.Equal(answers[0], answers[1]);
        Assert.All(stored, r => Assert.Equal("Samen klussen.", Assert.Single(r.Comments).Text));
    }

    [Fact]
    public async Task The_round_form_offers_polish_and_stores_it_while_an_unknown_language_is_refused()
    {
        var (organisation, client) = await app.OrganisationWithOwnerAsync();
        var url = $"/o/{organisation.Id}/rounds/new?instrument=leerrijk-teamscan";
        var today = Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(TimeProvider.System);
        (string, string)[] Form(string language) =>
        [
            ("Input.Title", "Meting met Pools"),
            ("Input.OpensOn", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("Input.ClosesOn", today.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("Input.Roles", "Employee"),
            ("Input.Languages", "nl"),
            ("Input.Languages", language),
            ("Input.AnonymityThreshold", "5"),
        ];

        var form = await PageAsync(client, url);
        var refused = await client.PostFormFieldsAsync(url, Form("tr"));
        var created = await client.PostFormFieldsAsync(url, Form("pl"));

        Assert.Contains("id=\"lang-pl\"", form, StringComparison.Ordinal);
        Assert.Contains("<label for=\"lang-pl\">Pools</label>", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using var scope = app.Services.CreateScope();
        var round = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Rounds.SingleAsync(r => r.OrganisationId == organisation.Id);
        Assert.Equal(["nl", "pl"], round.Languages);
        var details = await PageAsync(client, created.Headers.Location!.OriginalString);
        Assert.Contains("Nederlands, Pools", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_poster_is_printed_in_polish_when_asked()
    {
        var (organisation, client) = await app.OrganisationWithOwnerAsync();
        using var scope = app.Services.CreateScope();
        var owner = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Memberships.Where(m => m.OrganisationId == organisation.Id).Select(m => m.UserId).SingleAsync();
        var round = await app.CreateRoundAsync(organisation.Id, owner, r => r.Languages = ["nl", "en", "pl"]);
        var url = $"/o/{organisation.Id}/rounds/{round.Id}/poster";

        var both = await PageAsync(client, url);
        var polish = await PageAsync(client, url + "?taal=pl");

        Assert.Contains("?taal=pl\">Poster in één taal: Pools</a>", both, StringComparison.Ordinal);
        Assert.Contains("<div class=\"poster-main\" lang=\"pl\">", polish, StringComparison.Ordinal);
        Assert.Contains(("Jak uczymy się od siebie nawzajem?"), polish, StringComparison.Ordinal);
        Assert.DoesNotContain("poster-second", polish, StringComparison.Ordinal);
    }
}
