using System.Diagnostics;
using System.Net;
using Leerrijk.FaultTests.Harness;

namespace Leerrijk.FaultTests;

/// <summary>
/// Check D9: the app on a pg_auto_failover cluster (monitor, primary, synchronous secondary) with the multi-host
/// connection string, devices submitting, and the primary lost at once (kill -9 of its keeper and PostgreSQL).
/// Nothing acknowledged may be lost (the secondary confirmed every commit before the app said "saved"); while there
/// is no primary people and devices get 503 "try again", never another 5xx; and the app acknowledges submissions
/// again within 30 s of the monitor promoting the secondary, by itself. The old primary then rejoins as the new
/// secondary. A full run fails over back and forth several times with pg_auto_failover's default timeouts.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class FailoverTests
{
    private static readonly TimeSpan BackTarget = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task Losing_the_primary_loses_no_acknowledged_response_answers_503_meanwhile_and_serves_again_soon_after_the_promotion()
    {
        if (AutoFailoverCluster.FindAutoctl() is null)
        {
            if (Profile.InCi)
            {
                throw new InvalidOperationException("CI: pg_auto_failover (postgresql-15-auto-failover) is required for the failover check and is not installed.");
            }

            Skip.If(true, "pg_auto_failover is not installed; scripts/test.sh installs it.");
        }

        var failovers = Profile.Pick(1, 4);
        var rate = Profile.Pick(30, 50);
        var timeouts = Profile.Full ? FailoverTimeouts.Defaults : FailoverTimeouts.Short;
        await using var cluster = await AutoFailoverCluster.StartNewAsync(timeouts);
        var database = Database.PostgresCluster(cluster);
        await using var app = new AppProcess("failover", database, FaultFixture.NoRateLimits);
        await app.StartAsync();
        using var load = new SubmissionLoad(app.BaseAddress);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(rate, stop.Token);
        using var client = Browser.CreateClient(app.BaseAddress);
        var visitor = new Browser(client);

        var rounds = new List<Round>();
        var outagePages = new List<(HttpStatusCode Status, string Body)>();
        for (var i = 0; i < failovers; i++)
        {
            // Devices have been acknowledged on this primary (and so on its synchronous secondary) before it goes.
            var mark = load.Acknowledged.Count;
            await WaitUntilAsync(() => load.Acknowledged.Count >= mark + 2 * rate, "acknowledgements before the failover", TimeSpan.FromSeconds(120));
            // Only with the secondary in sync may nothing be lost: a primary alone (wait_primary) acknowledges on its own.
            await cluster.WaitForAsync(s => s.Count(n => n.Current == "primary") == 1 && s.Count(n => n.Current == "secondary") == 1, "a primary and a synchronous secondary");
            var primary = await cluster.PrimaryAsync() ?? throw new InvalidOperationException("No primary before the failover.");
            var standby = cluster.Nodes.Single(n => n != primary);
            primary.Kill();
            // Lost when the last of its processes is gone, not when the signal is sent: until then its backends and
            // walsender can still commit, and on a busy machine the kill takes a moment. A submission sent in that moment
            // and acknowledged was counted as "serving again" before any promotion (CI, 2026-12-06).
            var killed = Stopwatch.GetTimestamp();

            // While there is no primary: what a visitor sees, once devices are being told 503.
            await WaitUntilAsync(() => load.Outcomes.Any(o => o.SentTicks > killed && o.Status == 503), "a 503 after the primary was lost", TimeSpan.FromSeconds(120));
            var page = await visitor.GetAsync("/menukaart");
            outagePages.Add((page.Status, page.Html));

            var (_, promoted) = await cluster.WaitForAsync(
                s => s.Any(n => n.Name == standby.Name && n.Current is "wait_primary" or "primary"), $"{standby.Name} promoted", TimeSpan.FromSeconds(180));
            await WaitUntilAsync(() => load.Outcomes.Any(o => o.SentTicks > killed && o.Status is 201 or 200), "an acknowledgement after the failover", TimeSpan.FromSeconds(120));
            rounds.Add(Round.Of(load.Outcomes, killed, promoted, primary.Name, standby.Name));

            // The old primary comes back and the monitor makes it the new primary's synchronous secondary.
            primary.Run();
            await cluster.WaitForAsync(
                s => s.Any(n => n.Name == standby.Name && n.Current == "primary") && s.Any(n => n.Name == primary.Name && n.Current == "secondary"),
                $"{primary.Name} back as secondary", TimeSpan.FromSeconds(300));
        }

        var end = load.Acknowledged.Count;
        await WaitUntilAsync(() => load.Acknowledged.Count >= end + 2 * rate, "acknowledgements with the old primary back as secondary", TimeSpan.FromSeconds(120));
        await stop.CancelAsync();
        await running;
        await load.DrainAsync(TimeSpan.FromSeconds(60));
        var verdict = await Verdict.CheckAsync(database, load);
        var state = await cluster.StateAsync();
        var healthy = await app.IsHealthyAsync();

        var badPages = outagePages
            .Where(p => p.Status != HttpStatusCode.OK && (p.Status != HttpStatusCode.ServiceUnavailable || !p.Body.Contains("Probeer het", StringComparison.Ordinal) || Figures.LeakIn(p.Body) is not null))
            .Select(p => $"{(int)p.Status} {p.Body[..Math.Min(200, p.Body.Length)]}")
            .ToList();
        var backMax = rounds.Max(r => r.BackAfterPromotionMs);
        Results.Record("D9. Failover of the PostgreSQL primary (pg_auto_failover)", "postgres",
        [
            ("cluster", "pg_auto_failover monitor, primary and synchronous secondary on 127.0.0.1; the app on `Host=node1,node2;Target Session Attributes=primary`"),
            ("failure", "kill -9 of the primary's pg_autoctl and PostgreSQL (its process group); afterwards it is started again and rejoins as secondary"),
            ("monitor timeouts", timeouts.ToString()),
            ("failovers", string.Join(", ", rounds.Select(r => $"{r.From}→{r.To}"))),
            ("submission rate offered", $"{rate}/s"),
            ("primary lost → first 503, per failover", Join(rounds, r => r.First503Ms)),
            ("primary lost → monitor reports the secondary as wait_primary/primary, per failover", Join(rounds, r => r.PromotedMs)),
            ("promotion → first acknowledgement of a submission sent after the loss, per failover", Join(rounds, r => r.BackAfterPromotionMs)),
            ("answers while there was no primary: 503 / other 5xx / refused or timed out", string.Join(", ", rounds.Select(r => $"{r.Unavailable} / {r.OtherServerErrors} / {r.TransportErrors}"))),
            ("a visitor's page while there was no primary", string.Join(", ", outagePages.Select(p => (int)p.Status))),
            ("of those without a plain 'try again' page, or showing internals", badPages.Count),
            .. verdict.Figures(load),
            ("monitor's state at the end", string.Join(", ", state)),
            ("health at the end", healthy ? "green" : "red"),
        ],
        [
            ($"acknowledging again within {BackTarget.TotalSeconds:0} s of every promotion", backMax <= BackTarget.TotalMilliseconds),
            ("503 while there was no primary, no other 5xx", rounds.All(r => r.Unavailable > 0) && load.ServerErrors == 0),
            ("lost 0: everything acknowledged is on the new primary", verdict.Passed),
        ]);

        verdict.Assert(load);
        Assert.True(healthy);
        Assert.Empty(badPages);
        Assert.All(rounds, r => Assert.True(r.Unavailable > 0, $"No 503 while {r.From} was lost: devices saw {r.TransportErrors} transport errors."));
        Assert.All(rounds, r => Assert.True(r.BackAfterPromotionMs <= BackTarget.TotalMilliseconds, $"Acknowledging again took {r.BackAfterPromotionMs:0} ms after {r.To} was promoted."));
        Assert.Contains(state, s => s.Current == "primary");
        Assert.Contains(state, s => s.Current == "secondary");
    }

    private static string Join(IEnumerable<Round> rounds, Func<Round, double> figure) =>
        string.Join(", ", rounds.Select(r => $"{figure(r):0} ms"));

    /// <summary>Until the condition holds, polled; a signal rather than a guess at how long things take here.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan limit) =>
        Assert.True(await Poll.UntilAsync(condition, limit), $"No {what} within {limit.TotalSeconds:0} s.");

    /// <summary>One failover as the devices saw it, from the loss of the primary to the first acknowledgement after it.</summary>
    private sealed record Round(string From, string To, double First503Ms, double PromotedMs, double BackAfterPromotionMs, int Unavailable, int OtherServerErrors, int TransportErrors)
    {
        public static Round Of(IReadOnlyCollection<Outcome> outcomes, long killed, long promoted, string from, string to)
        {
            double Ms(long ticks) => Stopwatch.GetElapsedTime(killed, ticks).TotalMilliseconds;
            var after = outcomes.Where(o => o.SentTicks > killed).ToList();
            // Service is back with the first submission sent after the loss that was acknowledged; a commit the old
            // primary made just before it went may still have been answered a moment later and does not count.
            var back = after.Where(o => o.Status is 201 or 200).Min(o => o.AnsweredTicks);
            var window = outcomes.Where(o => o.AnsweredTicks > killed && o.AnsweredTicks < back).ToList();
            return new Round(
                from,
                to,
                Ms(after.Where(o => o.Status == 503).Min(o => o.AnsweredTicks)),
                Ms(promoted),
                Stopwatch.GetElapsedTime(promoted, back).TotalMilliseconds,
                window.Count(o => o.Status == 503),
                window.Count(o => o.Status >= 500 && o.Status != 503),
                window.Count(o => o.Status == Outcome.TransportError));
        }
    }
}
