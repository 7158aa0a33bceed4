using System.Diagnostics;
using System.Net;
using Leerrijk.FaultTests.Harness;

namespace Leerrijk.FaultTests;

/// <summary>
/// Check 2 (D2): PostgreSQL is stopped (fast and immediate, in turn) and started again while devices submit.
/// Nothing acknowledged may be lost, nothing acknowledged without a commit; the app must serve again within 10 s of
/// the database being back, by itself; and while the database is away people get a "try again" page (503), never
/// a stack trace.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class DatabaseRestartTests(FaultFixture fixture)
{
    private static readonly TimeSpan RecoveryTarget = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public async Task App_keeps_every_acknowledged_response_and_recovers_by_itself_when_PostgreSQL_restarts()
    {
        var restarts = Profile.Pick(5, 10);
        var rate = Profile.Pick(50, 100);
        var database = await fixture.DatabaseAsync("postgres", "restart");
        var postgres = fixture.Postgres!;
        await using var app = new AppProcess("pg-restart", database, FaultFixture.NoRateLimits);
        await app.StartAsync();
        using var load = new SubmissionLoad(app.BaseAddress);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(rate, stop.Token);
        using var client = Browser.CreateClient(app.BaseAddress);

        // A respondent halfway through the questions, who keeps going through every outage.
        var random = new Random();
        var respondent = new Browser(client);
        var start = await respondent.GetAsync($"/s/{Respondents.DemoCode}");
        var questions = await respondent.SubmitAsync(start, start.Form, Browser.RandomChoices(start.Form, random));
        Assert.Equal(HttpStatusCode.OK, questions.Status);
        var visitor = new Browser(client);

        var recoveries = new List<double>();
        var outagePages = new List<(string Path, HttpStatusCode Status, string Body)>();
        for (var i = 0; i < restarts; i++)
        {
            // Submissions are flowing again (a second's worth acknowledged since the last restart) before the next one.
            await load.AcknowledgedMoreAsync(rate, TimeSpan.FromSeconds(30));
            var mode = i % 2 == 0 ? "fast" : "immediate";
            var refusedBefore = load.Statuses.GetValueOrDefault(503);
            await postgres.StopAsync(mode);

            // While the database is away (the stop waits until it is down): what a respondent and a visitor see.
            var form = questions.Form;
            foreach (var page in new[]
            {
                await visitor.GetAsync("/menukaart"),
                await respondent.GetAsync(questions.Url.PathAndQuery),
                await respondent.SubmitAsync(questions, form, Browser.RandomChoices(form, random), button: "next"),
            })
            {
                outagePages.Add((page.Url.PathAndQuery, page.Status, page.Html));
            }

            // The database stays away until the submission load has met this outage too.
            await Poll.UntilAsync(() => load.Statuses.GetValueOrDefault(503) > refusedBefore, TimeSpan.FromSeconds(30));
            await postgres.StartAsync();
            var back = Stopwatch.GetTimestamp();
            await Poll.UntilAsync(() => load.LastAcknowledgedTicks >= back, TimeSpan.FromSeconds(30));

            recoveries.Add(Stopwatch.GetElapsedTime(back).TotalMilliseconds);
        }

        // The respondent goes on where they were: the screen is saved and the next one shown.
        var afterwards = await respondent.SubmitAsync(questions, questions.Form, Browser.RandomChoices(questions.Form, random), button: "next");

        // A second's worth acknowledged after the last restart before the load stops.
        await load.AcknowledgedMoreAsync(rate, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await running;
        await load.DrainAsync(TimeSpan.FromSeconds(60));
        var verdict = await Verdict.CheckAsync(database, load);
        var healthy = await app.IsHealthyAsync();

        var badPages = outagePages
            .Where(p => p.Status != HttpStatusCode.OK && (p.Status != HttpStatusCode.ServiceUnavailable || !p.Body.Contains("Probeer het", StringComparison.Ordinal) || Figures.LeakIn(p.Body) is not null))
            .Select(p => $"{p.Path}: {(int)p.Status} {p.Body[..Math.Min(200, p.Body.Length)]}")
            .ToList();
        Results.Record("2. Database restart under load", "postgres",
        [
            ("restarts (fast and immediate in turn)", restarts),
            ("submission rate offered", $"{rate}/s"),
            ("database back → first acknowledged submission, median / max", $"{Figures.Percentile(recoveries, 50):0} / {recoveries.Max():0} ms"),
            ("pages asked for while the database was down", string.Join(", ", outagePages.GroupBy(p => (int)p.Status).Select(g => $"{g.Key}×{g.Count()}"))),
            ("of those without a plain 'try again' page, or showing internals", badPages.Count),
            .. verdict.Figures(load),
            ("health after the last restart", healthy ? "green" : "red"),
        ],
        [
            ($"serving again within {RecoveryTarget.TotalSeconds:0} s every time", recoveries.Max() <= RecoveryTarget.TotalMilliseconds),
            ("lost 0, no 2xx without a commit, no 5xx other than 503", verdict.Passed && load.ServerErrors == 0),
        ]);

        verdict.Assert(load);
        Assert.True(healthy);
        Assert.Equal(HttpStatusCode.OK, afterwards.Status);
        Assert.EndsWith("/2", afterwards.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.Empty(badPages);
        Assert.All(recoveries, r => Assert.True(r <= RecoveryTarget.TotalMilliseconds, $"Serving again took {r:0} ms after the database was back."));
    }
}
