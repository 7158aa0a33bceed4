using System.Diagnostics;
using System.Net;
using Leerrijk.FaultTests.Harness;

namespace Leerrijk.FaultTests;

/// <summary>
/// Check D4: the database on a small filesystem of its own (a tmpfs the test mounts; for PostgreSQL a tablespace on
/// it) is filled to the last byte while devices submit. Never a 2xx without a commit, "try again" (503) meanwhile,
/// serving again after the space is given back, nothing acknowledged lost, integrity intact.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class DiskFullTests(FaultFixture fixture)
{
    private static readonly TimeSpan RecoveryTarget = TimeSpan.FromSeconds(60);

    [SkippableTheory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public async Task A_full_disk_gives_try_again_and_loses_nothing_and_service_returns_when_space_is_freed(string kind)
    {
        Skip.IfNot(Shell.IsRoot || Profile.InCi, "Mounting a small filesystem needs root; scripts/test.sh runs as root in CI.");
        var rate = Profile.Pick(40, 100);
        var fullFor = TimeSpan.FromSeconds(Profile.Pick(5, 60));
        // The full run sends some 6,000 responses (about 30 MB in SQLite): on 64 MB the real data itself filled the
        // disk again after the filler was removed, so the full run gets room for what it sends.
        var megabytes = Profile.Pick(64, 256);
        await using var disk = await SmallFilesystem.MountAsync(megabytes, owner: kind == "postgres" ? "postgres" : null);
        Database database;
        if (kind == "postgres")
        {
            Skip.If(fixture.Postgres is null, "PostgreSQL is not installed; scripts/test.sh installs it.");
            var tablespace = "small_" + Path.GetFileName(disk.Path).Replace('.', '_');
            await fixture.Postgres!.ExecuteAsync($"CREATE TABLESPACE \"{tablespace}\" LOCATION '{disk.Path}'");
            database = await Database.PostgresAsync(fixture.Postgres!, "diskfull", tablespace);
        }
        else
        {
            database = Database.SqliteAt(Path.Combine(disk.Path, "leerrijk.db"));
        }

        // The tablespace lives on the small filesystem: it must go before the filesystem does, pass or fail, or the
        // shared server keeps a database whose files vanished and the next check that lists databases trips over it.
        try
        {
            await using var app = new AppProcess("diskfull", database, FaultFixture.NoRateLimits);
            await app.StartAsync();
            var freeAfterStart = disk.FreeBytes;
            using var load = new SubmissionLoad(app.BaseAddress);
            using var stop = new CancellationTokenSource();
            var running = load.RunAsync(rate, stop.Token);
            await load.AcknowledgedMoreAsync(2 * rate, TimeSpan.FromSeconds(30)); // submissions flow before the disk fills

            // Fill the filesystem; then wait for the app to notice (the first 503), which is the signal that writes fail.
            await disk.FillAsync();
            var filled = Stopwatch.StartNew();
            await Poll.UntilAsync(() => load.Statuses.GetValueOrDefault(503) > 0, TimeSpan.FromSeconds(60));

            var firstTryAgain = filled.Elapsed;
            var acknowledgedWhenFull = load.Acknowledged.Count;
            await Task.Delay(fullFor);
            var acknowledgedWhileFull = load.Acknowledged.Count - acknowledgedWhenFull;
            using var visitorClient = Browser.CreateClient(app.BaseAddress);
            var visitor = await new Browser(visitorClient).GetAsync($"/s/{Respondents.DemoCode}");

            disk.Free();
            var freed = Stopwatch.GetTimestamp();
            await Poll.UntilAsync(() => load.LastAcknowledgedTicks >= freed, RecoveryTarget * 2);

            var recovery = Stopwatch.GetElapsedTime(freed);
            await load.AcknowledgedMoreAsync(2 * rate, TimeSpan.FromSeconds(30)); // and flow again after it was freed
            await stop.CancelAsync();
            await running;
            await load.DrainAsync(TimeSpan.FromSeconds(60));
            var verdict = await Verdict.CheckAsync(database, load);
            var healthy = await app.IsHealthyAsync();

            Results.Record("D4. Disk full", kind,
            [
                ("filesystem", kind == "postgres" ? $"tmpfs of {megabytes} MB holding the database's tablespace (WAL on the server's own disk)" : $"tmpfs of {megabytes} MB holding the SQLite file and its WAL"),
                ("free after start-up, before filling", $"{freeAfterStart / 1024} KiB"),
                ("submission rate offered", $"{rate}/s"),
                ("filled → first 503", $"{firstTryAgain.TotalMilliseconds:0} ms"),
                ("acknowledged while full (writes that still fitted in pages already allocated)", acknowledgedWhileFull),
                ("a newcomer opening the survey while full", $"{(int)visitor.Status}"),
                ("space freed → first acknowledged submission", $"{recovery.TotalMilliseconds:0} ms"),
                .. verdict.Figures(load),
                ("health afterwards", healthy ? "green" : "red"),
            ],
            [
                ("503 'try again' while full, no other 5xx", load.Statuses.GetValueOrDefault(503) > 0 && load.ServerErrors == 0),
                ("lost 0, no 2xx without a commit, integrity ok", verdict.Passed),
                ($"serving again within {RecoveryTarget.TotalSeconds:0} s of freeing space", recovery <= RecoveryTarget),
            ]);

            verdict.Assert(load);
            Assert.True(load.Statuses.GetValueOrDefault(503) > 0, "The full disk never showed as 503 'try again'.");
            Assert.True(recovery <= RecoveryTarget, $"Serving again took {recovery.TotalSeconds:0} s after space was freed.");
            Assert.True(healthy);
            Assert.Null(Figures.LeakIn(visitor.Html));
            // The page itself needs no write (200), or the database is "away" (503), or admission control saw slow requests and shows newcomers the light "busy" page (429).
            Assert.Contains(visitor.Status, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests });
        }
        finally
        {
            if (kind == "postgres")
            {
                await fixture.Postgres!.ExecuteAsync($"DROP DATABASE IF EXISTS \"{database.Name}\" WITH (FORCE)");
                await fixture.Postgres!.ExecuteAsync($"DROP TABLESPACE IF EXISTS \"small_{Path.GetFileName(disk.Path).Replace('.', '_')}\"");
            }
        }
    }
}
