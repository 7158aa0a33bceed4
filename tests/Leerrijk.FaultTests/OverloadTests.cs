using System.Diagnostics;
using Leerrijk.FaultTests.Harness;

namespace Leerrijk.FaultTests;

/// <summary>
/// Check 5 (E2, E3): respondents arrive at rising rates until the app saturates (requests slower than 2 s at p99,
/// or newcomers turned away); the highest rate it kept up with is the measured maximum. Then twice that rate:
/// newcomers must get the light "busy" page (429 with Retry-After) quickly while everyone already answering
/// finishes, with nothing lost and no 5xx. How quickly is measured by a light probe at the door (DoorProbe, curl in a
/// process of its own): the load generator, saturated on the same cores, adds its own waits and garbage collections to
/// every time it measures.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "load")]
public sealed class OverloadTests(FaultFixture fixture)
{
    /// <summary>
    /// The UK census of 2021 peaked at about 139 submissions a second for a whole nation (issue #18): one small
    /// Leerrijk should take that, so it is a step of its own in the doubling ramp.
    /// </summary>
    private const double CensusPeak = 139;

    private static readonly double[] RampRates = [2, 4, 8, 16, 32, 64, CensusPeak, 2 * CensusPeak, 4 * CensusPeak];

    [SkippableTheory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public async Task At_twice_the_measured_maximum_newcomers_are_told_to_come_back_and_those_answering_finish(string kind)
    {
        var step = TimeSpan.FromSeconds(Profile.Pick(10, 30));
        var think = (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        var database = await fixture.DatabaseAsync(kind, "overload");
        await using var app = new AppProcess("overload", database, BurstTests.OneAddressManyPeople);
        await app.StartAsync();
        using var client = Browser.CreateClient(app.BaseAddress, 1024);
        var before = (await database.ResponsesAsync(Respondents.DemoCode)).Count;

        // Ramp: each step a new group arrives at a higher rate; the last step kept up with is the maximum.
        var ramp = new List<string>();
        var maximum = 0.0;
        var finishedInRamp = 0;
        double? censusP99 = null;
        foreach (var rate in RampRates)
        {
            var group = new JourneyLoad(client, think.Item1, think.Item2);
            var clock = Stopwatch.StartNew();
            await group.ArriveSteadyAsync(rate, step);
            finishedInRamp += group.Finished;
            var p99 = Figures.Percentile(group.Answering, 99);
            var rps = group.Answering.Count / clock.Elapsed.TotalSeconds;
            ramp.Add($"{rate:0}/s: {rps:0} req/s, p99 {p99:0} ms, turned away {group.TurnedAway}");
            if (rate == CensusPeak && group.TurnedAway == 0 && group.ServerErrors == 0 && group.GaveUp == 0)
            {
                censusP99 = p99;
            }

            // A single newcomer turned away in a momentary spike is not saturation; one in a hundred is.
            if (p99 > 2000 || group.TurnedAway * 100 > group.Started || group.ServerErrors > 0 || group.GaveUp > 0)
            {
                break;
            }

            maximum = rate;
        }

        // Twice the maximum.
        var overload = new JourneyLoad(client, think.Item1, think.Item2);
        var overloadClock = Stopwatch.StartNew();
        using var door = new DoorProbe(app.BaseAddress, Respondents.DemoCode);
        await overload.ArriveSteadyAsync(maximum * 2, step * 2);
        door.Stop();
        var seconds = overloadClock.Elapsed.TotalSeconds;
        var stored = (await database.ResponsesAsync(Respondents.DemoCode)).Count - before;
        var finished = finishedInRamp + overload.Finished;
        var turnAwayP99 = Figures.Percentile(door.TurnedAway, 99);
        var answeringP99 = Figures.Percentile(overload.Answering, 99);

        Results.Record("5. Overload at twice the measured maximum", kind,
        [
            ("ramp (respondents arriving per second, pause 1–3 s per screen)", string.Join("<br>", ramp)),
            ("measured maximum arrival rate", $"{maximum:0} respondents/s"),
            ("overload", $"{maximum * 2:0} respondents/s for {(step * 2).TotalSeconds:0} s"),
            .. overload.Summary(seconds),
            ("door probe (curl in a process of its own, a newcomer every 100 ms): 'busy' answers, p50 / p99",
                door.TurnedAway.Count == 0 ? "none" : $"{door.TurnedAway.Count}, {Figures.Percentile(door.TurnedAway, 50):0} / {turnAwayP99:0} ms"),
            ("door probe: HTTP statuses", string.Join(", ", door.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))),
            ("responses stored / finished (ramp and overload)", $"{stored} / {finished}"),
            ("problems", overload.Problems.Count == 0 ? "none" : string.Join("; ", overload.Problems.Distinct().Take(5))),
        ],
        [
            ("newcomers get 429 with Retry-After in < 100 ms (p99, door probe)", door.TurnedAway.Count > 0 && turnAwayP99 < 100),
            ($"census peak: {CensusPeak:0} arrivals/s all let in, p99 < 1 s", censusP99 < 1000),
            ("those answering: p99 < 2 s, nothing lost, 0 × 5xx", answeringP99 < 2000 && stored == finished && overload.ServerErrors == 0 && overload.GaveUp == 0),
        ]);

        Assert.Equal(finished, stored);
        Assert.Equal(0, overload.ServerErrors);
        Assert.Equal(0, overload.GaveUp);
        Assert.Empty(overload.Problems);
        Assert.All(door.Statuses.Keys, status => Assert.True(status is 200 or 429, $"The door probe got {status}."));
    }
}
