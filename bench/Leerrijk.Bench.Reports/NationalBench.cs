using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Rounds;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Leerrijk.Bench.Reports;

/// <summary>
/// A national-scale database on PostgreSQL (bench/README.md, "bench/national.sh", issue #18): many organisations with
/// long-tailed round sizes, bulk-loaded and folded; then its disk size, a small and a large round's report time, and
/// the durable submission rate against the same rate on an empty database of the same cluster.
/// </summary>
internal static class NationalBench
{
    private const string Teamscan = "leerrijk-teamscan";
    private const string OwnerEmail = "national@example.test";
    private const int PreviousLarge = 50;
    private const int PreviousSmall = 12;
    private const int SmallestRound = 5;
    private const int GlobalWarmup = 40;

    // The few organisations the submission run writes to: a campaign week has many rounds open at once, and their
    // responses land all over the indexes, not in one round's corner.
    private const int OpenRounds = 20;

    // Instruments by share of organisations: mostly the teamscan, some the two other employee scans, so the answer
    // rows carry more than one instrument's item ids (and row widths) as a national database would.
    private static readonly (string Id, int Tenths)[] Mix = [(Teamscan, 7), ("leerklimaat-monitor", 2), ("vijf-fasenscan", 1)];

    /// <param name="args">The command's arguments (after "national").</param>
    /// <param name="results">The results file, made absolute before the bench moved to its output directory.</param>
    public static async Task<int> RunAsync(string[] args, string results)
    {
        var o = NationalOptions.Parse(args) with { Results = results };
        var lines = new List<string>();

        // 1. The reference: the same submissions on an empty database of the same cluster, before the big one takes the
        // page cache and the disk. Measured once more after the national run, when the JIT has long reached its final
        // tier and the cluster carries the big database: the two bracket the rate an empty database gives.
        var work = Directory.CreateTempSubdirectory("leerrijk-national-bench-").FullName;
        try
        {
            var emptyBefore = await EmptyReferenceAsync(o, work, "before");

            // 2. The national database.
            await using var national = await BenchDatabase.PostgresAsync(o.Postgres, "leerrijk_national");
            ReportBench.Log("national database: starting the app (migrations)");
            await using var nationalApp = new BenchApp(national.SettingKey, national.ConnectionString, Path.Combine(work, "mail"));
            nationalApp.Start();
            lines.AddRange(await RunNationalAsync(nationalApp, national, o, emptyBefore, () => EmptyReferenceAsync(o, work, "after")));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        await File.AppendAllLinesAsync(o.Results, lines);
        Console.WriteLine(string.Join('\n', lines));
        return 0;

        static async Task<List<string>> RunNationalAsync(BenchApp app, BenchDatabase database, NationalOptions o, Submitted emptyBefore, Func<Task<Submitted>> emptyAfterAsync)
        {
            var culture = CultureInfo.InvariantCulture;
            var catalog = app.Services.GetRequiredService<InstrumentCatalog>();
            var instruments = Mix.Select(m => (Instrument: catalog.Find(m.Id) ?? throw new InvalidOperationException($"{m.Id} is not in the catalog."), m.Tenths)).ToList();
            var teamscan = instruments[0].Instrument;

            // Sizes: organisation 0 holds the large round, organisation 1 the small one; both have an earlier round,
            // so their reports carry a trend as a second measurement would.
            var sizes = RoundSizes(o.Organisations, o.Responses - PreviousLarge - PreviousSmall, o.Large, o.Small, new Random(18));
            var setupWatch = Stopwatch.StartNew();
            var plan = await CreateOrganisationsAsync(app, sizes, instruments);
            var open = await OpenRoundsAsync(app, teamscan, plan.Rounds.Where(r => !r.Previous).Skip(2).Take(OpenRounds).Select(r => r.OrganisationId).ToList());
            setupWatch.Stop();
            ReportBench.Log($"  {sizes.Length:#,0} organisations and {plan.Rounds.Count:#,0} rounds in {setupWatch.Elapsed.TotalSeconds:0} s");

            // 3. Bulk load: rounds in the order they were made, a transaction per ~ChunkResponses responses.
            var load = Load(app, database, plan, o);
            await AnalyzeAsync(database);

            // 4. Fold with the app's own folder; then VACUUM ANALYZE, as autovacuum would leave it.
            ReportBench.Log($"folding {load.Responses:#,0} responses with StatisticsFolder.FoldAllAsync()");
            var foldWatch = Stopwatch.StartNew();
            var folded = await app.Services.GetRequiredService<StatisticsFolder>().FoldAllAsync();
            foldWatch.Stop();
            ReportBench.Log($"  {folded:#,0} folded in {foldWatch.Elapsed.TotalSeconds:0} s ({folded / foldWatch.Elapsed.TotalSeconds:#,0}/s)");
            if (folded != load.Responses)
            {
                throw new InvalidOperationException($"Folded {folded}, loaded {load.Responses}: the loaded rows are not what the app reads.");
            }

            var vacuumWatch = Stopwatch.StartNew();
            await database.SettleAsync();
            vacuumWatch.Stop();

            // 5. Disk.
            var disk = await DiskAsync(database);

            // 6. Reports of the small and the large round.
            var large = plan.Rounds.First(r => r.OrganisationId == plan.Rounds[0].OrganisationId && !r.Previous);
            var small = plan.Rounds.First(r => r.OrganisationId != large.OrganisationId && !r.Previous);
            using var client = await BenchAccounts.SignInAsync(app, OwnerEmail);

            // First every path GlobalWarmup times, so the JIT has compiled the hot code in its final tier (after 30
            // calls, in the background) before anything is timed; then the warm-up and measured runs alternate between
            // the two rounds, so a busy moment on the shared cores falls on both alike.
            var measured = new[] { ("small", small), ("large", large) };
            var times = measured.ToDictionary(m => m.Item1, _ => (Build: new List<double>(), Page: new List<double>()), StringComparer.Ordinal);
            ReportBench.Log($"reports: {GlobalWarmup} warm-up runs per round, then {o.Warmup} + {o.Runs} alternating");
            foreach (var (_, round) in measured)
            {
                for (var run = 0; run < GlobalWarmup; run++)
                {
                    await ReportOnceAsync(app, client, round);
                }
            }

            for (var run = -o.Warmup; run < o.Runs; run++)
            {
                foreach (var (label, round) in measured)
                {
                    var (build, page) = await ReportOnceAsync(app, client, round);
                    if (run >= 0)
                    {
                        times[label].Build.Add(build);
                        times[label].Page.Add(page);
                    }
                }
            }

            var reports = measured.Select(m => (Label: m.Item1, Round: m.Item2, Build: Timing.Of(times[m.Item1].Build), Page: Timing.Of(times[m.Item1].Page))).ToList();
            foreach (var r in reports)
            {
                ReportBench.Log($"  report of {r.Round.Size:#,0}: BuildAsync p50 {r.Build.Median:0.00} ms, p95 {r.Build.P95:0.00}; page p50 {r.Page.Median:0.00} ms, p95 {r.Page.P95:0.00}");
            }

            // 7. Submissions on the loaded database.
            var loaded = await SubmitAsync(app, database, teamscan, open, o, "national database");
            var emptyAfter = await emptyAfterAsync();

            // 8. Markdown.
            string N(double n) => n.ToString("#,0", culture);
            string Ms(double ms) => ms.ToString(ms < 10 ? "0.00" : "0.0", culture);
            string Gb(long bytes) => (bytes / 1e9).ToString("0.00", culture);
            var sorted = sizes.Order().ToArray();
            int Pct(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
            var perMillion = disk.Database / 1e6 / (load.Responses / 1e6);
            var section = new List<string>
            {
                $"### National-scale simulation: {N(sizes.Length)} organisations, {N(load.Responses)} responses ({await database.VersionAsync()})",
                "",
                $"Round sizes (responses per organisation's current round): median {N(Pct(0.5))}, p90 {N(Pct(0.9))}, p99 {N(Pct(0.99))}, " +
                $"largest {N(sorted[^1])}; {N(sorted.Count(s => s >= 1000))} rounds of 1,000 or more, {N(sorted.Count(s => s <= 50))} of 50 or fewer. " +
                $"Instruments: {string.Join(", ", instruments.Select(i => $"{i.Instrument.Id} {i.Tenths * 10} %"))} of the organisations. " +
                $"The large and the small round each have an earlier round ({PreviousLarge} and {PreviousSmall} responses) for the trend; {OpenRounds} further organisations have an open round for the submission run.",
                "",
                "| step | figure |",
                "|---|---|",
                $"| organisations and rounds (EF Core, the app's model) | {N(sizes.Length)} organisations, {N(plan.Rounds.Count + open.Count)} rounds in {setupWatch.Elapsed.TotalSeconds:0} s |",
                $"| bulk load (binary COPY, all indexes of the migrations in place) | {N(load.Responses)} responses, {N(load.Answers)} answer rows, {N(load.Comments)} comment rows = {N(load.Rows)} rows in {load.Seconds:0} s = **{N(load.Rows / load.Seconds)} rows/s** ({N(load.Responses / load.Seconds)} responses/s){(load.StoppedAtLimit ? $"; **stopped at the {o.MaxGb:0} GB limit**" : "")} |",
                $"| fold (`StatisticsFolder.FoldAllAsync`) | {N(folded)} responses in {foldWatch.Elapsed.TotalSeconds:0} s = **{N(folded / foldWatch.Elapsed.TotalSeconds)} responses/s** |",
                $"| VACUUM (ANALYZE) after the fold | {vacuumWatch.Elapsed.TotalSeconds:0} s |",
                $"| database size (`pg_database_size`) | **{Gb(disk.Database)} GB** = **{N(perMillion)} MB per million responses** ({N(disk.Database / (double)load.Responses)} bytes per response) |",
                "",
                "Biggest tables (GB): heap = `pg_relation_size`, indexes = `pg_indexes_size`, total = `pg_total_relation_size` (with TOAST):",
                "",
                "| table | rows (reltuples) | heap | indexes | total |",
                "|---|---|---|---|---|",
            };
            section.AddRange(disk.Tables.Select(t => $"| {t.Name} | {N(t.Rows)} | {Gb(t.Heap)} | {Gb(t.Indexes)} | {Gb(t.Total)} |"));
            section.AddRange(
            [
                "",
                $"Report time on the loaded database, {o.Runs} runs each after {GlobalWarmup} + {o.Warmup} warm-up runs, the two rounds alternating: " +
                "`ReportQueries.BuildAsync` in a fresh DI scope per run, and the report page over in-process HTTP (signed in), ms:",
                "",
                "| round | respondents | BuildAsync p50 | p95 | max | report page p50 | p95 | max |",
                "|---|---|---|---|---|---|---|---|",
            ]);
            section.AddRange(reports.Select(r =>
                $"| {r.Label} | {N(r.Round.Size)} | {Ms(r.Build.Median)} | **{Ms(r.Build.P95)}** | {Ms(r.Build.Max)} | {Ms(r.Page.Median)} | **{Ms(r.Page.P95)}** | {Ms(r.Page.Max)} |"));
            section.AddRange(
            [
                "",
                $"Durable submissions: POST /api/v1/s/{{code}}/responses over in-process HTTP (the app's submission path, group commit), " +
                $"{o.Concurrency} concurrent clients for {o.SubmitSeconds} s after {o.SubmitWarmupSeconds} s warm-up, each a complete teamscan response with a new random id, " +
                $"spread over {OpenRounds} open rounds; stored rows counted afterwards:",
                "",
                "| database | created/s | p50 ms | p99 ms | max ms | created | other statuses | rows stored = created |",
                "|---|---|---|---|---|---|---|---|",
                SubmitRow("empty (same cluster, before loading)", emptyBefore),
                SubmitRow($"national ({N(load.Responses)} responses)", loaded),
                SubmitRow("empty (same cluster, after the national run)", emptyAfter),
                "",
                $"With {N(load.Responses)} responses loaded the submission rate is **{loaded.PerSecond / emptyBefore.PerSecond * 100:0} %** of the rate on the empty database before " +
                $"and **{loaded.PerSecond / emptyAfter.PerSecond * 100:0} %** of the one after (p99 {Ms(loaded.P99)} ms against {Ms(emptyBefore.P99)} and {Ms(emptyAfter.P99)} ms).",
            ]);
            return section;

            string SubmitRow(string label, Submitted s) =>
                $"| {label} | **{N(s.PerSecond)}** | {Ms(s.P50)} | **{Ms(s.P99)}** | {Ms(s.Max)} | {N(s.Created)} | {(s.Other.Count == 0 ? "none" : string.Join(", ", s.Other.Select(p => $"{p.Key}={p.Value}")))} | {(s.Verified ? "yes" : "**no**")} |";
        }
    }

    /// <summary>A fresh empty database on the same cluster, the app on it, and the submission run; dropped afterwards.</summary>
    private static async Task<Submitted> EmptyReferenceAsync(NationalOptions o, string work, string when)
    {
        await using var database = await BenchDatabase.PostgresAsync(o.Postgres, "leerrijk_national_empty");
        ReportBench.Log($"empty database ({when}): starting the app (migrations)");
        await using var app = new BenchApp(database.SettingKey, database.ConnectionString, Path.Combine(work, "mail-empty-" + when));
        app.Start();
        var instrument = app.Services.GetRequiredService<InstrumentCatalog>().Find(Teamscan)!;
        var open = await OpenRoundsAsync(app, instrument, null);
        return await SubmitAsync(app, database, instrument, open, o, $"empty database ({when})");
    }

    /// <summary>
    /// The current round's size per organisation: a Pareto tail (most companies small, a few large) scaled so the
    /// total comes out at <paramref name="total"/>, at least <see cref="SmallestRound"/> each (below the anonymity
    /// threshold nothing is shown, so nobody runs smaller rounds), at most 20,000 apart from the one large round.
    /// </summary>
    private static int[] RoundSizes(int organisations, long total, int large, int small, Random random)
    {
        var rest = organisations - 2;
        var budget = Math.Max(0, total - large - small);
        var raw = Enumerable.Range(0, rest).Select(_ => Math.Pow(1 - random.NextDouble(), -1 / 1.5)).ToArray();
        const int Cap = 20_000;
        long Sum(double scale) => raw.Sum(r => (long)Math.Clamp(Math.Round(scale * r), SmallestRound, Cap));
        double low = 0, high = 1e6;
        for (var i = 0; i < 100; i++)
        {
            var mid = (low + high) / 2;
            (low, high) = Sum(mid) < budget ? (mid, high) : (low, mid);
        }

        var sizes = raw.Select(r => (int)Math.Clamp(Math.Round(high * r), SmallestRound, Cap)).ToArray();

        // Rounding leaves the total a few responses off; take them from (or give them to) the largest rounds.
        var difference = budget - sizes.Sum(s => (long)s);
        foreach (var i in Enumerable.Range(0, rest).OrderByDescending(i => sizes[i]))
        {
            if (difference == 0)
            {
                break;
            }

            var step = difference > 0 ? 1 : -1;
            if (sizes[i] + step >= SmallestRound)
            {
                sizes[i] += step;
                difference -= step;
            }
        }

        return [large, small, .. sizes];
    }

    private sealed record RoundPlan(Guid OrganisationId, Guid RoundId, Instrument Instrument, DateOnly OpensOn, int Size, bool Previous);

    private sealed record Plan(IReadOnlyList<RoundPlan> Rounds);

    /// <summary>
    /// The organisations and their closed rounds through the app's own model (EF Core, so every column, default and
    /// interceptor is the app's), a few thousand per SaveChanges. The bench owner is a member of the two measured ones.
    /// </summary>
    private static async Task<Plan> CreateOrganisationsAsync(BenchApp app, int[] sizes, List<(Instrument Instrument, int Tenths)> instruments)
    {
        Guid ownerId;
        using (var scope = app.Services.CreateScope())
        {
            ownerId = (await BenchAccounts.CreateAsync(scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(), OwnerEmail)).Id;
        }

        var byTenth = instruments.SelectMany(i => Enumerable.Repeat(i.Instrument, i.Tenths)).ToArray();
        string[] sections = ["C", "F", "G", "I", "M", "Q"];
        string[] regions = ["achterhoek", "groot-amsterdam", "rijnmond", "zuid-limburg", "groningen"];
        var rounds = new List<RoundPlan>();
        const int PerSave = 2_000;
        for (var first = 0; first < sizes.Length; first += PerSave)
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = first; i < Math.Min(sizes.Length, first + PerSave); i++)
            {
                var instrument = i < 2 ? instruments[0].Instrument : byTenth[i % byTenth.Length];
                var organisation = new Organisation
                {
                    Name = string.Create(CultureInfo.InvariantCulture, $"Bedrijf {i + 1:000000}"),
                    SbiSection = sections[i % sections.Length],
                    SizeClass = SizeClasses.Of(Math.Max(1, sizes[i] * 5 / 4)),
                    ProvinceId = "gelderland",
                    LabourMarketRegionId = regions[i % regions.Length],
                };
                db.Organisations.Add(organisation);
                if (i < 2)
                {
                    db.Memberships.Add(new Membership { OrganisationId = organisation.Id, UserId = ownerId, Role = OrganisationRole.Owner });
                    var previous = ReportBench.Round(organisation.Id, ownerId, instrument, new DateOnly(2025, 3, 3), i == 0 ? PreviousLarge : PreviousSmall, "Nulmeting", UniqueCode());
                    db.Rounds.Add(previous);
                    rounds.Add(new RoundPlan(organisation.Id, previous.Id, instrument, previous.OpensOn, i == 0 ? PreviousLarge : PreviousSmall, true));
                }

                // Rounds spread over the year, all closed: the state most of a national database is in.
                var round = ReportBench.Round(organisation.Id, ownerId, instrument, new DateOnly(2025, 12, 1).AddDays(i * 7 % 330), sizes[i], "Meting 2026", UniqueCode());
                db.Rounds.Add(round);
                rounds.Add(new RoundPlan(organisation.Id, round.Id, instrument, round.OpensOn, sizes[i], false));
            }

            await db.SaveChangesAsync();
        }

        return new Plan(rounds);
    }

    /// <summary>
    /// Six random characters give about 890 million codes, so among 100,000 rounds a few clash (the birthday bound);
    /// the app draws again on a clash (RoundRules.AddAsync), the bench does the same against the codes it made.
    /// </summary>
    private static readonly HashSet<string> Codes = new(StringComparer.Ordinal);

    private static string UniqueCode()
    {
        string code;
        do
        {
            code = Round.NewCode();
        }
        while (!Codes.Add(code));

        return code;
    }

    /// <summary>
    /// <see cref="OpenRounds"/> rounds open today, for the submission run: in the given organisations, or in new ones
    /// (the empty database). Returns their public codes and ids.
    /// </summary>
    private static async Task<List<(string Code, Guid Id)>> OpenRoundsAsync(BenchApp app, Instrument instrument, IReadOnlyList<Guid>? organisations)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = organisations is null
            ? await BenchAccounts.CreateAsync(users, "open@example.test")
            : await users.FindByEmailAsync(OwnerEmail) ?? throw new InvalidOperationException("The bench owner is missing.");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var result = new List<(string, Guid)>();
        for (var i = 0; i < OpenRounds; i++)
        {
            var organisationId = organisations?[i] ?? Guid.Empty;
            if (organisations is null)
            {
                var organisation = new Organisation
                {
                    Name = string.Create(CultureInfo.InvariantCulture, $"Open {i}"),
                    SbiSection = "C",
                    SizeClass = SizeClass.Small,
                    ProvinceId = "gelderland",
                    LabourMarketRegionId = "achterhoek",
                };
                db.Organisations.Add(organisation);
                organisationId = organisation.Id;
            }

            var round = ReportBench.Round(organisationId, user.Id, instrument, today.AddDays(-3), 100, "Meting nu", UniqueCode());
            round.ClosesOn = today.AddDays(14);
            round.ClosedAtUtc = null;
            db.Rounds.Add(round);
            result.Add((round.Code, round.Id));
        }

        await db.SaveChangesAsync();
        return result;
    }

    /// <summary>What a load wrote, and whether it stopped early at the size limit.</summary>
    private sealed record Loaded(long Responses, long Answers, long Comments, double Seconds, bool StoppedAtLimit)
    {
        public long Rows => Responses + Answers + Comments;
    }

    /// <summary>
    /// Binary COPY in chunks, each its own transaction. Response ids are random v4 UUIDs, as devices make them, but
    /// handed out in ascending order over the whole load (each round's generator makes its own ids, sorted within the
    /// round only): the primary keys then grow at their right edge as in report.sh, instead of 10 million inserts at
    /// random places in an index far larger than the page cache. The indexes are therefore densely packed; ones grown by
    /// random inserts over years are emptier (B-tree page splits leave pages about 70 % full instead of 90 %).
    /// </summary>
    private static Loaded Load(BenchApp app, BenchDatabase database, Plan plan, NationalOptions o)
    {
        PostgresLoader loader;
        using (var scope = app.Services.CreateScope())
        {
            loader = new PostgresLoader(scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Model, database.ConnectionString);
        }

        var total = plan.Rounds.Sum(r => (long)r.Size);
        var ids = AscendingIds(total, new Random(2026));
        ReportBench.Log($"loading {total:#,0} responses into {plan.Rounds.Count:#,0} rounds (binary COPY, chunks of about {o.ChunkResponses:#,0} responses)");
        var watch = Stopwatch.StartNew();
        long responses = 0, answers = 0, comments = 0, offset = 0, lastLog = 0;
        var stopped = false;
        var chunk = new List<(LoadTarget, Func<IEnumerable<GeneratedResponse>>)>();
        long chunkSize = 0;
        for (var k = 0; k < plan.Rounds.Count; k++)
        {
            var round = plan.Rounds[k];
            var first = offset;
            var generator = new ResponseGenerator(round.Instrument, round.OpensOn, k + 1, shift: (k % 7 - 3) * 0.1);
            chunk.Add((
                new LoadTarget(round.OrganisationId, round.RoundId, round.Instrument.Id, round.Instrument.Items.Select(i => i.Id).ToList()),
                () => generator.Generate(round.Size).Select((r, i) => r with { Id = ids(first + i) })));
            offset += round.Size;
            chunkSize += round.Size;
            if (chunkSize < o.ChunkResponses && k < plan.Rounds.Count - 1)
            {
                continue;
            }

            var count = loader.LoadMany(chunk);
            responses += count.Responses;
            answers += count.Answers;
            comments += count.Comments;
            chunk.Clear();
            chunkSize = 0;
            if (responses - lastLog >= 250_000 || k == plan.Rounds.Count - 1)
            {
                lastLog = responses;
                var size = DatabaseSize(database);
                var rows = responses + answers + comments;
                ReportBench.Log($"  {responses:#,0} responses ({rows:#,0} rows) in {watch.Elapsed.TotalSeconds:0} s, {rows / watch.Elapsed.TotalSeconds:#,0} rows/s, database {size / 1e9:0.00} GB");
                if (size > o.MaxGb * 1e9 && k < plan.Rounds.Count - 1)
                {
                    ReportBench.Log($"  the database passed {o.MaxGb:0} GB: loading stops here");
                    stopped = true;
                    break;
                }
            }
        }

        watch.Stop();
        return new Loaded(responses, answers, comments, watch.Elapsed.TotalSeconds, stopped);
    }

    /// <summary>
    /// The n-th of <paramref name="count"/> random version 4 UUIDs in ascending order (PostgreSQL compares uuid bytes
    /// in RFC order): sorted random 60-bit prefixes with the version and variant bits put in between, random below.
    /// </summary>
    private static Func<long, Guid> AscendingIds(long count, Random random)
    {
        var prefixes = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            prefixes[i] = (ulong)random.NextInt64() >> 3;
        }

        Array.Sort(prefixes);
        return n =>
        {
            var p = prefixes[n];
            Span<byte> b = stackalloc byte[16];

            // 60 bits: 48 in bytes 0-5, 4 beside the version nibble, 8 in byte 7; then the variant and random bits.
            for (var i = 0; i < 6; i++)
            {
                b[i] = (byte)(p >> (52 - 8 * i));
            }

            b[6] = (byte)(0x40 | ((p >> 8) & 0x0F));
            b[7] = (byte)p;
            var low = (ulong)n * 0x9E3779B97F4A7C15UL;
            b[8] = (byte)(0x80 | (low & 0x3F));
            for (var i = 9; i < 16; i++)
            {
                b[i] = (byte)(low >> (8 * (i - 8)));
            }

            return new Guid(b, bigEndian: true);
        };
    }

    private static long DatabaseSize(BenchDatabase database)
    {
        using var connection = new NpgsqlConnection(database.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Statistics for the folder's queries after the load, as autovacuum's ANALYZE would soon give them.</summary>
    private static async Task AnalyzeAsync(BenchDatabase database)
    {
        ReportBench.Log("  ANALYZE");
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("ANALYZE", connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private sealed record TableSize(string Name, long Rows, long Heap, long Indexes, long Total);

    private sealed record Disk(long Database, IReadOnlyList<TableSize> Tables);

    private static async Task<Disk> DiskAsync(BenchDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        var total = (long)(await size.ExecuteScalarAsync())!;

        // reltuples is VACUUM ANALYZE's count, exact enough here and free, where count(*) would read 10 GB again.
        await using var tables = new NpgsqlCommand(
            """
            SELECT c.relname, c.reltuples::bigint, pg_relation_size(c.oid), pg_indexes_size(c.oid), pg_total_relation_size(c.oid)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname = 'public'
            ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 6
            """,
            connection);
        var list = new List<TableSize>();
        await using var reader = await tables.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add(new TableSize(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        return new Disk(total, list);
    }

    /// <summary>One BuildAsync (a fresh scope, the tenant entered, as a request calls it) and then one report page; ms each.</summary>
    private static async Task<(double Build, double Page)> ReportOnceAsync(BenchApp app, HttpClient client, RoundPlan round)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
        double build;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(round.OrganisationId);
            var queries = scope.ServiceProvider.GetRequiredService<ReportQueries>();
            var watch = Stopwatch.StartNew();
            var report = await queries.BuildAsync(round.OrganisationId, round.RoundId, "nl", CancellationToken.None);
            build = watch.Elapsed.TotalMilliseconds;
            if (report is null || report.Respondents != round.Size)
            {
                throw new InvalidOperationException($"The report of the round of {round.Size} shows {report?.Respondents} respondents.");
            }
        }

        var url = new Uri($"/o/{round.OrganisationId}/rounds/{round.RoundId}/report", UriKind.Relative);
        var pageWatch = Stopwatch.StartNew();
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        var page = pageWatch.Elapsed.TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK || body.Length == 0)
        {
            throw new InvalidOperationException($"GET {url} returned {(int)response.StatusCode}.");
        }

        return (build, page);
    }

    private sealed record Submitted(double PerSecond, double P50, double P99, double Max, long Created, IReadOnlyDictionary<int, long> Other, bool Verified);

    /// <summary>
    /// Concurrent clients posting complete responses for a fixed time, after a warm-up of the same; the rate counts
    /// the 201s of the measured time. Afterwards the open rounds' rows must equal every 201 (warm-up included).
    /// </summary>
    private static async Task<Submitted> SubmitAsync(BenchApp app, BenchDatabase database, Instrument instrument, List<(string Code, Guid Id)> open, NationalOptions o, string label)
    {
        using var client = app.CreateClient();
        var items = instrument.Items.Select(i => i.Id).ToArray();
        var question = instrument.OpenQuestions[0].Id;
        var created = 0L;

        async Task<(List<double> Latencies, Dictionary<int, long> Other)> RunAsync(TimeSpan duration)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            var workers = Enumerable.Range(0, o.Concurrency).Select(w => Task.Run(async () =>
            {
                var random = new Random(w * 7919 + Environment.TickCount);
                var latencies = new List<double>();
                var other = new Dictionary<int, long>();
                while (Stopwatch.GetTimestamp() < deadline)
                {
                    var (code, _) = open[random.Next(open.Count)];
                    var body = new
                    {
                        id = Guid.NewGuid(),
                        language = "nl",
                        role = "employee",
                        department = ResponseGenerator.Departments[random.Next(ResponseGenerator.Departments.Count)],
                        yearsEmployed = "1-5",
                        answers = items.ToDictionary(i => i, _ => (int?)random.Next(instrument.ScaleMin, instrument.ScaleMax + 1)),
                        open = new Dictionary<string, string> { [question] = "Samen naar een lastige storing kijken en daarna bespreken wat we ervan leren." },
                    };
                    var watch = Stopwatch.StartNew();
                    using var response = await client.PostAsJsonAsync(new Uri($"/api/v1/s/{code}/responses", UriKind.Relative), body);
                    await response.Content.ReadAsByteArrayAsync();
                    watch.Stop();
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        latencies.Add(watch.Elapsed.TotalMilliseconds);
                    }
                    else
                    {
                        other[(int)response.StatusCode] = other.GetValueOrDefault((int)response.StatusCode) + 1;
                    }
                }

                return (latencies, other);
            })).ToList();
            var results = await Task.WhenAll(workers);
            var all = results.SelectMany(r => r.latencies).ToList();
            var others = results.SelectMany(r => r.other).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
            Interlocked.Add(ref created, all.Count);
            return (all, others);
        }

        ReportBench.Log($"{label}: submissions, {o.SubmitWarmupSeconds} s warm-up, then {o.SubmitSeconds} s with {o.Concurrency} clients");
        var warm = await RunAsync(TimeSpan.FromSeconds(o.SubmitWarmupSeconds));
        if (warm.Latencies.Count == 0)
        {
            throw new InvalidOperationException($"No submission was stored during the warm-up: {string.Join(", ", warm.Other.Select(p => $"{p.Key}={p.Value}"))}.");
        }

        var started = Stopwatch.StartNew();
        var (latencies, other) = await RunAsync(TimeSpan.FromSeconds(o.SubmitSeconds));
        var seconds = started.Elapsed.TotalSeconds;

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM \"Responses\" WHERE \"RoundId\" = ANY(@rounds)", connection);
        count.Parameters.AddWithValue("rounds", open.Select(r => r.Id).ToArray());
        var stored = (long)(await count.ExecuteScalarAsync())!;

        var sorted = latencies.Order().ToArray();
        double Pct(double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
        var result = new Submitted(sorted.Length / seconds, Pct(0.5), Pct(0.99), sorted[^1], sorted.Length, other, stored == created);
        ReportBench.Log($"  {result.PerSecond:#,0} created/s, p50 {result.P50:0.0} ms, p99 {result.P99:0.0} ms; stored {stored:#,0} of {created:#,0} created");
        return result;
    }

    private sealed record NationalOptions(
        string Postgres, int Organisations, long Responses, int Large, int Small, int Runs, int Warmup,
        int Concurrency, int SubmitSeconds, int SubmitWarmupSeconds, int ChunkResponses, double MaxGb, string Results)
    {
        public static NationalOptions Parse(string[] args)
        {
            string? Value(string name) => Array.IndexOf(args, name) is >= 0 and var i && i + 1 < args.Length ? args[i + 1] : null;
            long Long(string name, long fallback) => Value(name) is { } v ? long.Parse(v, CultureInfo.InvariantCulture) : fallback;
            return new NationalOptions(
                Value("--pg") ?? throw new ArgumentException("--pg is required"),
                (int)Long("--orgs", 100_000),
                Long("--responses", 10_000_000),
                (int)Long("--large", 50_000),
                (int)Long("--small", 15),
                (int)Long("--runs", 30),
                (int)Long("--warmup", 10),
                (int)Long("--concurrency", 32),
                (int)Long("--submit-seconds", 20),
                (int)Long("--submit-warmup", 5),
                (int)Long("--chunk", 200_000),
                Long("--max-gb", 40),
                "");
        }
    }
}
