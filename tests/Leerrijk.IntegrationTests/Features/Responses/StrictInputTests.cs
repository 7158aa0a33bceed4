using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Responses;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Leerrijk.IntegrationTests.Features.Responses;

/// <summary>The app with every log entry kept, to check what a request leaves in the log.</summary>
public sealed class LoggedAppFactory : LeerrijkAppFactory
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            logging.AddFilter<LogCapture>(null, LogLevel.Debug);
        });
    }
}

/// <summary>POST /api/v1/s/{code}/responses refuses what it cannot take exactly as meant, says why in the caller's language, and stores nothing.</summary>
public sealed class StrictInputTests(LoggedAppFactory app) : IClassFixture<LoggedAppFactory>
{
    private static DateOnly Today => LocalizationSetup.Today(TimeProvider.System);

    private Task<Round> RoundAsync() => app.CreateRoundAsync(r =>
    {
        r.OpensOn = Today;
        r.ClosesOn = Today.AddDays(14);
        r.Roles = ["Employee"];
    });

    private static string Json(Guid id, string answers) =>
        "{\"id\":\"" + id + "\",\"language\":\"nl\",\"role\":\"employee\",\"answers\":{" + answers + "}}";

    private static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<int> RowsAsync(Guid roundId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        return await db.Responses.IgnoreQueryFilters().CountAsync(r => r.RoundId == roundId)
            + await db.Set<ResponseAnswer>().IgnoreQueryFilters().CountAsync(a => db.Responses.IgnoreQueryFilters().Any(r => r.Id == a.ResponseId && r.RoundId == roundId));
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task An_answer_sent_as_a_string_is_refused_naming_the_item_and_nothing_is_stored()
    {
        var round = await RoundAsync();

        var response = await app.CreateClient().PostAsync($"/api/v1/s/{round.Code}/responses", JsonContent(Json(Guid.NewGuid(), "\"fout-melden\":\"3\",\"feedback\":4")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemAsync(response)).GetProperty("errors");
        Assert.Contains("getal zonder aanhalingstekens", errors.GetProperty("answers.fout-melden")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await RowsAsync(round.Id));
    }

    [Fact]
    public async Task An_id_given_twice_is_refused_and_nothing_is_stored()
    {
        var round = await RoundAsync();
        var json = $$"""{"id":"{{Guid.NewGuid()}}","role":"employee","answers":{"fout-melden":3},"Id":"{{Guid.NewGuid()}}"}""";

        var response = await app.CreateClient().PostAsync($"/api/v1/s/{round.Code}/responses", JsonContent(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemAsync(response)).GetProperty("errors");
        Assert.Contains("twee keer", errors.GetProperty("Id")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await RowsAsync(round.Id));
    }

    [Fact]
    public async Task An_item_answered_twice_is_refused_naming_the_item_and_nothing_is_stored()
    {
        var round = await RoundAsync();

        var response = await app.CreateClient().PostAsync($"/api/v1/s/{round.Code}/responses", JsonContent(Json(Guid.NewGuid(), "\"fout-melden\":2,\"feedback\":4,\"fout-melden\":5")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("answers.fout-melden", out _), errors.ToString());
        Assert.Equal(0, await RowsAsync(round.Id));
    }

    [Theory]
    [InlineData("", "geen geldige JSON", "not valid JSON")]
    [InlineData("?lang=en", "not valid JSON", "geen geldige JSON")]
    public async Task Malformed_json_gets_a_detail_in_the_callers_language(string query, string expected, string otherLanguage)
    {
        var round = await RoundAsync();

        var response = await app.CreateClient().PostAsync($"/api/v1/s/{round.Code}/responses{query}", JsonContent("{ dit is geen json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await ProblemAsync(response)).GetProperty("detail").GetString();
        Assert.Contains(expected, detail, StringComparison.Ordinal);
        Assert.DoesNotContain(otherLanguage, detail, StringComparison.Ordinal);
        Assert.Equal(0, await RowsAsync(round.Id));
    }

    [Theory]
    [InlineData("", "verkeerde vorm")]
    [InlineData("?lang=en", "wrong form")]
    public async Task A_value_of_the_wrong_kind_gets_a_detail_in_the_callers_language(string query, string expected)
    {
        var round = await RoundAsync();
        var json = """{"id":"geen-uuid","role":"employee","answers":{"fout-melden":3}}""";

        var response = await app.CreateClient().PostAsync($"/api/v1/s/{round.Code}/responses{query}", JsonContent(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Contains(expected, problem.GetProperty("errors").GetProperty("id")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await RowsAsync(round.Id));
    }

    [Theory]
    [InlineData("", "Stuur de inhoud als JSON")]
    [InlineData("?lang=en", "Send the body as JSON")]
    public async Task A_body_that_is_not_json_gets_415_with_a_detail_in_the_callers_language(string query, string expected)
    {
        var round = await RoundAsync();

        var response = await app.CreateClient().PostAsync(
            $"/api/v1/s/{round.Code}/responses{query}", new StringContent(Json(Guid.NewGuid(), "\"fout-melden\":3"), Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains(expected, (await ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await RowsAsync(round.Id));
    }

    [Theory]
    [InlineData("", "Te veel in één keer", "Stuur één antwoord per verzoek")]
    [InlineData("?lang=en", "Too much at once", "Send one response per request")]
    public async Task An_oversized_body_gets_413_with_a_detail_in_the_callers_language(string query, string title, string detail)
    {
        var round = await RoundAsync();
        var huge = $$"""{"id":"{{Guid.NewGuid()}}","x":"{{new string('a', 1_100_000)}}"}""";

        var response = await app.CreateClient().PostAsync($"/api/v1/s/{round.Code}/responses{query}", JsonContent(huge));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await RowsAsync(round.Id));
    }

    [Theory]
    [InlineData("nl-NL", "Te veel tekst in één keer", "nl")]
    [InlineData("en-GB", "Too much text at once", "en")]
    public async Task A_browser_that_sends_too_much_to_the_api_gets_a_real_page_in_its_language(string culture, string heading, string language)
    {
        var round = await RoundAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/s/{round.Code}/responses")
        {
            Content = JsonContent($$"""{"id":"{{Guid.NewGuid()}}","x":"{{new string('a', 1_100_000)}}"}"""),
        };
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
        // A person's language is the cookie the header switch sets.
        request.Headers.Add("Cookie", $"{LocalizationSetup.CookieName}={Uri.EscapeDataString(CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)))}");

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.TextAsync();
        Assert.StartsWith("<!DOCTYPE html>", html.TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"<html lang=\"{language}\"", html, StringComparison.Ordinal);
        Assert.Contains($"<title>{heading} · Leerrijk</title>", html, StringComparison.Ordinal);
        Assert.Contains($"<h1>{heading}</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Status Code:", html, StringComparison.Ordinal);
        Assert.Equal(0, await RowsAsync(round.Id));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Another_method_than_post_gets_405_with_allow_and_problem_details(string method)
    {
        var round = await RoundAsync();

        var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/s/{round.Code}/responses"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        Assert.Contains("POST", (await ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await RowsAsync(round.Id));
    }

    [Fact]
    public async Task A_replay_logs_one_debug_line_and_no_error()
    {
        var round = await RoundAsync();
        var json = Json(Guid.NewGuid(), "\"fout-melden\":4,\"feedback\":5");
        Assert.Equal(HttpStatusCode.Created, (await app.CreateClient().PostAsync($"/api/v1/s/{round.Code}/responses", JsonContent(json))).StatusCode);
        app.Logs.Clear();

        var replay = await app.CreateClient().PostAsync($"/api/v1/s/{round.Code}/responses", JsonContent(json));

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var entries = app.Logs.Entries;
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Warning);
        Assert.DoesNotContain(entries, e => e.Exception is not null);
        var own = Assert.Single(entries, e => e.Category == typeof(ResponseSubmission).FullName);
        Assert.Equal(LogLevel.Debug, own.Level);
        Assert.Contains("sent again", own.Message, StringComparison.Ordinal);
    }
}
