using System.Globalization;
using System.Net;
using Leerrijk.Web.Infrastructure.Localization;

namespace Leerrijk.IntegrationTests.Infrastructure;

public sealed class LanguageTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Fact]
    public async Task Dutch_is_the_default_even_for_an_english_browser()
    {
        var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB,en;q=0.9");

        var html = await client.GetHtmlAsync("/");

        Assert.Contains("<html lang=\"nl\">", html, StringComparison.Ordinal);
        Assert.Contains("Houd uw mensen en uw vakmanschap in huis", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_header_switch_remembers_english_and_returns_to_the_same_page()
    {
        var client = app.CreateBrowserClient();

        var switched = await client.PostFormAsync("/language", new() { ["lang"] = "en", ["returnUrl"] = "/Account/Login" }, "/Account/Login");

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/Account/Login", switched.Headers.Location!.OriginalString);
        Assert.Contains(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith(LocalizationSetup.CookieName, StringComparison.Ordinal) && c.Contains("max-age", StringComparison.OrdinalIgnoreCase));
        var login = await client.GetHtmlAsync("/Account/Login");
        Assert.Contains("<html lang=\"en\">", login, StringComparison.Ordinal);
        Assert.Contains("Forgot your password?", login, StringComparison.Ordinal);

        var back = await client.PostFormAsync("/language", new() { ["lang"] = "nl", ["returnUrl"] = "/" }, "/");
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Contains("Wachtwoord vergeten?", await client.GetHtmlAsync("/Account/Login"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_switch_refuses_unknown_languages_and_foreign_return_urls()
    {
        var client = app.CreateBrowserClient();

        var unknown = await client.PostFormAsync("/language", new() { ["lang"] = "fr", ["returnUrl"] = "/" }, "/");
        var foreign = await client.PostFormAsync("/language", new() { ["lang"] = "en", ["returnUrl"] = "https://evil.example/" }, "/");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("/", foreign.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Validation_messages_follow_the_language()
    {
        var client = app.CreateBrowserClient();
        await client.PostFormAsync("/language", new() { ["lang"] = "en", ["returnUrl"] = "/" }, "/");

        var response = await client.PostFormAsync("/Account/Register", new() { ["Input.Email"] = "not-an-address" });

        var html = await response.TextAsync();
        Assert.Contains("Please fill in Name.", html, StringComparison.Ordinal);
        Assert.Contains("Enter a valid email address", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dates_are_written_the_dutch_or_english_way()
    {
        var user = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(user.Id);
        var client = await app.LoggedInClientAsync(user.Email!);
        var today = LocalizationSetup.ToLocalTime(DateTime.UtcNow);

        var dutch = await client.GetHtmlAsync($"/o/{organisation.Id}");
        await client.PostFormAsync("/language", new() { ["lang"] = "en", ["returnUrl"] = "/" }, "/");
        var english = await client.GetHtmlAsync($"/o/{organisation.Id}");

        Assert.Contains(today.ToString("D", CultureInfo.GetCultureInfo("nl-NL")), dutch, StringComparison.Ordinal);
        Assert.Contains(today.ToString("D", CultureInfo.GetCultureInfo("en-GB")), english, StringComparison.Ordinal);
        Assert.Contains("Your role: Owner", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shared_link_can_ask_for_english()
    {
        var html = await app.CreateBrowserClient().GetHtmlAsync("/?lang=en");

        Assert.Contains("Keep your people and your craftsmanship in house", html, StringComparison.Ordinal);
    }
}
