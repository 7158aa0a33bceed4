using System.Diagnostics;
using Leerrijk.FaultTests.Harness;

namespace Leerrijk.FaultTests;

/// <summary>
/// Check 4 (E1): a campaign link brings thousands of respondents within minutes, each answering page by page.
/// Pass: everyone who finished is stored exactly once, no 5xx; on PostgreSQL p95 under 300 ms and p99 under 1 s
/// (recorded for SQLite alongside). Full run only (bench/faults.sh): 5,000 respondents within 5 minutes.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "load")]
public sealed class BurstTests(FaultFixture fixture)
{
    /// <summary>Everyone comes from 127.0.0.1 here; in a campaign they come from many networks. Each browser keeps its own budget.</summary>
    public static readonly IReadOnlyDictionary<string, string> OneAddressManyPeople = new Dictionary<string, string>
    {
        ["RateLimits__PerAddressPerMinute"] = "10000000",
    };

    [SkippableTheory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public async Task A_burst_of_respondents_answering_page_by_page_loses_nothing_and_sees_no_5xx(string kind)
    {
        var respondents = Profile.Pick(300, 5_000);
        var window = TimeSpan.FromSeconds(Profile.Pick(30, 300));
        var think = Profile.Full ? (TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(45)) : (TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2));
        var database = await fixture.DatabaseAsync(kind, "burst");
        await using var app = new AppProcess("burst", database, OneAddressManyPeople);
        await app.StartAsync();
        using var client = Browser.CreateClient(app.BaseAddress, 512);
        var before = (await database.ResponsesAsync(Respondents.DemoCode)).Count;
        var memoryBefore = app.ResidentBytes() ?? 0;

        var load = new JourneyLoad(client, think.Item1, think.Item2);
        var clock = Stopwatch.StartNew();
        await load.ArriveSpreadAsync(respondents, window);
        var seconds = clock.Elapsed.TotalSeconds;
        var stored = (await database.ResponsesAsync(Respondents.DemoCode)).Count - before;
        var p95 = Figures.Percentile(load.Answering, 95);
        var p99 = Figures.Percentile(load.Answering, 99);

        Results.Record("4. Burst: respondents page by page", kind,
        [
            ("respondents, arrival window, pause per screen", $"{respondents} within {window.TotalSeconds:0} s, {think.Item1.TotalSeconds}–{think.Item2.TotalSeconds} s"),
            ("run time", $"{seconds:0} s"),
            .. load.Summary(seconds),
            ("responses stored / respondents finished", $"{stored} / {load.Finished}"),
            ("app memory before / after", $"{memoryBefore / 1048576} / {(app.ResidentBytes() ?? 0) / 1048576} MiB"),
            ("problems", load.Problems.Count == 0 ? "none" : string.Join("; ", load.Problems.Distinct().Take(5))),
        ],
        [
            ("lost 0 (stored = finished), 0 × 5xx", stored == load.Finished && load.ServerErrors == 0 && load.GaveUp == 0),
            ("p95 < 300 ms, p99 < 1 s" + (kind == "sqlite" ? " (recorded; the target is PostgreSQL's)" : ""), p95 < 300 && p99 < 1000),
        ]);

        Assert.Equal(load.Finished, stored);
        Assert.Equal(0, load.ServerErrors);
        Assert.Equal(0, load.GaveUp);
        Assert.Empty(load.Problems);
    }
}
