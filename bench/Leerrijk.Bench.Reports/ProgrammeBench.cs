using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Funding;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Norms;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Programmes;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Features.Tracks;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.Bench.Reports;

/// <summary>
/// A programme of 100 and then 1,000 companies (bench/README.md, "Programme"): the two background jobs timed once
/// per size, and the monitor page, a company's report page with its norm comparison and the health check measured
/// interleaved, so a noisy machine moves all three alike. The programme grows from 100 to 1,000 in the same database,
/// as a real one does; the company whose report is read is the same in both.
/// </summary>
internal static class ProgrammeBench
{
    private static readonly int[] Sizes = [100, 1000];
    private const int ResponsesAtLargest = 50_000;
    private const string InstrumentId = "leerrijk-teamscan";
    private const string ReaderEmail = "owner0@example.test";

    /// <summary>A few sectors, sizes and regions: 36 cells, about 28 companies each at 1,000, about 3 at 100.</summary>
    private static readonly string[] Sectors = ["F", "C", "Q", "H"];
    private static readonly SizeClass[] SizeClasses = [SizeClass.Micro, SizeClass.Small, SizeClass.Medium];
    private static readonly (string Province, string Region)[] Regions = [("gelderland", "achterhoek"), ("overijssel", "twente"), ("overijssel", "regio-zwolle")];

    private static readonly (string Label, string Name)[] Requests =
    [
        ("monitor", "GET /programma/{id} (monitor page)"),
        ("report", "GET /o/{org}/rounds/{round}/report (report page with norm comparison)"),
        ("health", "GET /health (reference, one query)"),
        ("snapshot", "in process: latest snapshot read + JSON (the monitor's data)"),
        ("build", "in process: ReportQueries.BuildAsync (the report's data)"),
        ("norms", "in process: NormLookup.ForReportAsync (the norm lookup)"),
    ];

    public static async Task<int> RunAsync(Options options)
    {
        var work = options.Work ?? Directory.CreateTempSubdirectory("leerrijk-programme-bench-").FullName;
        try
        {
            await using var database = options.Database == "postgres"
                ? await BenchDatabase.PostgresAsync(options.Postgres ?? throw new ArgumentException("--pg is required for postgres"), "leerrijk_programme_bench")
                : BenchDatabase.Sqlite(work);
            await using var app = new BenchApp(database.SettingKey, database.ConnectionString, Path.Combine(work, "mail"));
            app.Start();
            var instrument = app.Services.GetRequiredService<InstrumentCatalog>().Find(InstrumentId)!;
            var today = LocalizationSetup.Today(app.Services.GetRequiredService<TimeProvider>());
            var plan = Plan(today);
            var setup = await SetUpAsync(app, today);

            var phases = new List<Phase>();
            var loaded = 0;
            foreach (var size in Sizes)
            {
                var watch = Stopwatch.StartNew();
                var responses = await AddCompaniesAsync(app, database, instrument, setup, plan[loaded..size]);
                var loadSeconds = watch.Elapsed.TotalSeconds;
                loaded = size;
                watch.Restart();
                await database.SettleAsync();
                var folded = await app.Services.GetRequiredService<StatisticsFolder>().FoldAllAsync();
                var foldSeconds = watch.Elapsed.TotalSeconds;
                if (folded != responses)
                {
                    throw new InvalidOperationException($"Folded {folded} of {responses}.");
                }

                await database.SettleAsync();
                var jobs = await TimeJobsAsync(app, setup.ProgrammeId, size);
                await database.SettleAsync();
                ReportBench.Log($"{size} companies: measuring");
                var (times, bytes, group) = await MeasureAsync(app, options, setup);
                phases.Add(new Phase(size, plan[..size].Sum(c => c.Rounds.Sum(r => r.Respondents)), plan[..size].Sum(c => c.Rounds.Count), loadSeconds, foldSeconds, jobs, times, bytes, group));
            }

            var lines = Render(database.Label + " (" + await database.VersionAsync() + ")", options, phases);
            await File.AppendAllLinesAsync(options.Results, lines);
            Console.WriteLine(string.Join('\n', lines));
            return 0;
        }
        finally
        {
            if (options.Work is null)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private sealed record PlannedRound(DateOnly OpensOn, int Respondents, double Shift, int Seed);

    private sealed record PlannedCompany(int Index, string Sector, SizeClass Size, string Province, string Region, IReadOnlyList<PlannedRound> Rounds);

    private sealed record SetUp(Guid SupportId, Guid ProgrammeId, Guid OwnerId, Guid ReaderId, Guid ManagerId, string ManagerEmail);

    private sealed record Jobs(double ComputeMs, int ComputeStoredMs, double ComputeAgainMs, int ComputeAgainStoredMs, int SnapshotBytes,
        double RefreshMs, int RefreshStoredMs, double RefreshAgainMs, int RefreshAgainStoredMs, int Bands);

    private sealed record Phase(int Companies, int Responses, int Rounds, double LoadSeconds, double FoldSeconds, Jobs Jobs,
        Dictionary<string, List<double>> Times, Dictionary<string, long> Bytes, string NormGroup);

    /// <summary>
    /// All 1,000 companies, so the first 100 are the same in both sizes: a baseline about 14 months ago for every one,
    /// a follow-up about 3 months ago for four in five, and 50,000 responses spread evenly over the rounds (27 or 28
    /// each; the first 100 companies hold exactly 5,000). Each company sits a little higher or lower on the scale.
    /// </summary>
    private static List<PlannedCompany> Plan(DateOnly today)
    {
        var companies = Sizes[^1];
        var followUps = Enumerable.Range(0, companies).Count(HasFollowUp);
        var rounds = companies + followUps;
        var random = new Random(20261203);
        var plan = new List<PlannedCompany>(companies);
        var j = 0;
        int Respondents() => (int)(((long)(j + 1) * ResponsesAtLargest / rounds) - ((long)j++ * ResponsesAtLargest / rounds));
        for (var i = 0; i < companies; i++)
        {
            var shift = (random.NextDouble() - 0.5) * 0.6;
            var list = new List<PlannedRound> { new(today.AddDays(-420 + (i % 40)), Respondents(), shift, 2 * i) };
            if (HasFollowUp(i))
            {
                list.Add(new PlannedRound(today.AddDays(-90 + (i % 40)), Respondents(), shift + 0.05 + (random.NextDouble() * 0.25), (2 * i) + 1));
            }

            var (province, region) = Regions[i / (Sectors.Length * SizeClasses.Length) % Regions.Length];
            plan.Add(new PlannedCompany(i, Sectors[i % Sectors.Length], SizeClasses[i / Sectors.Length % SizeClasses.Length], province, region, list));
        }

        return plan;

        static bool HasFollowUp(int i) => i % 5 != 4;
    }

    /// <summary>The sector fund, its programme, the programme manager (two-factor log-in) and the companies' owners.</summary>
    private static async Task<SetUp> SetUpAsync(BenchApp app, DateOnly today)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

        // One owner for every company but the one whose report is read: that one's owner is a member of it only, so
        // nothing on the report page that lists a person's companies grows with the programme.
        var owner = await BenchAccounts.CreateAsync(users, "owners@example.test");
        var reader = await BenchAccounts.CreateAsync(users, ReaderEmail);
        var manager = await BenchAccounts.CreateAsync(users, "manager@example.test", PlatformRoles.ProgrammeManager, twoFactor: true);
        var fund = new SupportOrganisation { Name = "Bench opleidingsfonds", Kind = SupportKind.SectorFund, ProvinceIds = ["gelderland", "overijssel"] };
        db.SupportOrganisations.Add(fund);
        var programme = new Programme
        {
            SupportOrganisationId = fund.Id,
            Name = "Bench programma",
            Description = "Duizend bedrijven in één programma.",
            StartsOn = today.AddDays(-450),
            EndsOn = today.AddDays(280),
            ProvinceIds = ["gelderland", "overijssel"],
            InstrumentIds = [InstrumentId],
            TargetCompanies = 1000,
            TargetBaselines = 950,
            TargetPlans = 800,
            TargetFollowUps = 750,
            TargetDevelopmentPlanPercent = 50m,
            TargetTrainedPercent = 33m,
        };
        db.Programmes.Add(programme);
        db.ProgrammeManagers.Add(new ProgrammeManager { ProgrammeId = programme.Id, UserId = manager.Id });
        await db.SaveChangesAsync();
        return new SetUp(fund.Id, programme.Id, owner.Id, reader.Id, manager.Id, manager.Email!);
    }

    /// <summary>
    /// The companies through EF Core (joined, sharing, in the pool; a plan step for three in four, coach hours for half,
    /// an indicator for a third, a voucher for two in three), then their responses in bulk, unfolded. Returns the responses.
    /// </summary>
    private static async Task<int> AddCompaniesAsync(BenchApp app, BenchDatabase database, Instrument instrument, SetUp setup, IReadOnlyList<PlannedCompany> companies)
    {
        ReportBench.Log($"adding companies {companies[0].Index} to {companies[^1].Index}");
        var targets = new List<(LoadTarget Target, PlannedRound Round)>();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            foreach (var c in companies)
            {
                var organisation = new Organisation
                {
                    Name = string.Create(CultureInfo.InvariantCulture, $"Bedrijf {c.Index:0000}"),
                    SbiSection = c.Sector,
                    SizeClass = c.Size,
                    ProvinceId = c.Province,
                    LabourMarketRegionId = c.Region,
                };
                db.Organisations.Add(organisation);
                db.Memberships.Add(new Membership { OrganisationId = organisation.Id, UserId = c.Index == 0 ? setup.ReaderId : setup.OwnerId, Role = OrganisationRole.Owner });
                var joined = c.Rounds[0].OpensOn.AddDays(-20).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
                db.ProgrammeParticipants.Add(new ProgrammeParticipant
                {
                    ProgrammeId = setup.ProgrammeId,
                    OrganisationId = organisation.Id,
                    Email = string.Create(CultureInfo.InvariantCulture, $"eigenaar{c.Index}@example.test"),
                    TokenHash = ConnectionRequest.HashToken(ConnectionRequest.NewToken()),
                    InvitedByUserId = setup.ManagerId,
                    CreatedAtUtc = joined.AddDays(-3),
                    InvitationExpiresAtUtc = joined.AddDays(27),
                    JoinedAtUtc = joined,
                    JoinedByUserId = setup.OwnerId,
                    SharesResults = true,
                    InNormPool = true,
                    ChoicesChangedAtUtc = joined,
                });

                foreach (var planned in c.Rounds)
                {
                    var round = new Round
                    {
                        OrganisationId = organisation.Id,
                        Code = Round.NewCode(),
                        Title = planned == c.Rounds[0] ? "Nulmeting" : "Vervolgmeting",
                        InstrumentId = instrument.Id,
                        InstrumentVersion = instrument.Version,
                        InstrumentFingerprint = InstrumentFingerprint.Of(instrument),
                        OpensOn = planned.OpensOn,
                        ClosesOn = planned.OpensOn.AddDays(18),
                        Roles = [.. ResponseGenerator.Roles],
                        Departments = [.. ResponseGenerator.Departments],
                        Languages = ["nl"],
                        ExpectedRespondents = 30,
                        AnonymityThreshold = 5,
                        CreatedByUserId = setup.OwnerId,
                        ClosedAtUtc = planned.OpensOn.AddDays(19).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                    };
                    db.Rounds.Add(round);
                    targets.Add((new LoadTarget(organisation.Id, round.Id, instrument.Id, instrument.Items.Select(item => item.Id).ToList()), planned));
                }

                var start = c.Rounds[0].OpensOn;
                if (c.Index % 4 != 3)
                {
                    db.ActionSteps.Add(new ActionStep { OrganisationId = organisation.Id, Title = "Een leerpunt op elk werkoverleg", Status = ActionStatus.Started, StartOn = start.AddDays(40) });
                }

                if (c.Index % 2 == 0)
                {
                    var track = new Track { OrganisationId = organisation.Id, SupportOrganisationId = setup.SupportId, Stage = TrackStage.Coaching, StartedOn = start, CoachHoursBudget = 24m };
                    db.Tracks.Add(track);
                    for (var h = 0; h < 3; h++)
                    {
                        db.CoachHours.Add(new CoachHoursEntry { OrganisationId = organisation.Id, TrackId = track.Id, On = start.AddDays(30 + (h * 60)), Hours = 1.5m + h, Activity = "Begeleiding", LoggedByUserId = setup.ManagerId });
                    }
                }

                if (c.Index % 3 == 0)
                {
                    var indicator = new PlanIndicator
                    {
                        OrganisationId = organisation.Id,
                        Kind = IndicatorKind.DevelopmentPlanShare,
                        Unit = IndicatorUnit.Percent,
                        Baseline = 20 + (c.Index % 15),
                        BaselineOn = start,
                        Target = 50,
                        TargetOn = start.AddDays(700),
                    };
                    db.PlanIndicators.Add(indicator);
                    db.IndicatorMeasurements.Add(new IndicatorMeasurement { OrganisationId = organisation.Id, IndicatorId = indicator.Id, MeasuredOn = start, Value = 20 + (c.Index % 15) });
                    db.IndicatorMeasurements.Add(new IndicatorMeasurement { OrganisationId = organisation.Id, IndicatorId = indicator.Id, MeasuredOn = start.AddDays(300), Value = 30 + (c.Index % 20) });
                }

                if (c.Index % 3 != 2)
                {
                    db.Vouchers.Add(new Voucher
                    {
                        OrganisationId = organisation.Id,
                        SupportOrganisationId = setup.SupportId,
                        Scheme = c.Index % 4 == 1 ? "SLIM-regeling (mkb)" : "Opleidingsfonds-voucher",
                        Purpose = "Training voor leidinggevenden",
                        AmountRequested = 2_000m,
                        AmountGranted = 1_500m,
                        Status = VoucherStatus.Granted,
                        RequestedOn = start.AddDays(20),
                        DecidedOn = start.AddDays(40),
                    });
                }
            }

            await db.SaveChangesAsync();
            BulkLoader loader = database.IsPostgres ? new PostgresLoader(db.Model, database.ConnectionString) : new SqliteLoader(db.Model, database.ConnectionString);
            var responses = 0;
            foreach (var (target, planned) in targets)
            {
                var generator = new ResponseGenerator(instrument, planned.OpensOn, planned.Seed, planned.Shift);
                responses += (int)loader.Load(target, () => generator.Generate(planned.Respondents)).Responses;
            }

            return responses;
        }
    }

    /// <summary>
    /// The two nightly jobs, each run twice: the first run is the one the issue asks for; the second, straight after,
    /// shows what of it was the process's first use of that code (JIT, query compilation) rather than the data.
    /// </summary>
    private static async Task<Jobs> TimeJobsAsync(BenchApp app, Guid programmeId, int size)
    {
        var computation = app.Services.GetRequiredService<ProgrammeComputation>();
        var refresher = app.Services.GetRequiredService<NormRefresher>();
        ReportBench.Log($"{size} companies: ProgrammeComputation.ComputeAsync");
        var watch = Stopwatch.StartNew();
        var first = await computation.ComputeAsync(programmeId);
        var firstMs = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var again = await computation.ComputeAsync(programmeId);
        var againMs = watch.Elapsed.TotalMilliseconds;
        ReportBench.Log($"{size} companies: NormRefresher.RefreshAsync");
        watch.Restart();
        var refresh = await refresher.RefreshAsync();
        var refreshMs = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var refreshAgain = await refresher.RefreshAsync();
        var refreshAgainMs = watch.Elapsed.TotalMilliseconds;
        if (refresh.Companies != size || refresh.Bands == 0)
        {
            throw new InvalidOperationException($"Norm refresh over {refresh.Companies} companies with {refresh.Bands} bands; expected {size} companies.");
        }

        var data = JsonSerializer.Deserialize<MonitorData>(again.DataJson, ProgrammeComputation.Json)!;
        if (data.Funnel.Sharing != size)
        {
            throw new InvalidOperationException($"The monitor counts {data.Funnel.Sharing} sharing companies; expected {size}.");
        }

        return new Jobs(firstMs, first.DurationMilliseconds, againMs, again.DurationMilliseconds, again.DataJson.Length,
            refreshMs, refresh.DurationMilliseconds, refreshAgainMs, refreshAgain.DurationMilliseconds, refreshAgain.Bands);
    }

    /// <summary>The three requests and the three in-process parts, interleaved, after warm-up rounds; checks what each page shows.</summary>
    private static async Task<(Dictionary<string, List<double>> Times, Dictionary<string, long> Bytes, string NormGroup)> MeasureAsync(BenchApp app, Options options, SetUp setup)
    {
        Guid organisationId, roundId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            organisationId = await db.Memberships.Where(m => m.UserId == setup.ReaderId).Select(m => m.OrganisationId).SingleAsync();
            roundId = await db.Rounds.Where(r => r.OrganisationId == organisationId).OrderByDescending(r => r.ClosesOn).Select(r => r.Id).FirstAsync();
        }

        using var manager = await BenchAccounts.SignInAsync(app, setup.ManagerEmail);
        using var owner = await BenchAccounts.SignInAsync(app, ReaderEmail);
        var monitor = new Uri($"/programma/{setup.ProgrammeId}", UriKind.Relative);
        var report = new Uri($"/o/{organisationId}/rounds/{roundId}/report", UriKind.Relative);
        var health = new Uri("/health", UriKind.Relative);
        var times = Requests.ToDictionary(r => r.Label, _ => new List<double>(), StringComparer.Ordinal);
        var bytes = new Dictionary<string, long>(StringComparer.Ordinal);
        var group = "";

        async Task GetAsync(string label, HttpClient client, Uri uri, string? mustShow, bool record)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(uri);
            var body = await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (response.StatusCode != HttpStatusCode.OK || (mustShow is not null && !body.Contains(mustShow, StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"{label}: {(int)response.StatusCode}{(mustShow is null ? "" : $", shows \"{mustShow}\": {body.Contains(mustShow, StringComparison.Ordinal)}")}");
            }

            if (record)
            {
                times[label].Add(watch.Elapsed.TotalMilliseconds);
                bytes[label] = System.Text.Encoding.UTF8.GetByteCount(body);
            }
        }

        async Task PartsAsync(bool record)
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            var watch = Stopwatch.StartNew();
            var json = await db.ProgrammeSnapshots.AsNoTracking().Where(s => s.ProgrammeId == setup.ProgrammeId)
                .OrderByDescending(s => s.ComputedAtUtc).Select(s => s.DataJson).FirstAsync();
            _ = JsonSerializer.Deserialize<MonitorData>(json, ProgrammeComputation.Json);
            var snapshotMs = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            var built = await scope.ServiceProvider.GetRequiredService<ReportQueries>().BuildAsync(organisationId, roundId, "nl", CancellationToken.None)
                ?? throw new InvalidOperationException("The measured round has no report.");
            var buildMs = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            var norms = await scope.ServiceProvider.GetRequiredService<NormLookup>().ForReportAsync(organisationId, built, CancellationToken.None);
            var normsMs = watch.Elapsed.TotalMilliseconds;
            if (norms?.Any != true)
            {
                throw new InvalidOperationException("The measured company has no norm position: the lookup would not be measured.");
            }

            var band = norms.Lines.First(l => l.Band is not null).Band!;
            group = string.Create(CultureInfo.InvariantCulture,
                $"sector {(band.SbiSection.Length > 0 ? band.SbiSection : "any")}, size {(band.SizeClass.Length > 0 ? band.SizeClass : "any")}, region {(band.LabourMarketRegionId.Length > 0 ? band.LabourMarketRegionId : "any")}: {band.Companies} companies, {band.Status}");
            if (record)
            {
                times["snapshot"].Add(snapshotMs);
                times["build"].Add(buildMs);
                times["norms"].Add(normsMs);
            }
        }

        for (var run = -options.Warmup; run < options.Runs; run++)
        {
            var record = run >= 0;
            await GetAsync("monitor", manager, monitor, "id=\"results-" + InstrumentId + "\"", record);
            await GetAsync("report", owner, report, "id=\"norms\"", record);
            await GetAsync("health", owner, health, null, record);
            await PartsAsync(record);
        }

        return (times, bytes, group);
    }

    private static List<string> Render(string database, Options options, List<Phase> phases)
    {
        var culture = CultureInfo.InvariantCulture;
        var (small, large) = (phases[0], phases[^1]);
        string N(double n) => n.ToString("#,0", culture);
        string Ms(double ms) => ms.ToString(ms < 10 ? "0.00" : "0.0", culture);
        var lines = new List<string>
        {
            $"### {database}, {options.Runs} runs each after {options.Warmup} warm-up, interleaved",
            "",
            "Loading (bench only: companies through EF Core, responses in bulk) and folding by the app's `StatisticsFolder.FoldAllAsync()`, per step:",
            "",
            "| companies | rounds | responses | load | fold |",
            "|---|---|---|---|---|",
        };
        foreach (var p in phases)
        {
            lines.Add(string.Create(culture, $"| {N(p.Companies)} | {N(p.Rounds)} | {N(p.Responses)} | {p.LoadSeconds:0.0} s | {p.FoldSeconds:0.0} s |"));
        }

        lines.AddRange([
            "",
            "Background jobs, each run twice back to back (ms: wall clock around the call / the job's own `DurationMilliseconds`):",
            "",
            "| companies | ComputeAsync, first | ComputeAsync, again | snapshot JSON | RefreshAsync, first | RefreshAsync, again | bands |",
            "|---|---|---|---|---|---|---|",
        ]);
        foreach (var p in phases)
        {
            var j = p.Jobs;
            lines.Add(string.Create(culture,
                $"| {N(p.Companies)} | {Ms(j.ComputeMs)} / {j.ComputeStoredMs} | {Ms(j.ComputeAgainMs)} / {j.ComputeAgainStoredMs} | {N(j.SnapshotBytes)} chars | {Ms(j.RefreshMs)} / {j.RefreshStoredMs} | {Ms(j.RefreshAgainMs)} / {j.RefreshAgainStoredMs} | {N(j.Bands)} |"));
        }

        lines.AddRange([
            "",
            $"Requests (in-process HTTP, server time without a network) and their parts (ms, median / p95):",
            "",
            $"| request | {N(small.Companies)} companies | {N(large.Companies)} companies | {N(large.Companies)} / {N(small.Companies)} (median) | bytes {N(small.Companies)} / {N(large.Companies)} |",
            "|---|---|---|---|---|",
        ]);
        foreach (var (label, name) in Requests)
        {
            var a = Timing.Of(small.Times[label]);
            var b = Timing.Of(large.Times[label]);
            var size = small.Bytes.TryGetValue(label, out var x) ? $"{N(x)} / {N(large.Bytes[label])}" : "–";
            lines.Add(string.Create(culture, $"| {name} | {Ms(a.Median)} / {Ms(a.P95)} | {Ms(b.Median)} / {Ms(b.P95)} | {b.Median / a.Median:0.00}x | {size} |"));
        }

        lines.Add("");
        foreach (var p in phases)
        {
            lines.Add(string.Create(culture, $"The read company's first dimension is compared, at {N(p.Companies)} companies, with the group {p.NormGroup}."));
        }

        var health = Timing.Of(large.Times["health"]).Median / Timing.Of(small.Times["health"]).Median;
        lines.Add("");
        lines.Add(string.Create(culture,
            $"The reference moved {health:0.00}x between the two steps; divided by it, the monitor page's ratio is {Timing.Of(large.Times["monitor"]).Median / Timing.Of(small.Times["monitor"]).Median / health:0.00}x and the report page's {Timing.Of(large.Times["report"]).Median / Timing.Of(small.Times["report"]).Median / health:0.00}x."));
        return lines;
    }
}
