using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Webhooks;

/// <summary>
/// The app with webhooks to a receiver on 127.0.0.1 allowed (test configuration only), no background delivery (tests
/// call RunDueAsync), a short timeout, a short backoff schedule (1 and 2 minutes, 3 attempts), switch-off after 2
/// deliveries that gave up, and a clock the tests can move on.
/// </summary>
public sealed class WebhookApp : LeerrijkAppFactory
{
    public ShiftedClock Clock { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:AllowPrivateAddresses"] = "true",
        ["Webhooks:RunInBackground"] = "false",
        ["Webhooks:Timeout"] = "00:00:02",
        ["Webhooks:Backoff:0"] = "00:01:00",
        ["Webhooks:Backoff:1"] = "00:02:00",
        ["Webhooks:MaxAttempts"] = "3",
        ["Webhooks:DisableAfterFailures"] = "2",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>The app as configured outside tests as far as webhooks go (no private addresses), without background delivery.</summary>
public sealed class StrictWebhookApp : LeerrijkAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:RunInBackground"] = "false",
    };
}

/// <summary>What the webhook tests do through the pages, as an owner or coordinator would.</summary>
public static partial class WebhookPages
{
    /// <summary>Adds a webhook on <paramref name="page"/>; returns the secret the page showed once and the new subscription's id.</summary>
    public static async Task<(string Secret, string Html)> SubscribeAsync(HttpClient client, string page, string url, params string[] events)
    {
        var fields = new List<(string, string)> { ("Input.Url", url), ("Input.Description", "Test") };
        fields.AddRange(events.Select(e => ("Input.Events", e)));
        var response = await client.PostFormFieldsAsync(page + "?handler=Add", fields, page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        var match = SecretPattern().Match(html);
        Assert.True(match.Success, "The page showed no secret after adding the webhook.");
        Assert.True(response.Headers.CacheControl?.NoStore, "The response with the secret may be stored.");
        return (match.Groups[1].Value, html);
    }

    public static async Task CloseRoundAsync(HttpClient client, Guid organisationId, Guid roundId)
    {
        var details = $"/o/{organisationId}/rounds/{roundId}";
        var closed = await client.PostFormAsync(details + "?handler=Close", new() { ["confirmed"] = "true" }, details);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
    }

    /// <summary>
    /// Checks a delivery as docs/webhooks.md tells a receiver to, written out here rather than calling Leerrijk's code:
    /// HMAC-SHA256 keyed with the secret's text over "t.body", compared with v1, and t close to now.
    /// </summary>
    public static void AssertSignedWith(ReceivedWebhook received, string secret, DateTimeOffset now)
    {
        var header = received.Header("Leerrijk-Signature");
        var parts = header.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var t = long.Parse(parts["t"], CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(now.ToUnixTimeSeconds() - t) <= 300, $"The signature's time {t} is not close to now.");
        var signed = Encoding.UTF8.GetBytes(parts["t"] + ".").Concat(received.Body).ToArray();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
        Assert.Equal(expected, parts["v1"]);
    }

    [GeneratedRegex("<code class=\"secret\" id=\"webhook-secret-value\">(lrwh_[0-9a-f]{64})</code>")]
    private static partial Regex SecretPattern();
}
