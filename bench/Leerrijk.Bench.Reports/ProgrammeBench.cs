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

    public static Task<int> RunAsync(Options options) => BenchWork.RunAsync(options, "leerrijk-programme-bench-", async work =>
    {
        var sides = new List<Side>();
        try
        {
            foreach (var size in Sizes)
            {
                var directory = Directory.CreateDirectory(Path.Combine(work, size.ToString(CultureInfo.InvariantCulture))).FullName;
                var database = options.Database == "postgres"
                    ? await BenchDatabase.PostgresAsync(options.Postgres ?? throw new ArgumentException("--pg is required for postgres"), $"leerrijk_programme_bench_{size}")
                    : BenchDatabase.Sqlite(directory);
                var app = new BenchApp(database.SettingKey, database.ConnectionString, Path.Combine(directory, "mail"));
                sides.Add(new Side(size, database, app));
                app.Start();
                await sides[^1].PrepareAsync();
            }

            await MeasureAsync(options, sides);
            return Render(sides[0].Database.Label + " (" + await sides[0].Database.VersionAsync() + ")", options, sides);
        }
        finally
        {
            foreach (var side in sides)
            {
                await side.App.DisposeAsync();
                await side.Database.DisposeAsync();
            }
        }
    });

    private sealed record PlannedRound(DateOnly OpensOn, int Respondents, double Shift, int Seed);

    private sealed record PlannedCompany(int Index, string Sector, SizeClass Size, string Province, string Region, IReadOnlyList<PlannedRound> Rounds);

    private sealed record SetUp(Guid SupportId, Guid ProgrammeId, Guid OwnerId, Guid ReaderId, Guid ManagerId, string ManagerEmail);

    private sealed record Jobs(double ComputeMs, int ComputeStoredMs, double ComputeAgainMs, int ComputeAgainStoredMs, int SnapshotBytes,
        double RefreshMs, int RefreshStoredMs, double RefreshAgainMs, int RefreshAgainStoredMs, int Bands);

    /// <summary>One programme size in its own database and app: loaded, folded, both jobs timed, then measured.</summary>
    private sealed class Side(int size, BenchDatabase database, BenchApp app)
    {
        public int Size => size;

        public BenchDatabase Database => database;

        public BenchApp App => app;

        public int Responses { get; private set; }

        public int Rounds { get; private set; }

        public double LoadSeconds { get; private set; }

        public double FoldSeconds { get; private set; }

        public Jobs Jobs { get; private set; } = null!;

        public SetUp SetUp { get; private set; } = null!;

        public Guid OrganisationId { get; private set; }

        public Guid RoundId { get; private set; }

        public Dictionary<string, List<double>> Times { get; } = Requests.ToDictionary(r => r.Label, _ => new List<double>(), StringComparer.Ordinal);

        public Dictionary<string, long> Bytes { get; } = new(StringComparer.Ordinal);

        public string NormGroup { get; set; } = "";

        public async Task PrepareAsync()
        {
            var instrument = app.Services.GetRequiredService<InstrumentCatalog>().Find(InstrumentId)!;
            var today = LocalizationSetup.Today(app.Services.GetRequiredService<TimeProvider>());
            var plan = Plan(today)[..size];
            SetUp = await SetUpAsync(app, today);
            var watch = Stopwatch.StartNew();
            var loaded = await AddCompaniesAsync(app, database, instrument, SetUp, plan);
            LoadSeconds = watch.Elapsed.TotalSeconds;
            Responses = plan.Sum(c => c.Rounds.Sum(r => r.Respondents));
            Rounds = plan.Sum(c => c.Rounds.Count);
            await database.SettleAsync();
            watch.Restart();
            var folded = await app.Services.GetRequiredService<StatisticsFolder>().FoldAllAsync();
            FoldSeconds = watch.Elapsed.TotalSeconds;
            if (folded != loaded || loaded != Responses)
            {
                throw new InvalidOperationException($"Planned {Responses}, loaded {loaded}, folded {folded}.");
            }

            await database.SettleAsync();
            Jobs = await TimeJobsAsync(app, SetUp.ProgrammeId, size);
            await database.SettleAsync();
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            OrganisationId = await db.Memberships.Where(m => m.UserId == SetUp.ReaderId).Select(m => m.OrganisationId).SingleAsync();
            RoundId = await db.Rounds.Where(r => r.OrganisationId == OrganisationId).OrderByDescending(r => r.ClosesOn).Select(r => r.Id).FirstAsync();
        }
    }

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

    /// <summary>
    /// The three requests and the three in-process parts, each for both sizes one after the other, after warm-up
    /// rounds; checks what each page shows and that the norm lookup finds a position.
    /// </summary>
    private static async Task MeasureAsync(Options options, List<Side> sides)
    {
        ReportBench.Log("measuring");
        var clients = new List<(HttpClient Manager, HttpClient Owner)>();
        try
        {
            foreach (var side in sides)
            {
                clients.Add((await BenchAccounts.SignInAsync(side.App, side.SetUp.ManagerEmail), await BenchAccounts.SignInAsync(side.App, ReaderEmail)));
            }

            for (var run = -options.Warmup; run < options.Runs; run++)
            {
                var record = run >= 0;
                foreach (var label in Requests.Select(r => r.Label).Where(l => l != "snapshot" && l != "build" && l != "norms"))
                {
                    for (var i = 0; i < sides.Count; i++)
                    {
                        var (side, (manager, owner)) = (sides[i], clients[i]);
                        var (client, uri, mustShow) = label switch
                        {
                            "monitor" => (manager, $"/programma/{side.SetUp.ProgrammeId}", "id=\"results-" + InstrumentId + "\""),
                            "report" => (owner, $"/o/{side.OrganisationId}/rounds/{side.RoundId}/report", "id=\"norms\""),
                            _ => (owner, "/health", null),
                        };
                        await GetAsync(side, label, client, new Uri(uri, UriKind.Relative), mustShow, record);
                    }
                }

                foreach (var side in sides)
                {
                    await PartsAsync(side, record);
                }
            }
        }
        finally
        {
            foreach (var (manager, owner) in clients)
            {
                manager.Dispose();
                owner.Dispose();
            }
        }
    }

    private static async Task GetAsync(Side side, string label, HttpClient client, Uri uri, string? mustShow, bool record)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(uri);
        var body = await response.Content.ReadAsStringAsync();
        watch.Stop();
        var shows = mustShow is null || body.Contains(mustShow, StringComparison.Ordinal);
        if (response.StatusCode != HttpStatusCode.OK || !shows)
        {
            throw new InvalidOperationException($"{label} at {side.Size}: {(int)response.StatusCode}{(shows ? "" : $", without {mustShow}")}");
        }

        if (record)
        {
            side.Times[label].Add(watch.Elapsed.TotalMilliseconds);
            side.Bytes[label] = System.Text.Encoding.UTF8.GetByteCount(body);
        }
    }

    /// <summary>The monitor's and the report's reads without HTTP, in a fresh scope as a request has.</summary>
    private static async Task PartsAsync(Side side, bool record)
    {
        using var scope = side.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var watch = Stopwatch.StartNew();
        var json = await db.ProgrammeSnapshots.AsNoTracking().Where(s => s.ProgrammeId == side.SetUp.ProgrammeId)
            .OrderByDescending(s => s.ComputedAtUtc).Select(s => s.DataJson).FirstAsync();
        _ = JsonSerializer.Deserialize<MonitorData>(json, ProgrammeComputation.Json);
        var snapshotMs = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var built = await scope.ServiceProvider.GetRequiredService<ReportQueries>().BuildAsync(side.OrganisationId, side.RoundId, "nl", CancellationToken.None)
            ?? throw new InvalidOperationException("The measured round has no report.");
        var buildMs = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var norms = await scope.ServiceProvider.GetRequiredService<NormLookup>().ForReportAsync(side.OrganisationId, built, CancellationToken.None);
        var normsMs = watch.Elapsed.TotalMilliseconds;
        if (norms?.Lines.FirstOrDefault(l => l.Position is not null)?.Band is not { } band)
        {
            throw new InvalidOperationException("The measured company has no norm position: the lookup would not be measured.");
        }

        side.NormGroup = string.Create(CultureInfo.InvariantCulture,
            $"sector {(band.SbiSection.Length > 0 ? band.SbiSection : "any")}, size {(band.SizeClass.Length > 0 ? band.SizeClass : "any")}, region {(band.LabourMarketRegionId.Length > 0 ? band.LabourMarketRegionId : "any")} ({band.Companies} companies, {band.Status})");
        if (record)
        {
            side.Times["snapshot"].Add(snapshotMs);
            side.Times["build"].Add(buildMs);
            side.Times["norms"].Add(normsMs);
        }
    }

    private static List<string> Render(string database, Options options, List<Side> sides)
    {
        var culture = CultureInfo.InvariantCulture;
        var (small, large) = (sides[0], sides[^1]);
        string N(double n) => n.ToString("#,0", culture);
        string Ms(double ms) => ms.ToString(ms < 10 ? "0.00" : "0.0", culture);
        var lines = new List<string>
        {
            $"### {database}, {options.Runs} runs each after {options.Warmup} warm-up, interleaved over both sizes",
            "",
            "Each size in its own database. Loading (bench only: companies through EF Core, responses in bulk) and folding by the app's `StatisticsFolder.FoldAllAsync()`:",
            "",
            "| companies | rounds | responses | load | fold |",
            "|---|---|---|---|---|",
        };
        foreach (var p in sides)
        {
            lines.Add(string.Create(culture, $"| {N(p.Size)} | {N(p.Rounds)} | {N(p.Responses)} | {p.LoadSeconds:0.0} s | {p.FoldSeconds:0.0} s |"));
        }

        lines.AddRange([
            "",
            "Background jobs, each run twice back to back (ms: wall clock around the call / the job's own `DurationMilliseconds`;",
            $"the {N(small.Size)} run is the process's first, so its first call includes JIT and query compilation):",
            "",
            "| companies | ComputeAsync, first | ComputeAsync, again | snapshot JSON | RefreshAsync, first | RefreshAsync, again | bands |",
            "|---|---|---|---|---|---|---|",
        ]);
        foreach (var p in sides)
        {
            var j = p.Jobs;
            lines.Add(string.Create(culture,
                $"| {N(p.Size)} | {Ms(j.ComputeMs)} / {j.ComputeStoredMs} | {Ms(j.ComputeAgainMs)} / {j.ComputeAgainStoredMs} | {N(j.SnapshotBytes)} chars | {Ms(j.RefreshMs)} / {j.RefreshStoredMs} | {Ms(j.RefreshAgainMs)} / {j.RefreshAgainStoredMs} | {N(j.Bands)} |"));
        }

        lines.AddRange([
            "",
            "Requests (in-process HTTP, server time without a network) and their parts (ms, median / p95):",
            "",
            $"| request | {N(small.Size)} companies | {N(large.Size)} companies | {N(large.Size)} / {N(small.Size)} (median) | bytes {N(small.Size)} / {N(large.Size)} |",
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
        foreach (var p in sides)
        {
            lines.Add(string.Create(culture, $"At {N(p.Size)} companies the read company's first dimension is compared with the group: {p.NormGroup}."));
        }

        return lines;
    }
}
