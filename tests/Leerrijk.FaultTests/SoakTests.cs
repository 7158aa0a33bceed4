using System.Diagnostics;
using Leerrijk.FaultTests.Harness;

namespace Leerrijk.FaultTests;

/// <summary>
/// Check 8 (E5): a long run at a moderate rate — respondents page by page and devices sending complete responses —
/// on PostgreSQL, where a connection-pool leak would show. Pass: memory growth under 10 % (average of the last
/// fifth against the first fifth after warm-up), no connection-pool exhaustion, nothing lost, no 5xx.
/// Full run: 30 minutes.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "load")]
public sealed class SoakTests(FaultFixture fixture)
{
    [SkippableFact]
    public async Task A_long_run_at_a_moderate_rate_keeps_memory_and_connections_flat()
    {
        var duration = TimeSpan.FromMinutes(Profile.Pick(1, 30));
        var database = await fixture.DatabaseAsync("postgres", "soak");
        await using var app = new AppProcess("soak", database, BurstTests.OneAddressManyPeople);
        await app.StartAsync();
        using var client = Browser.CreateClient(app.BaseAddress, 256);
        var before = (await database.ResponsesAsync(Respondents.DemoCode)).Count;

        var memory = new List<(double Seconds, long Bytes)>();
        var sessions = new List<int>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        using var devices = new SubmissionLoad(app.BaseAddress);
        var sampling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (app.ResidentBytes() is { } bytes)
                {
                    memory.Add((clock.Elapsed.TotalSeconds, bytes));
                }

                if (await database.SessionsAsync() is { } open)
                {
                    sessions.Add(open);
                }

                await Task.Delay(5000, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        });
        var submitting = devices.RunAsync(20, stop.Token);
        var respondents = new JourneyLoad(client, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        await respondents.ArriveSteadyAsync(3, duration);
        await stop.CancelAsync();
        await submitting;
        await sampling;
        await devices.DrainAsync(TimeSpan.FromSeconds(60));
        var seconds = clock.Elapsed.TotalSeconds;

        var verdict = await Verdict.CheckAsync(database, devices, finishedOnPages: respondents.Finished);
        var stored = (await database.ResponsesAsync(Respondents.DemoCode)).Count - before;
        var warm = memory.Where(m => m.Seconds >= Math.Min(60, duration.TotalSeconds / 5)).ToList();
        var fifth = Math.Max(1, warm.Count / 5);
        var early = warm.Take(fifth).Average(m => m.Bytes);
        var late = warm.TakeLast(fifth).Average(m => m.Bytes);
        var growth = (late - early) / early * 100;
        // Npgsql says "The connection pool has been exhausted"; PostgreSQL says "sorry, too many clients already".
        var poolErrors = app.LogText().Split('\n').Count(l => l.Contains("exhausted", StringComparison.OrdinalIgnoreCase) || l.Contains("too many clients", StringComparison.OrdinalIgnoreCase));

        Results.Record("8. Soak at a moderate rate", "postgres",
        [
            ("duration", $"{duration.TotalMinutes:0} min"),
            ("load", "3 respondents/s arriving (page by page, 1–3 s per screen) plus 20 complete responses/s through the JSON endpoint"),
            .. respondents.Summary(seconds),
            ("JSON responses sent / acknowledged / lost", $"{devices.Sent.Count} / {verdict.Acknowledged} / {verdict.Lost}"),
            ("JSON endpoint statuses", string.Join(", ", devices.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")) + (devices.Problems.Count > 0 ? "; " + devices.Problems.First() : "")),
            ("responses stored / finished + acknowledged", $"{stored} / {respondents.Finished + verdict.Acknowledged}"),
            ("app memory (RSS): first fifth after warm-up / last fifth / max", $"{early / 1048576:0} / {late / 1048576:0} / {memory.Max(m => m.Bytes) / 1048576} MiB"),
            ("memory growth", $"{growth:0.0} %"),
            ("PostgreSQL sessions of the app: median / max", sessions.Count == 0 ? "?" : $"{Figures.Percentile(sessions.Select(s => (double)s).ToList(), 50):0} / {sessions.Max()}"),
            ("pool exhaustion or timeouts in the app's log", poolErrors),
        ],
        [
            ("memory growth < 10 %", growth < 10),
            ("no pool exhaustion, nothing lost, 0 × 5xx", poolErrors == 0 && verdict.Passed && respondents.ServerErrors == 0 && devices.ServerErrors == 0 && stored == respondents.Finished + verdict.Acknowledged),
        ]);

        verdict.Assert(devices);
        Assert.Equal(respondents.Finished + verdict.Acknowledged, stored);
        Assert.Equal(0, respondents.ServerErrors);
        Assert.Equal(0, respondents.GaveUp);
        Assert.Equal(0, poolErrors);
        if (Profile.Full)
        {
            // A one-minute run is mostly warm-up: its memory figure is recorded, not judged.
            Assert.True(growth < 10, $"Memory grew {growth:0.0} %.");
        }
    }
}
