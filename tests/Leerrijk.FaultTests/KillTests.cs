using Leerrijk.FaultTests.Harness;

namespace Leerrijk.FaultTests;

/// <summary>
/// Check 1 (D1): devices submit at a steady rate while the app is killed with SIGKILL at random moments and
/// restarted; devices resend what was not acknowledged with the same id. Every acknowledged response must be
/// stored exactly once and whole, nothing else may be stored, and SQLite's integrity check must say ok.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class KillTests(FaultFixture fixture)
{
    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Every_acknowledged_response_survives_kill_9_exactly_once(string kind)
    {
        var kills = Profile.Pick(10, 20);
        var rate = Profile.Pick(50, 100);
        var database = await fixture.DatabaseAsync(kind, "kill");
        await using var app = new AppProcess("kill", database, FaultFixture.NoRateLimits);
        await app.StartAsync();
        using var load = new SubmissionLoad(app.BaseAddress);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(rate, stop.Token);

        var random = new Random();
        var restarts = new List<double>();
        for (var i = 0; i < kills; i++)
        {
            await Task.Delay(random.Next(500, 3000));
            app.Kill();
            restarts.Add((await app.StartAsync()).TotalMilliseconds);
        }

        // A second's worth acknowledged after the last restart before the load stops.
        await load.AcknowledgedMoreAsync(rate, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await running;
        await load.DrainAsync(TimeSpan.FromSeconds(60));

        var verdict = await Verdict.CheckAsync(database, load);
        Results.Record("1. Kill test (kill -9 under load)", kind,
        [
            ("kills, each followed by a restart", kills),
            ("submission rate offered", $"{rate}/s, 64 in flight at most"),
            ("restart to healthy, median / max", $"{Figures.Percentile(restarts, 50):0} / {restarts.Max():0} ms"),
            .. verdict.Figures(load),
            ("durability settings", await database.DurabilitySettingsAsync() + (fixture.Postgres is { } pg && kind == "postgres" ? "; " + await pg.SettingsAsync() : "")),
        ],
        [("lost 0, duplicates and partial responses 0, integrity ok, no 5xx", verdict.Passed && load.ServerErrors == 0)]);
        verdict.Assert(load);
    }
}
