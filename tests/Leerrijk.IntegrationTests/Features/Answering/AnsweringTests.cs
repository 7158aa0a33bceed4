using System.Net;
using System.Text.RegularExpressions;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Answering;

/// <summary>Answering a round in the browser without JavaScript: start, one screen per dimension, resume, send.</summary>
public sealed partial class AnsweringTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static DateOnly Today => LocalizationSetup.Today(TimeProvider.System);

    private Task<Round> RoundAsync(bool closed = false, int opensInDays = 0) => app.CreateRoundAsync(r =>
    {
        r.Title = "Najaarsmeting";
        r.OpensOn = Today.AddDays(opensInDays);
        r.ClosesOn = Today.AddDays(opensInDays + 7);
        r.ClosedAtUtc = closed ? DateTime.UtcNow : null;
    });

    private Leerrijk.Scoring.Instruments.Instrument Teamscan => app.Services.GetRequiredService<InstrumentCatalog>().Find("leerrijk-teamscan")!;

    private static async Task<HttpResponseMessage> StartAsync(HttpClient client, Round round) =>
        await client.PostFormAsync($"/s/{round.Code}", new() { ["Role"] = "Employee", ["Department"] = "Werkplaats" });

    private Dictionary<string, string> ScreenAnswers(int dimensionIndex, string value, string action = "next") =>
        Teamscan.ItemsOf(Teamscan.Dimensions[dimensionIndex].Id).ToDictionary(i => "a." + i.Id, _ => value)
            .Append(new KeyValuePair<string, string>("action", action)).ToDictionary();

    [Fact]
    public async Task Respondent_pages_show_no_site_menu_only_the_language_switch()
    {
        var round = await RoundAsync();
        var client = app.CreateBrowserClient();

        var respondent = await client.GetHtmlAsync($"/s/{round.Code}");
        var landing = await client.GetHtmlAsync("/");

        Assert.DoesNotContain("href=\"/Account/Login\"", respondent, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/menukaart\"", respondent, StringComparison.Ordinal);
        Assert.Contains("action=\"/language\"", respondent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"/Account/Login\"", landing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_whole_round_is_answered_screen_by_screen_and_stored_once()
    {
        var round = await RoundAsync();
        var client = app.CreateBrowserClient();
        var start = await client.GetHtmlAsync($"/s/{round.Code}");
        Assert.Contains("We bewaren niet uw naam", start, StringComparison.Ordinal);
        Assert.Contains("minstens 5 mensen", start, StringComparison.Ordinal);

        var started = await StartAsync(client, round);
        Assert.Equal($"/s/{round.Code}/1", started.Headers.Location!.OriginalString);
        var first = await client.GetHtmlAsync($"/s/{round.Code}/1");
        Assert.Matches(ResumeCode(), first);
        Assert.Contains("Stap 1 van 7", first, StringComparison.Ordinal);

        for (var screen = 1; screen <= 6; screen++)
        {
            var response = await client.PostFormAsync($"/s/{round.Code}/{screen}", ScreenAnswers(screen - 1, screen == 3 ? "dk" : "4"));
            Assert.Equal($"/s/{round.Code}/{screen + 1}", response.Headers.Location!.OriginalString);
        }

        var sent = await client.PostFormAsync($"/s/{round.Code}/7", new() { ["o.wat-helpt"] = "Samen klussen.", ["action"] = "next" });
        Assert.Equal($"/s/{round.Code}/bedankt", sent.Headers.Location!.OriginalString);
        Assert.Contains("Dank u wel!", await client.GetHtmlAsync($"/s/{round.Code}/bedankt"), StringComparison.Ordinal);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var stored = await db.Responses.Include(r => r.Answers).Include(r => r.Comments).SingleAsync(r => r.RoundId == round.Id);
        Assert.Equal(Teamscan.Items.Count, stored.Answers.Count);
        Assert.Equal("Werkplaats", stored.Department);
        Assert.Equal(Teamscan.ItemsOf(Teamscan.Dimensions[2].Id).Count(), stored.Answers.Count(a => a.Value is null));
        Assert.Equal("Samen klussen.", Assert.Single(stored.Comments).Text);
        Assert.False(await db.ResponseDrafts.AnyAsync(d => d.RoundId == round.Id));

        // The device no longer has a draft: the questions send it back to the start.
        Assert.Equal($"/s/{round.Code}", (await client.GetAsync($"/s/{round.Code}/2")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Leaving_halfway_loses_nothing_and_the_resume_code_continues_on_another_device()
    {
        var round = await RoundAsync();
        var phone = app.CreateBrowserClient();
        await StartAsync(phone, round);
        var code = ResumeCode().Match(await phone.GetHtmlAsync($"/s/{round.Code}/1")).Groups[1].Value;
        await phone.PostFormAsync($"/s/{round.Code}/1", ScreenAnswers(0, "2"));

        var laptop = app.CreateBrowserClient();
        Assert.Equal($"/s/{round.Code}", (await laptop.GetAsync($"/s/{round.Code}/1")).Headers.Location!.OriginalString);
        var wrong = await laptop.PostFormAsync($"/s/{round.Code}/hervatten", new() { ["ResumeCode"] = "AAAA-BBBB" });
        Assert.Contains("Deze code kennen we niet", await wrong.TextAsync(), StringComparison.Ordinal);
        var resumed = await laptop.PostFormAsync($"/s/{round.Code}/hervatten", new() { ["ResumeCode"] = code.ToLowerInvariant() });
        Assert.Equal($"/s/{round.Code}/1", resumed.Headers.Location!.OriginalString);

        var screen = await laptop.GetHtmlAsync($"/s/{round.Code}/1");
        var firstItem = Teamscan.ItemsOf(Teamscan.Dimensions[0].Id).First().Id;
        Assert.Matches($"name=\"a\\.{firstItem}\" value=\"2\" checked", screen);
    }

    [Fact]
    public async Task Back_saves_the_screen_and_returns_to_the_one_before()
    {
        var round = await RoundAsync();
        var client = app.CreateBrowserClient();
        await StartAsync(client, round);
        await client.PostFormAsync($"/s/{round.Code}/1", ScreenAnswers(0, "5"));

        var back = await client.PostFormAsync($"/s/{round.Code}/2", ScreenAnswers(1, "1", action: "back"));

        Assert.Equal($"/s/{round.Code}/1", back.Headers.Location!.OriginalString);
        var second = await client.GetHtmlAsync($"/s/{round.Code}/2");
        Assert.Matches($"name=\"a\\.{Teamscan.ItemsOf(Teamscan.Dimensions[1].Id).First().Id}\" value=\"1\" checked", second);
    }

    [Fact]
    public async Task A_closed_round_says_so_with_410_and_an_unknown_code_is_404()
    {
        var closed = await RoundAsync(closed: true);
        var client = app.CreateBrowserClient();

        var page = await client.GetAsync($"/s/{closed.Code}");

        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("Deze meting is gesloten", await page.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/s/ONBEKEND")).StatusCode);
    }

    [Fact]
    public async Task A_role_must_be_chosen_when_several_are_invited_and_an_answer_outside_the_scale_is_refused()
    {
        var round = await RoundAsync();
        var client = app.CreateBrowserClient();

        var noRole = await client.PostFormAsync($"/s/{round.Code}", new() { ["Department"] = "Werkplaats" });
        Assert.Contains("Kies uw rol", await noRole.TextAsync(), StringComparison.Ordinal);

        await StartAsync(client, round);
        var answers = ScreenAnswers(0, "4");
        answers[answers.Keys.First(k => k.StartsWith("a.", StringComparison.Ordinal))] = "9";
        var outside = await client.PostFormAsync($"/s/{round.Code}/1", answers);

        Assert.Equal(HttpStatusCode.OK, outside.StatusCode);
        Assert.Contains("9 ligt buiten de schaal van 1 tot en met 5", await outside.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_round_that_has_not_started_says_when_and_stores_nothing()
    {
        var round = await RoundAsync(opensInDays: 3);
        var client = app.CreateBrowserClient();

        var page = await client.GetHtmlAsync($"/s/{round.Code}");
        var post = await StartAsync(client, round);

        Assert.Contains("Deze meting begint op", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().ResponseDrafts.AnyAsync(d => d.RoundId == round.Id));
    }

    [Fact]
    public async Task A_code_typed_in_lower_case_leads_to_the_round_address()
    {
        var round = await RoundAsync();

        var response = await app.CreateBrowserClient().GetAsync($"/s/{round.Code.ToLowerInvariant()}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/s/{round.Code}", response.Headers.Location!.OriginalString);
    }

    [GeneratedRegex("<strong class=\"code\">([A-Z0-9]{4}-[A-Z0-9]{4})</strong>")]
    private static partial Regex ResumeCode();
}
