using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;

namespace Leerrijk.IntegrationTests.Infrastructure;

/// <summary>How pages and files reach the browser: compressed when asked, files without cookies and cached by fingerprint.</summary>
public sealed partial class DeliveryTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task A_page_asked_for_compressed_comes_compressed_and_decodes_to_the_same_html(string encoding)
    {
        var round = await app.CreateRoundAsync();
        var client = app.CreateBrowserClient();
        var plain = await client.GetAsync($"/s/{round.Code}");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/s/{round.Code}");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        var compressed = await client.SendAsync(request);

        Assert.Equal(encoding, Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        var sent = await compressed.Content.ReadAsByteArrayAsync();
        var html = Decode(sent, encoding);
        var plainHtml = await plain.Content.ReadAsStringAsync();
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Contains("<html lang=\"nl\">", plainHtml, StringComparison.Ordinal);
        // The antiforgery token differs in every response (see the next test); the rest of the page is the same.
        Assert.Equal(WithoutTokens(plainHtml), WithoutTokens(html));
        Assert.True(sent.Length * 2 < Encoding.UTF8.GetByteCount(html), $"{sent.Length} bytes sent for {html.Length} characters");
    }

    [Fact]
    public async Task Every_response_of_a_form_page_carries_a_different_antiforgery_token()
    {
        // What keeps compression over HTTPS from leaking the token (BREACH, ADR 0014): it is never the same twice.
        var client = app.CreateBrowserClient();

        var first = TokenPattern().Match(await client.GetHtmlAsync("/Account/Login")).Groups[1].Value;
        var second = TokenPattern().Match(await client.GetHtmlAsync("/Account/Login")).Groups[1].Value;

        Assert.NotEmpty(first);
        Assert.NotEmpty(second);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Https_pages_are_compressed_except_the_one_that_shows_an_authenticator_key()
    {
        var user = await app.CreateUserAsync();
        var client = await app.LoggedInClientAsync(user.Email!);

        var organisations = await GetAsync(client, "https://localhost/organisations", "br");
        var twoFactor = await GetAsync(client, "https://localhost/Account/TwoFactor", "br");

        Assert.Equal(HttpStatusCode.OK, organisations.StatusCode);
        Assert.Equal("br", Assert.Single(organisations.Content.Headers.ContentEncoding));
        Assert.Equal(HttpStatusCode.OK, twoFactor.StatusCode);
        Assert.Empty(twoFactor.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task The_stylesheet_and_the_favicon_set_no_cookie()
    {
        var round = await app.CreateRoundAsync();
        var page = await app.CreateBrowserClient().GetHtmlAsync($"/s/{round.Code}");
        var stylesheet = StylesheetPattern().Match(page).Groups[1].Value;
        var signedIn = await app.LoggedInClientAsync((await app.CreateUserAsync()).Email!);

        foreach (var path in new[] { stylesheet, "/css/site.css", "/favicon.ico" })
        {
            foreach (var client in new[] { app.CreateClient(), signedIn })
            {
                var response = await client.GetAsync(path);

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.False(response.Headers.Contains("Set-Cookie"), $"{path} set {string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var c) ? c : [])}");
            }
        }

        // The page itself still gives a new browser its rate-limit id.
        Assert.True((await app.CreateClient().GetAsync($"/s/{round.Code}")).Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    [InlineData("Production")]
    public async Task The_stylesheet_as_a_page_names_it_is_cached_for_a_year_in_every_environment(string environment)
    {
        var factory = new EnvironmentAppFactory(environment);
        await factory.InitializeAsync();
        try
        {
            var client = factory.CreateClient();
            var page = await client.GetHtmlAsync("/Account/Login");
            var stylesheet = StylesheetPattern().Match(page).Groups[1].Value;

            var response = await client.GetAsync(stylesheet);
            var plain = await client.GetAsync("/css/site.css");

            Assert.Matches(@"^/css/site\.[a-z0-9]+\.css$", stylesheet);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
            Assert.Contains("immutable", response.Headers.CacheControl!.Extensions.Select(e => e.Name));
            Assert.Equal(await plain.Content.ReadAsStringAsync(), await response.Content.ReadAsStringAsync());
            Assert.True(plain.Headers.CacheControl?.NoCache, "The address without fingerprint is revalidated.");
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        return await client.SendAsync(request);
    }

    private static string Decode(byte[] body, string encoding)
    {
        using Stream decoder = encoding == "br"
            ? new BrotliStream(new MemoryStream(body), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var reader = new StreamReader(decoder, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string WithoutTokens(string html) => TokenPattern().Replace(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"…\"");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex StylesheetPattern();

    /// <summary>The app as it runs under scripts/run.sh (Development) or published (Production), instead of the tests' own environment.</summary>
    private sealed class EnvironmentAppFactory(string environment) : LeerrijkAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
            builder.UseSetting("App:PublicBaseUrl", "https://leerrijk.example");
        }
    }
}
