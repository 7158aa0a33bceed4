using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Infrastructure;

/// <summary>The app with its Prometheus endpoint on a free port of 127.0.0.1, as a host would configure it.</summary>
public sealed class MetricsApp : LeerrijkAppFactory
{
    public int MetricsPort { get; } = FreePort();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Observability:MetricsPort"] = MetricsPort.ToString(CultureInfo.InvariantCulture),
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// Runs alone, after the parallel tests: OpenTelemetry listens to meters by name across the process, so another
/// app instance alive in this test process would add its figures to ours. A real host runs one app per process.
/// </summary>
[CollectionDefinition(nameof(MetricsCollection), DisableParallelization = true)]
public sealed class MetricsCollection;

/// <summary>What a host watches (issue #20, "Observable"): submissions, the folder's backlog and lag, the mail queue, requests; live and ready.</summary>
[Collection(nameof(MetricsCollection))]
public sealed partial class MetricsTests(MetricsApp app) : IClassFixture<MetricsApp>
{
    private async Task<string> ScrapeAsync()
    {
        using var client = new HttpClient();
        return await client.GetStringAsync(new Uri($"http://127.0.0.1:{app.MetricsPort}/metrics"));
    }

    /// <summary>The value of the one series whose name and labels contain every given part.</summary>
    private static double Value(string scrape, string name, params string[] labels)
    {
        var lines = scrape.Split('\n').Where(line => line.StartsWith(name, StringComparison.Ordinal) && labels.All(l => line.Contains(l, StringComparison.Ordinal))).ToList();
        Assert.True(lines.Count == 1, $"exactly one series {name} {string.Join(",", labels)} in:\n{string.Join('\n', scrape.Split('\n').Where(l => l.StartsWith("leerrijk", StringComparison.Ordinal)))}");
        return double.Parse(SeriesValue().Match(lines[0]).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\}?\s([0-9.eE+-]+)(\s\d+)?$")]
    private static partial Regex SeriesValue();

    private static object Body(Guid id, int score = 4) => new
    {
        id,
        language = "nl",
        role = "employee",
        department = "werkplaats",
        yearsEmployed = "1-5",
        answers = new Dictionary<string, int?> { ["fout-melden"] = score, ["fout-leren"] = 3, ["feedback"] = 5 },
    };

    [Fact]
    public async Task Submissions_folding_mail_and_requests_show_on_the_host_s_metrics_endpoint()
    {
        var today = LocalizationSetup.Today(TimeProvider.System);
        var round = await app.CreateRoundAsync(r => (r.OpensOn, r.ClosesOn, r.Roles) = (today, today.AddDays(7), ["Employee", "Manager"]));
        var client = app.CreateClient();
        var ids = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/v1/s/{round.Code}/responses", Body(id))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/s/{round.Code}/responses", Body(ids[0]))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/v1/s/{round.Code}/responses", Body(ids[1], score: 1))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/v1/s/{round.Code}/responses", Body(Guid.NewGuid(), score: 9))).StatusCode);
        await app.Services.GetRequiredService<StatisticsFolder>().FoldAllAsync();

        var scrape = await ScrapeAsync();

        Assert.Equal(6, Value(scrape, "leerrijk_submissions_total", "outcome=\"stored\"", "acknowledged=\"true\""));
        Assert.Equal(1, Value(scrape, "leerrijk_submissions_total", "outcome=\"replayed\"", "acknowledged=\"true\""));
        Assert.Equal(1, Value(scrape, "leerrijk_submissions_total", "outcome=\"conflict\"", "acknowledged=\"false\""));
        Assert.Equal(1, Value(scrape, "leerrijk_submissions_total", "outcome=\"invalid\"", "acknowledged=\"false\""));
        Assert.Equal(6, Value(scrape, "leerrijk_statistics_folded_total"));
        Assert.Equal(0, Value(scrape, "leerrijk_statistics_backlog"));
        Assert.Equal(0, Value(scrape, "leerrijk_statistics_lag_seconds"));
        Assert.Equal(0, Value(scrape, "leerrijk_mail_queued"));
        Assert.Equal(0, Value(scrape, "leerrijk_admission_in_flight"));
        Assert.DoesNotContain("leerrijk_admission_turned_away", scrape, StringComparison.Ordinal); // a counter appears with its first turn-away
        // The PostgreSQL connection pool, as Npgsql reports it (SQLite has no pool to report).
        Assert.Equal(app.Database.Provider == Leerrijk.Web.Data.DatabaseProvider.Postgres, scrape.Contains("db_client_connection_count{", StringComparison.Ordinal));
        // The runtime's own meter: the thread pool's queue (the wait before admission control sees a request) and the
        // JIT, which bench/submit.sh watches to start measuring only once compilation is done.
        Assert.True(Value(scrape, "dotnet_jit_compilation_time_seconds_total") > 0);
        Assert.Contains("dotnet_thread_pool_queue_length{", scrape, StringComparison.Ordinal);
        // Requests by route and status: the eight posts above, errors among them by their status code.
        Assert.Equal(6, Value(scrape, "http_server_request_duration_seconds_count", "http_route=\"/api/v1/s/{code}/responses\"", "http_response_status_code=\"201\""));
        Assert.Equal(1, Value(scrape, "http_server_request_duration_seconds_count", "http_route=\"/api/v1/s/{code}/responses\"", "http_response_status_code=\"400\""));
    }

    [Fact]
    public async Task Live_answers_without_the_database_and_ready_asks_it()
    {
        var client = app.CreateClient();

        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
    }
}
