using System.Diagnostics;
using Leerrijk.FaultTests.Harness;

namespace Leerrijk.FaultTests;

/// <summary>
/// Check D8: a backup taken the way README tells a host to (<c>pg_dump -Fc</c>; SQLite's <c>VACUUM INTO</c>) while
/// devices submit, restored to a fresh instance: every response acknowledged before the backup started is there,
/// whole, and the statistics behind every closed round's report are identical. Backup and restore times go to the
/// results, for the RPO and RTO in bench/README.md.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class BackupDrillTests(FaultFixture fixture)
{
    [SkippableTheory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public async Task A_backup_taken_under_load_restores_everything_acknowledged_before_it_with_the_same_report_figures(string kind)
    {
        var rate = Profile.Pick(50, 100);
        var phase = TimeSpan.FromSeconds(Profile.Pick(4, 60));
        var database = await fixture.DatabaseAsync(kind, "backup");
        // With the metrics endpoint on, as a host runs it: it must show the submissions and the folding under this load.
        var metricsPort = Shell.FreePort();
        await using var app = new AppProcess("backup", database, new Dictionary<string, string>(FaultFixture.NoRateLimits)
        {
            ["Observability__MetricsPort"] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await app.StartAsync();
        using var load = new SubmissionLoad(app.BaseAddress);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(rate, stop.Token);

        // Load runs before and after the backup; the backup must hold at least what was acknowledged when it started.
        await Task.Delay(phase);
        var acknowledgedBefore = load.Acknowledged.ToHashSet();
        var folder = Directory.CreateTempSubdirectory("leerrijk-backup.").FullName;
        var file = Path.Combine(folder, kind == "postgres" ? "leerrijk.dump" : "leerrijk.db");
        var clock = Stopwatch.StartNew();
        if (kind == "postgres")
        {
            await fixture.Postgres!.DumpAsync(database.Name, file);
        }
        else
        {
            await database.BackupSqliteAsync(file);
        }

        var backupTook = clock.Elapsed;
        await Task.Delay(phase);
        await stop.CancelAsync();
        await running;
        await load.DrainAsync(TimeSpan.FromSeconds(60));
        var verdict = await Verdict.CheckAsync(database, load);
        await WaitUntilFoldedAsync(database);
        using var scraper = new HttpClient();
        var metrics = await scraper.GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"));
        var acknowledgedCounted = Series(metrics, "leerrijk_submissions_total", "acknowledged=\"true\"");
        var foldedCounted = Series(metrics, "leerrijk_statistics_folded_total");

        // Restore to a fresh instance, as after losing the server: a new database, a new app process on it.
        clock.Restart();
        var restored = kind == "postgres"
            ? Database.PostgresNamed(fixture.Postgres!, await fixture.Postgres!.RestoreAsync(file, "restored"))
            : Database.SqliteAt(file);
        await using var second = new AppProcess("restored", restored, FaultFixture.NoRateLimits);
        await second.StartAsync();
        var restoreTook = clock.Elapsed;

        var inBackup = await restored.ResponsesAsync(Respondents.DemoCode);
        var missing = acknowledgedBefore.Count(id => !inBackup.ContainsKey(id));
        var partial = inBackup.Count(r => load.Sent.TryGetValue(r.Key, out var sent) && r.Value != (sent.Answers, sent.Comments));
        await WaitUntilFoldedAsync(database);
        await WaitUntilFoldedAsync(restored);
        var original = await database.ClosedRoundStatisticsAsync();
        var copy = await restored.ClosedRoundStatisticsAsync();
        var integrity = await restored.IntegrityCheckAsync();

        Results.Record("D8. Backup drill", kind,
        [
            ("backup", kind == "postgres" ? "pg_dump -Fc while devices submit" : "VACUUM INTO while devices submit"),
            ("submission rate offered", $"{rate}/s"),
            ("responses in the database when the backup started (at least)", acknowledgedBefore.Count),
            ("backup took", $"{backupTook.TotalMilliseconds:0} ms, {new FileInfo(file).Length / 1024} KiB"),
            ("restore to a fresh database and start of a new instance took", $"{restoreTook.TotalMilliseconds:0} ms"),
            ("responses in the restored copy", inBackup.Count),
            ("acknowledged before the backup, missing from it", missing),
            ("restored with missing or extra answer/comment rows", partial),
            ("closed rounds' statistics rows compared / different", $"{original.Count} / {original.Except(copy).Count() + copy.Except(original).Count()}"),
            ("integrity check of the copy", integrity),
            .. verdict.Figures(load),
            ("metrics endpoint: submissions acknowledged / responses folded since start", $"{acknowledgedCounted} / {foldedCounted}"),
        ],
        [
            ("everything acknowledged before the backup is in it, whole", missing == 0 && partial == 0),
            ("the metrics endpoint counted every acknowledgement and every fold", acknowledgedCounted >= load.Acknowledged.Count && foldedCounted >= load.Acknowledged.Count),
            ("report figures of the copy equal the original's", original.SequenceEqual(copy)),
        ]);

        verdict.Assert(load);
        Assert.NotEmpty(acknowledgedBefore);
        Assert.Equal(0, missing);
        Assert.Equal(0, partial);
        Assert.NotEmpty(original); // the demo data has closed rounds with reports
        Assert.Equal(original, copy);
        Assert.Equal("ok", integrity);
        Assert.True(await second.IsHealthyAsync());
        // Every acknowledgement the devices saw (resends count again), and every one of their responses folded (the demo's own too).
        Assert.True(acknowledgedCounted >= load.Acknowledged.Count, $"metrics counted {acknowledgedCounted} acknowledged submissions, devices saw {load.Acknowledged.Count}");
        Assert.True(foldedCounted >= load.Acknowledged.Count, $"metrics counted {foldedCounted} folded responses for {load.Acknowledged.Count} acknowledged");
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>The sum of every series of a Prometheus metric whose labels contain the given part.</summary>
    private static double Series(string scrape, string name, string label = "") =>
        scrape.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Until the database's folder has folded every response (closed rounds' statistics are then final).</summary>
    private static async Task WaitUntilFoldedAsync(Database database) =>
        Assert.True(await Poll.UntilAsync(async () => await database.UnfoldedAsync() == 0, TimeSpan.FromSeconds(60)), "The statistics folder did not catch up within a minute.");
}
