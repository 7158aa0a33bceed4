using System.Net;

namespace Leerrijk.IntegrationTests.Infrastructure;

/// <summary>An app with small budgets, so limits are reached quickly: 20 requests per browser, 2,000 per address.</summary>
public sealed class TightLimitsApp : LeerrijkAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:PerClientPerMinute"] = "20",
        ["RateLimits:PerAddressPerMinute"] = "2000",
        ["RateLimits:AccountPostsPerClientPerMinute"] = "3",
    };
}

public sealed class RateLimitingTests(TightLimitsApp app) : IClassFixture<TightLimitsApp>
{
    [Fact]
    public async Task One_browser_over_its_budget_gets_429_with_retry_after_and_an_explanation()
    {
        var client = app.CreateBrowserClient();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 30 && refused is null; i++)
        {
            var response = await client.GetAsync("/");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
        }

        Assert.NotNull(refused);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        var html = await refused.TextAsync();
        Assert.Contains("Even rustig aan", html, StringComparison.Ordinal);
        Assert.Contains("seconden opnieuw proberen", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sixty_colleagues_behind_one_office_address_are_not_locked_out()
    {
        // The test server gives every request the same (empty) remote address, like one office router.
        var colleagues = Enumerable.Range(0, 60).Select(_ => app.CreateBrowserClient()).ToList();
        var statuses = new List<HttpStatusCode>();
        foreach (var client in colleagues)
        {
            for (var page = 0; page < 10; page++)
            {
                statuses.Add((await client.GetAsync(page % 2 == 0 ? "/" : "/Account/Login")).StatusCode);
            }
        }

        Assert.Equal(600, statuses.Count);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task Log_in_attempts_have_their_own_smaller_budget()
    {
        var client = app.CreateBrowserClient();
        var token = await client.GetAntiforgeryTokenAsync("/Account/Login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = "raden@example.test",
                ["Input.Password"] = "gok nummer " + i,
            }));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
