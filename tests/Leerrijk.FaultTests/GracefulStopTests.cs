using Leerrijk.FaultTests.Harness;

namespace Leerrijk.FaultTests;

/// <summary>
/// Check 3 (D7): SIGTERM while devices submit, as a deploy or a container stop does. Submissions in flight must be
/// finished or refused (and then resent), none half-written; the app must exit cleanly within its shutdown time.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class GracefulStopTests(FaultFixture fixture)
{
    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task SIGTERM_under_load_finishes_or_refuses_every_submission_and_exits_cleanly(string kind)
    {
        var stops = Profile.Pick(3, 10);
        var rate = Profile.Pick(50, 100);
        var database = await fixture.DatabaseAsync(kind, "sigterm");
        await using var app = new AppProcess("sigterm", database, FaultFixture.NoRateLimits);
        await app.StartAsync();
        using var load = new SubmissionLoad(app.BaseAddress);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(rate, stop.Token);

        var exits = new List<(int Code, double Milliseconds)>();
        for (var i = 0; i < stops; i++)
        {
            await Task.Delay(Random.Shared.Next(1000, 3000));
            var (code, took) = await app.TerminateAsync();
            exits.Add((code, took.TotalMilliseconds));
            await app.StartAsync();
        }

        // A second's worth acknowledged after the last restart before the load stops.
        await load.AcknowledgedMoreAsync(rate, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await running;
        await load.DrainAsync(TimeSpan.FromSeconds(60));
        var verdict = await Verdict.CheckAsync(database, load);

        Results.Record("3. Graceful stop (SIGTERM under load)", kind,
        [
            ("SIGTERMs, each followed by a restart", stops),
            ("submission rate offered", $"{rate}/s"),
            ("exit codes", string.Join(", ", exits.Select(e => e.Code))),
            ("SIGTERM to exit, median / max", $"{Figures.Percentile(exits.Select(e => e.Milliseconds).ToList(), 50):0} / {exits.Max(e => e.Milliseconds):0} ms"),
            .. verdict.Figures(load),
        ],
        [("clean exit (0) within 30 s; lost 0, none half-written, no 5xx", exits.All(e => e.Code == 0 && e.Milliseconds < 30_000) && verdict.Passed && load.ServerErrors == 0)]);

        verdict.Assert(load);
        Assert.All(exits, e => Assert.Equal(0, e.Code));
        Assert.All(exits, e => Assert.True(e.Milliseconds < 30_000, $"Stopping took {e.Milliseconds:0} ms."));
    }
}
