using System.Net;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Answering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Answering;

/// <summary>A respondent without a language choice gets the round in the offered language their browser prefers.</summary>
public sealed class BrowserLanguageTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Theory]
    [InlineData("nl,en", "en-GB,en;q=0.9,nl;q=0.5", "en")]
    [InlineData("nl,en", "de,fr", "nl")]
    [InlineData("en,nl", "de,fr", "en")]
    [InlineData("nl,en", "nl;q=0.4,en;q=0.8", "en")]
    [InlineData("nl,en", "en;q=0,nl-BE", "nl")]
    [InlineData("nl,en", "fr,EN-us;q=0.7,nl;q=0.6", "en")]
    [InlineData("nl", "en-GB,en;q=0.9", "nl")]
    [InlineData("nl,en", "", "nl")]
    public async Task The_start_page_follows_the_browser_among_the_languages_the_round_offers(string offered, string acceptLanguage, string expected)
    {
        var round = await app.CreateRoundAsync(r => r.Languages = [.. offered.Split(',')]);
        var client = app.CreateBrowserClient();
        if (acceptLanguage.Length > 0)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        var response = await client.GetAsync($"/s/{round.Code}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<html lang=\"{expected}\">", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Fact]
    public async Task The_browser_language_carries_through_the_questions_and_is_stored_with_the_answer()
    {
        var round = await app.CreateRoundAsync();
        var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB,en;q=0.9,nl;q=0.5");

        var started = await client.PostFormAsync($"/s/{round.Code}", new() { ["Role"] = "Employee", ["Department"] = "Werkplaats" });
        var first = await client.GetHtmlAsync($"/s/{round.Code}/1");

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Contains("<html lang=\"en\">", first, StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var draft = await db.Set<ResponseDraft>().SingleAsync(d => d.RoundId == round.Id);
        Assert.Equal("en", draft.Language);
    }

    [Fact]
    public async Task A_choice_in_the_link_or_with_the_switch_beats_the_browser()
    {
        var round = await app.CreateRoundAsync();
        var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB,en;q=0.9");

        var linked = await client.GetHtmlAsync($"/s/{round.Code}?lang=nl");
        var switched = await client.PostFormAsync("/language", new() { ["lang"] = "nl", ["returnUrl"] = $"/s/{round.Code}" }, $"/s/{round.Code}");
        var afterSwitch = await client.GetHtmlAsync($"/s/{round.Code}");

        Assert.Contains("<html lang=\"nl\">", linked, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains("<html lang=\"nl\">", afterSwitch, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_choice_the_round_does_not_offer_gets_the_rounds_language_on_the_whole_page()
    {
        var round = await app.CreateRoundAsync(r => r.Languages = ["en"]);

        var html = await app.CreateBrowserClient().GetHtmlAsync($"/s/{round.Code}?lang=nl");

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Skip to content", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_outside_the_round_stay_dutch_for_an_english_browser()
    {
        var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB,en;q=0.9");

        Assert.Contains("<html lang=\"nl\">", await client.GetHtmlAsync("/"), StringComparison.Ordinal);
    }
}
