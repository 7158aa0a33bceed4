using System.Net;
using System.Net.Http.Json;
using Leerrijk.Web.Features.Answering;

namespace Leerrijk.IntegrationTests.Infrastructure;

/// <summary>
/// A saturated app turns newcomers at a survey link away with a light 429 page and lets everyone already answering
/// through. Saturation is simulated with a limit of 0 requests in flight; the real overload is measured by
/// tests/Leerrijk.FaultTests (OverloadTests). Slowness is simulated by counting every request as slow.
/// </summary>
public sealed class AdmissionControlTests(AdmissionControlTests.SaturatedApp app, AdmissionControlTests.SlowApp slow)
    : IClassFixture<AdmissionControlTests.SaturatedApp>, IClassFixture<AdmissionControlTests.SlowApp>
{
    public sealed class SaturatedApp : LeerrijkAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Admission:MaxConcurrentRequests"] = "0" };
    }

    public sealed class SlowApp : LeerrijkAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Admission:SlowMilliseconds"] = "0",
            ["Admission:SlowWindowMilliseconds"] = "600000",
        };
    }

    [Fact]
    public async Task Slow_answering_also_counts_as_saturated_but_only_once_enough_people_have_been_answering()
    {
        var round = await slow.CreateRoundAsync();

        // No respondent request has been timed yet: nothing says the app is slow.
        var first = await slow.CreateBrowserClient().GetAsync($"/s/{round.Code}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        // With a limit of 0 ms every timed request is slow, but it takes twenty of them in the window (ten minutes
        // here) to tell a queue. The first newcomer was one; eighteen screens of someone answering make nineteen.
        var answering = slow.CreateBrowserClient();
        answering.DefaultRequestHeaders.Add("Cookie", $"{Survey.CookieName}={Guid.NewGuid()}");
        for (var i = 0; i < 18; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await answering.GetAsync($"/s/{round.Code}")).StatusCode);
        }

        // Nineteen: the next newcomer is let in, and is the twentieth; the one after is turned away.
        var letIn = await slow.CreateBrowserClient().GetAsync($"/s/{round.Code}");
        var turnedAway = await slow.CreateBrowserClient().GetAsync($"/s/{round.Code}");

        Assert.Equal(HttpStatusCode.OK, letIn.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, turnedAway.StatusCode);
    }

    [Theory]
    [InlineData("nl", "Het is nu erg druk")]
    [InlineData("en", "It is very busy right now")]
    public async Task A_newcomer_at_a_survey_link_gets_a_busy_page_with_retry_after(string language, string title)
    {
        var round = await app.CreateRoundAsync();
        var client = app.CreateBrowserClient();

        foreach (var path in new[] { $"/s/{round.Code}?lang={language}", $"/s/{round.Code}/u/{new string('a', 26)}?lang={language}" })
        {
            var response = await client.GetAsync(path);

            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(120), response.Headers.RetryAfter?.Delta);
            Assert.Contains(title, await response.TextAsync(), StringComparison.Ordinal);
            Assert.True(response.Headers.CacheControl?.NoStore);
            Assert.True(response.Headers.Contains("Content-Security-Policy"));
        }
    }

    [Fact]
    public async Task Someone_already_answering_the_JSON_endpoint_and_other_pages_are_let_through()
    {
        var round = await app.CreateRoundAsync();
        var client = app.CreateBrowserClient();

        client.DefaultRequestHeaders.Add("Cookie", $"{Survey.CookieName}={Guid.NewGuid()}");
        var answering = await client.GetAsync($"/s/{round.Code}");
        var api = await app.CreateClient().PostAsJsonAsync($"/api/v1/s/{round.Code}/responses", new { id = Guid.NewGuid(), answers = new Dictionary<string, int>() });
        var menukaart = await app.CreateClient().GetAsync("/menukaart");

        Assert.Equal(HttpStatusCode.OK, answering.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, menukaart.StatusCode);
    }
}
