using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Leerrijk.IntegrationTests.Infrastructure;

public sealed class SecurityHeaderTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    public static TheoryData<string> Paths => new() { "/", "/Account/Login", "/health", "/css/site.css", "/bestaat-niet", "/error/500" };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await app.CreateBrowserClient().GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scriptSrc);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Https_responses_outside_development_carry_a_one_year_hsts()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://leerrijk.example/") });

        var response = await client.GetAsync("/");

        var hsts = Assert.Single(response.Headers.GetValues("Strict-Transport-Security"));
        Assert.Contains("max-age=31536000", hsts, StringComparison.Ordinal);
        Assert.Contains("includeSubDomains", hsts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_for_signed_in_people_are_never_cached()
    {
        var user = await app.CreateUserAsync();
        var client = await app.LoggedInClientAsync(user.Email!);

        var response = await client.GetAsync("/organisations");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
    }

    [Fact]
    public async Task Every_form_needs_an_antiforgery_token()
    {
        var client = app.CreateBrowserClient();
        await client.GetAsync("/Account/Login");

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "iemand@example.test",
            ["Input.Password"] = "wat dan ook hier",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Dat konden we niet verwerken", await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_pages_get_a_plain_404_page()
    {
        var response = await app.CreateBrowserClient().GetAsync("/bestaat-niet");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Pagina niet gevonden", await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_callers_get_problem_details_instead_of_a_page()
    {
        var response = await app.CreateBrowserClient().GetAsync("/api/v1/bestaat-niet");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":404", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
