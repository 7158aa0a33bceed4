using System.Diagnostics;
using System.Globalization;
using System.Net;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Features.Tracks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.Bench.Reports;

/// <summary>
/// The adviser's caseload (bench/README.md, "Caseload"): the page for an adviser with 20 companies and one with 200,
/// measured interleaved with the health check as a reference, so a noisy machine moves all three alike.
/// </summary>
internal static class CaseloadBench
{
    private const int Companies = 200;
    private const int Small = 20;
    private const int Respondents = 25;

    public static Task<int> RunAsync(Options options) => BenchWork.RunAsync(options, "leerrijk-caseload-bench-", async work =>
    {
        await using var database = options.Database == "postgres"
            ? await BenchDatabase.PostgresAsync(options.Postgres ?? throw new ArgumentException("--pg is required for postgres"), "leerrijk_caseload_bench")
            : BenchDatabase.Sqlite(work);
        await using var app = new BenchApp(database.SettingKey, database.ConnectionString, Path.Combine(work, "mail"));
        app.Start();
        var instrument = app.Services.GetRequiredService<InstrumentCatalog>().Find("leerrijk-teamscan")!;
        var (support, small, large) = await SeedAsync(app, database, instrument);

        using var smallClient = await BenchAccounts.SignInAsync(app, small);
        using var largeClient = await BenchAccounts.SignInAsync(app, large);
        var page = new Uri($"/support/{support}", UriKind.Relative);

        // The small adviser's 20 companies are the only ones in sector F: the large caseload filtered on F shows the
        // same 20 rows, so page size drops out of the comparison (unfiltered, 200 companies fill a page of 25).
        var filtered = new Uri($"/support/{support}?sector=F", UriKind.Relative);
        var health = new Uri("/health", UriKind.Relative);
        var times = new Dictionary<string, List<double>>(StringComparer.Ordinal) { ["20"] = [], ["200"] = [], ["200F"] = [], ["health"] = [] };
        var bytes = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var run = -options.Warmup; run < options.Runs; run++)
        {
            foreach (var (label, client, uri) in new[] { ("20", smallClient, page), ("200", largeClient, page), ("200F", largeClient, filtered), ("health", smallClient, health) })
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(uri);
                var body = await response.Content.ReadAsByteArrayAsync();
                watch.Stop();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{label}: {(int)response.StatusCode}");
                }

                if (run >= 0)
                {
                    times[label].Add(watch.Elapsed.TotalMilliseconds);
                    bytes[label] = body.Length;
                }
            }
        }

        var culture = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            $"### {database.Label} ({await database.VersionAsync()}), {options.Runs} runs each after {options.Warmup} warm-up, interleaved",
            "",
            "| request | median ms | p95 ms | max ms | bytes |",
            "|---|---|---|---|---|",
        };
        foreach (var (label, name) in new[] { ("20", "caseload, 20 companies (20 rows shown)"), ("200", "caseload, 200 companies (25 rows shown)"), ("200F", "caseload, 200 companies filtered to the same 20"), ("health", "/health (reference, one query)") })
        {
            var t = Timing.Of(times[label]);
            lines.Add(string.Create(culture, $"| {name} | {t.Median:0.0} | {t.P95:0.0} | {t.Max:0.0} | {bytes[label]:#,0} |"));
        }

        var ratio = Timing.Of(times["200"]).Median / Timing.Of(times["20"]).Median;
        var sameRows = Timing.Of(times["200F"]).Median / Timing.Of(times["20"]).Median;
        lines.Add("");
        lines.Add(string.Create(culture, $"200 / 20 companies (median): {ratio:0.00}x; with the same 20 rows shown: {sameRows:0.00}x"));
        return lines;
    });

    /// <summary>200 companies with a closed, folded round of 25, three plan steps and a track with hours; two advisers.</summary>
    private static async Task<(Guid Support, string Small, string Large)> SeedAsync(BenchApp app, BenchDatabase database, Instrument instrument)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var owner = await BenchAccounts.CreateAsync(users, "owner@example.test");
        var small = await BenchAccounts.CreateAsync(users, "adviser20@example.test", twoFactor: true);
        var large = await BenchAccounts.CreateAsync(users, "adviser200@example.test", twoFactor: true);
        var support = new SupportOrganisation { Name = "Bench loket", Kind = SupportKind.Leerwerkloket };
        db.SupportOrganisations.Add(support);
        db.SupportMemberships.AddRange(
            new SupportMembership { SupportOrganisationId = support.Id, UserId = small.Id, Role = SupportRole.Adviser },
            new SupportMembership { SupportOrganisationId = support.Id, UserId = large.Id, Role = SupportRole.Adviser });
        var opensOn = new DateOnly(2026, 3, 2);
        var targets = new List<LoadTarget>();
        for (var i = 0; i < Companies; i++)
        {
            var organisation = new Organisation
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"Bedrijf {i:000}"),
                SbiSection = i < Small ? "F" : "C",
                SizeClass = SizeClass.Small,
                ProvinceId = "gelderland",
                LabourMarketRegionId = "achterhoek",
            };
            db.Organisations.Add(organisation);
            db.Memberships.Add(new Membership { OrganisationId = organisation.Id, UserId = owner.Id, Role = OrganisationRole.Owner });
            var round = new Round
            {
                OrganisationId = organisation.Id,
                Code = Round.NewCode(),
                Title = "Meting 2026",
                InstrumentId = instrument.Id,
                InstrumentVersion = instrument.Version,
                InstrumentFingerprint = InstrumentFingerprint.Of(instrument),
                OpensOn = opensOn,
                ClosesOn = opensOn.AddDays(18),
                Roles = [.. ResponseGenerator.Roles],
                Departments = [.. ResponseGenerator.Departments],
                Languages = ["nl"],
                ExpectedRespondents = 30,
                AnonymityThreshold = 5,
                CreatedByUserId = owner.Id,
                ClosedAtUtc = opensOn.AddDays(19).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            };
            db.Rounds.Add(round);
            targets.Add(new LoadTarget(organisation.Id, round.Id, instrument.Id, instrument.Items.Select(item => item.Id).ToList()));
            for (var s = 0; s < 3; s++)
            {
                db.ActionSteps.Add(new ActionStep { OrganisationId = organisation.Id, Title = "Stap", Status = ActionStatus.Planned, StartOn = opensOn.AddDays(30 * s) });
            }

            var track = new Track { OrganisationId = organisation.Id, SupportOrganisationId = support.Id, Stage = TrackStage.Coaching, StartedOn = opensOn, CoachHoursBudget = 120 };
            db.Tracks.Add(track);
            for (var h = 0; h < 5; h++)
            {
                db.CoachHours.Add(new CoachHoursEntry { OrganisationId = organisation.Id, TrackId = track.Id, On = opensOn.AddDays(h * 7), Hours = 1.5m, Activity = "Gesprek", LoggedByUserId = small.Id });
            }

            foreach (var adviser in i < Small ? new[] { small, large } : [large])
            {
                db.ConsentGrants.Add(new ConsentGrant
                {
                    OrganisationId = organisation.Id,
                    SupportOrganisationId = support.Id,
                    AdviserUserId = adviser.Id,
                    Scopes = ConsentScope.ReadReports,
                    EndsOn = new DateOnly(2099, 1, 1),
                    GrantedByUserId = owner.Id,
                });
            }
        }

        await db.SaveChangesAsync();
        BulkLoader loader = database.IsPostgres ? new PostgresLoader(db.Model, database.ConnectionString) : new SqliteLoader(db.Model, database.ConnectionString);
        for (var i = 0; i < targets.Count; i++)
        {
            var generator = new ResponseGenerator(instrument, opensOn, seed: i);
            loader.Load(targets[i], () => generator.Generate(Respondents));
        }

        await database.SettleAsync();
        var folded = await app.Services.GetRequiredService<StatisticsFolder>().FoldAllAsync();
        if (folded != Companies * Respondents)
        {
            throw new InvalidOperationException($"Folded {folded} of {Companies * Respondents}.");
        }

        await database.SettleAsync();
        return (support.Id, small.Email!, large.Email!);
    }
}
