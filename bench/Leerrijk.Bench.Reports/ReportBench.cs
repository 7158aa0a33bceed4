using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Rounds;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Leerrijk.Bench.Reports;

/// <summary>
/// How long a round's report takes for rounds of 50, 5,000 and 500,000 responses (bench/README.md, "Report time").
/// <c>run</c> measures one database and appends to a results file; <c>summary</c> prints the Markdown tables.
/// </summary>
internal static partial class ReportBench
{
    private const string InstrumentId = "leerrijk-teamscan";
    private const string Password = "een lange testzin voor leerrijk";
    private const string Email = "bench@example.test";
    private static readonly DateOnly OpensOn = new(2026, 3, 2);
    private static readonly DateOnly PreviousOpensOn = new(2025, 3, 3);
    private const int PreviousSize = 50;
    private const int GlobalWarmup = 40;

    public static async Task<int> Main(string[] args)
    {
        var options = Options.Parse(args.Skip(1).ToArray());

        // WebApplicationFactory finds the app's content root through MvcTestingAppManifest.json in the current
        // directory, as under a test runner: run from the output directory, with the paths given made absolute first.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        switch (args.FirstOrDefault())
        {
            case "run":
                await RunAsync(options);
                return 0;
            case "caseload":
                return await CaseloadBench.RunAsync(options);
            case "programme":
                return await ProgrammeBench.RunAsync(options);
            case "national":
                return await NationalBench.RunAsync(args.Skip(1).ToArray(), options.Results);
            case "summary":
                Console.Write(Summary.Render((await File.ReadAllLinesAsync(options.Results)).Where(l => l.Length > 0).Select(ResultLine.Parse).ToList()));
                return 0;
            default:
                await Console.Error.WriteLineAsync(
                    "usage: run --db sqlite|postgres [--pg ADMIN_CONNECTION] [--sizes 50,5000,500000] [--runs 30] [--warmup 5] [--tail 1000] [--work DIR] [--explain] --results FILE\n" +
                    "       caseload|programme --db sqlite|postgres [--pg ADMIN_CONNECTION] [--runs 40] [--warmup 15] --results FILE\n" +
                    "       national --pg ADMIN_CONNECTION [--orgs 100000] [--responses 10000000] [--large 50000] [--small 15] [--runs 30] [--warmup 10]\n" +
                    "                [--concurrency 32] [--submit-seconds 20] [--submit-warmup 5] [--chunk 200000] [--max-gb 40] --results FILE\n" +
                    "       summary --results FILE");
                return 2;
        }
    }

    private static async Task RunAsync(Options options)
    {
        var work = options.Work ?? Directory.CreateTempSubdirectory("leerrijk-report-bench-").FullName;
        try
        {
            await RunAsync(options, work);
        }
        finally
        {
            if (options.Work is null)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task RunAsync(Options options, string work)
    {
        await using var database = options.Database switch
        {
            "sqlite" => BenchDatabase.Sqlite(work),
            "postgres" => await BenchDatabase.PostgresAsync(options.Postgres ?? throw new ArgumentException("--pg is required for postgres")),
            _ => throw new ArgumentException($"unknown database {options.Database}"),
        };
        var results = new ResultWriter(options.Results, database.Label);
        results.Info("version", await database.VersionAsync());
        results.Info("tail", options.Tail.ToString("#,0", CultureInfo.InvariantCulture));

        Log($"{database.Label}: starting the app (migrations)");
        await using var app = new BenchApp(database.SettingKey, database.ConnectionString, Path.Combine(work, "mail"));
        app.Start();
        var catalog = app.Services.GetRequiredService<InstrumentCatalog>();
        var instrument = catalog.Find(InstrumentId) ?? throw new InvalidOperationException($"{InstrumentId} is not in the catalog.");
        var setup = await SetUpAsync(app, instrument, options.Sizes);
        BulkLoader loader;
        using (var scope = app.Services.CreateScope())
        {
            var model = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Model;
            loader = database.IsPostgres ? new PostgresLoader(model, database.ConnectionString) : new SqliteLoader(model, database.ConnectionString);
        }

        // 1. Load every round's responses unfolded, as they would stand before the folder ever ran.
        var expected = 0;
        foreach (var (size, organisation, previous, round) in setup.Rounds)
        {
            foreach (var (target, count, seed) in new[] { (previous, PreviousSize, size + 1), (round, size, size) })
            {
                Log($"{database.Label}: loading {count:#,0} responses into a round of organisation {size:#,0}");
                var watch = Stopwatch.StartNew();
                var generator = new ResponseGenerator(instrument, target == round ? OpensOn : PreviousOpensOn, seed);
                var loaded = loader.Load(Target(organisation, target, instrument), () => generator.Generate(count));
                results.Load(count, loaded, watch.Elapsed.TotalSeconds);
                Log($"  {loaded.Rows:#,0} rows in {watch.Elapsed.TotalSeconds:0.0} s ({loaded.Rows / watch.Elapsed.TotalSeconds:#,0} rows/s)");
                expected += count;
            }
        }

        // 2. Fold them with the app's own code.
        await database.SettleAsync();
        Log($"{database.Label}: folding {expected:#,0} responses with StatisticsFolder.FoldAllAsync()");
        var folder = app.Services.GetRequiredService<StatisticsFolder>();
        var foldWatch = Stopwatch.StartNew();
        var folded = await folder.FoldAllAsync();
        foldWatch.Stop();
        results.Fold("all", folded, foldWatch.Elapsed.TotalSeconds);
        Log($"  {folded:#,0} folded in {foldWatch.Elapsed.TotalSeconds:0.0} s ({folded / foldWatch.Elapsed.TotalSeconds:#,0}/s)");
        if (folded != expected)
        {
            throw new InvalidOperationException($"Folded {folded}, loaded {expected}: the loaded rows are not what the app reads.");
        }

        await database.SettleAsync();

        // 3. Reports of the folded rounds. First every path a few dozen times, so that the JIT has compiled the hot
        // code in its final tier (after 30 calls, in the background) before anything is timed.
        using var client = await SignInAsync(app);
        Log($"{database.Label}: warming up (every report {GlobalWarmup} times: BuildAsync, its parts, the API, the page)");
        foreach (var (size, organisation, _, round) in setup.Rounds)
        {
            await MeasureAsync(app, client, null, options with { Warmup = GlobalWarmup, Runs = 0, Explain = false }, "warm-up", size, size, organisation, round);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        foreach (var (size, organisation, _, round) in setup.Rounds)
        {
            await MeasureAsync(app, client, results, options, "folded", size, size, organisation, round);
        }

        // 4. The state during a campaign: a tail of responses the folder has not reached yet, read at report time.
        if (options.Tail > 0)
        {
            var withTail = setup.Rounds.Where(r => r.Size >= options.Tail).ToList();
            foreach (var (size, organisation, _, round) in withTail)
            {
                Log($"{database.Label}: adding {options.Tail:#,0} unfolded responses to the round of {size:#,0}");
                var generator = new ResponseGenerator(instrument, OpensOn, size + 2);
                loader.Load(Target(organisation, round, instrument), () => generator.Generate(options.Tail));
            }

            foreach (var (size, organisation, _, round) in withTail)
            {
                await MeasureAsync(app, client, results, options, "tail", size, size + options.Tail, organisation, round);
            }

            var tailWatch = Stopwatch.StartNew();
            var tailFolded = await folder.FoldAllAsync();
            results.Fold("tail", tailFolded, tailWatch.Elapsed.TotalSeconds);
            Log($"  the tails, {tailFolded:#,0} responses, folded in {tailWatch.Elapsed.TotalMilliseconds:0} ms");
        }
    }

    private static LoadTarget Target(Guid organisationId, Guid roundId, Instrument instrument) =>
        new(organisationId, roundId, instrument.Id, instrument.Items.Select(i => i.Id).ToList());

    private sealed record BenchRound(int Size, Guid OrganisationId, Guid PreviousRoundId, Guid RoundId);

    private sealed record Setup(IReadOnlyList<BenchRound> Rounds);

    /// <summary>A signed-in owner; per size an organisation with a closed round and an earlier closed round of 50 to compare with.</summary>
    private static async Task<Setup> SetUpAsync(BenchApp app, Instrument instrument, IReadOnlyList<int> sizes)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = Email, Email = Email, EmailConfirmed = true, DisplayName = "Bench" };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var rounds = new List<BenchRound>();
        foreach (var size in sizes)
        {
            var organisation = new Organisation
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"Bench {size:#,0}"),
                SbiSection = "C",
                SizeClass = SizeClass.Small,
                ProvinceId = "gelderland",
                LabourMarketRegionId = "achterhoek",
            };
            db.Organisations.Add(organisation);
            db.Memberships.Add(new Membership { OrganisationId = organisation.Id, UserId = user.Id, Role = OrganisationRole.Owner });
            var previous = Round(organisation.Id, user.Id, instrument, PreviousOpensOn, PreviousSize, "Nulmeting");
            var round = Round(organisation.Id, user.Id, instrument, OpensOn, size, "Meting 2026");
            db.Rounds.AddRange(previous, round);
            rounds.Add(new BenchRound(size, organisation.Id, previous.Id, round.Id));
        }

        await db.SaveChangesAsync();
        return new Setup(rounds);
    }

    /// <summary>A closed round of the bench's content; <paramref name="code"/> when the caller must keep codes unique itself.</summary>
    internal static Round Round(Guid organisationId, Guid userId, Instrument instrument, DateOnly opensOn, int size, string title, string? code = null) => new()
    {
        OrganisationId = organisationId,
        Code = code ?? Leerrijk.Web.Features.Rounds.Round.NewCode(),
        Title = title,
        InstrumentId = instrument.Id,
        InstrumentVersion = instrument.Version,
        InstrumentFingerprint = InstrumentFingerprint.Of(instrument),
        OpensOn = opensOn,
        ClosesOn = opensOn.AddDays(18),
        Roles = [.. ResponseGenerator.Roles],
        Departments = [.. ResponseGenerator.Departments],
        Languages = ["nl", "en"],
        ExpectedRespondents = size * 5 / 4,
        AnonymityThreshold = 5,
        CreatedByUserId = userId,
        ClosedAtUtc = opensOn.AddDays(19).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
    };

    /// <summary>Times the whole report, its parts, and the report over HTTP, for one round.</summary>
    private static async Task MeasureAsync(
        BenchApp app, HttpClient client, ResultWriter? results, Options options, string scenario, int size, int respondents, Guid organisationId, Guid roundId)
    {
        if (results is not null)
        {
            Log($"  report of {size:#,0} ({scenario}): {options.Warmup} warm-up runs, then {options.Runs}");
        }

        // As ReportsApi does for ?taal=nl: the texts come from the UI culture; numbers are never formatted by the current culture.
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");

        // The whole report, as the page and the API get it: a new scope (DbContext) per request, the tenant entered.
        var build = new List<double>();
        for (var run = -options.Warmup; run < options.Runs; run++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organisationId);
            var queries = scope.ServiceProvider.GetRequiredService<ReportQueries>();
            var watch = Stopwatch.StartNew();
            var report = await queries.BuildAsync(organisationId, roundId, "nl", CancellationToken.None);
            watch.Stop();
            if (run < 0)
            {
                Check(report, respondents, size, log: run == -options.Warmup && results is not null);
                continue;
            }

            build.Add(watch.Elapsed.TotalMilliseconds);
        }

        if (results is null)
        {
            // Warming up only: the same paths, nothing recorded.
            for (var run = 0; run < options.Warmup; run++)
            {
                await using var scope = app.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organisationId);
                await ReportParts.TimeAsync(scope.ServiceProvider, organisationId, roundId);
                foreach (var url in new[] { $"/api/v1/rounds/{roundId}/report?taal=nl", $"/o/{organisationId}/rounds/{roundId}/report" })
                {
                    using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                    response.EnsureSuccessStatusCode();
                }
            }

            return;
        }

        var whole = Timing.Of(build);
        results.Time(scenario, size, "build", whole);
        Log($"    BuildAsync: median {whole.Median:0.00} ms, p95 {whole.P95:0.00}, max {whole.Max:0.00}");

        // The same steps one by one (as ReportQueries.BuildAsync does them), to see which one grows.
        var parts = new Dictionary<string, List<double>>(StringComparer.Ordinal)
        {
            ["round"] = [],
            ["data"] = [],
            ["tailrows"] = [],
            ["previous"] = [],
            ["comments"] = [],
            ["builder"] = [],
        };
        for (var run = -options.Warmup; run < options.Runs; run++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organisationId);
            var times = await ReportParts.TimeAsync(scope.ServiceProvider, organisationId, roundId);
            if (run >= 0)
            {
                foreach (var (part, ms) in times)
                {
                    parts[part].Add(ms);
                }
            }
        }

        foreach (var (part, ms) in parts)
        {
            results.Time(scenario, size, part, Timing.Of(ms));
        }

        Log("    parts (median ms): " + string.Join(", ", parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {Timing.Of(p.Value).Median:0.00}"))));

        if (options.Explain)
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organisationId);
            Log($"    query plans, round of {size:#,0} ({scenario}):\n" + await ReportParts.ExplainAsync(scope.ServiceProvider, organisationId, roundId));
        }

        // Over HTTP, in-process: routing, authentication, the membership check, then JSON or the rendered page.
        foreach (var (metric, url) in new[]
        {
            ("api", $"/api/v1/rounds/{roundId}/report?taal=nl"),
            ("page", $"/o/{organisationId}/rounds/{roundId}/report"),
        })
        {
            var times = new List<double>();
            for (var run = -options.Warmup; run < options.Runs; run++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                var body = await response.Content.ReadAsByteArrayAsync();
                watch.Stop();
                if (response.StatusCode != HttpStatusCode.OK || body.Length == 0)
                {
                    throw new InvalidOperationException($"GET {url} returned {(int)response.StatusCode}.");
                }

                if (run >= 0)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            var timing = Timing.Of(times);
            results.Time(scenario, size, metric, timing);
            Log($"    GET {metric}: median {timing.Median:0.00} ms, p95 {timing.P95:0.00}");
        }
    }

    private static void Check(RoundReport? report, int respondents, int size, bool log)
    {
        if (report is null || report.Respondents != respondents || report.Status != ReportStatus.Full || report.Trend is null || !report.CommentsShown)
        {
            throw new InvalidOperationException(
                $"The report of {size} is not what was loaded: {report?.Respondents} respondents (expected {respondents}), status {report?.Status}, " +
                $"trend {(report?.Trend is null ? "missing" : "present")}, comments {(report?.CommentsShown == true ? "shown" : "not shown")}.");
        }

        if (log)
        {
            Log($"    checked: {report.Respondents:#,0} respondents, {report.Breakdowns.Count} breakdowns ({report.Breakdowns.Sum(b => b.Groups.Count)} groups), " +
                $"{report.Gaps.Count} gaps, trend, {report.Comments.Count} open answers");
        }
    }

    /// <summary>Signs the bench owner in through the real log-in form, as a browser without JavaScript does.</summary>
    private static async Task<HttpClient> SignInAsync(BenchApp app)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
        var token = TokenPattern().Match(form) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token on the log-in page.");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.Email"] = Email,
            ["Input.Password"] = Password,
            ["__RequestVerificationToken"] = token,
        });
        using var response = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), content);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Log-in failed: {(int)response.StatusCode}.");
        }

        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    internal static partial Regex TokenPattern();

    internal static void Log(string message) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.UtcNow:HH:mm:ss}] {message}"));
}

/// <summary>Command-line options of <c>run</c> and <c>summary</c>.</summary>
internal sealed record Options(string Database, string? Postgres, IReadOnlyList<int> Sizes, int Runs, int Warmup, int Tail, string? Work, string Results, bool Explain)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is >= 0 and var i && i + 1 < args.Length ? args[i + 1] : null;
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Options(
            Value("--db") ?? "sqlite",
            Value("--pg"),
            (Value("--sizes") ?? "50,5000,500000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList(),
            Int("--runs", 30),
            Int("--warmup", 5),
            Int("--tail", 1000),
            Value("--work") is { } work ? Path.GetFullPath(work) : null,
            Path.GetFullPath(Value("--results") ?? "report-bench.tsv"),
            args.Contains("--explain"));
    }
}

/// <summary>A fresh database for one run: an SQLite file, or a new database on the PostgreSQL server the script started.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private const string DefaultPostgresName = "leerrijk_report_bench";
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;
    private readonly string? _sqliteFile;

    private BenchDatabase(string label, string settingKey, string connectionString, string? postgresAdmin, string? postgresName, string? sqliteFile)
    {
        Label = label;
        SettingKey = settingKey;
        ConnectionString = connectionString;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
        _sqliteFile = sqliteFile;
    }

    public string Label { get; }

    public string SettingKey { get; }

    public string ConnectionString { get; }

    public bool IsPostgres => _postgresAdmin is not null;

    public static BenchDatabase Sqlite(string directory)
    {
        var file = Path.Combine(directory, "report-bench.db");
        return new BenchDatabase("SQLite", "ConnectionStrings:Sqlite", $"Data Source={file}", null, null, file);
    }

    /// <param name="admin">A connection to the server that may create and drop databases.</param>
    /// <param name="name">The bench's own database, so benches run by others on the same server are left alone.</param>
    public static async Task<BenchDatabase> PostgresAsync(string admin, string name = DefaultPostgresName)
    {
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new BenchDatabase("PostgreSQL", "ConnectionStrings:Postgres", builder.ConnectionString, admin, name, null);
    }

    public async Task<string> VersionAsync()
    {
        if (IsPostgres)
        {
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SHOW server_version", connection);
            return "PostgreSQL " + (string)(await command.ExecuteScalarAsync())!;
        }

        await using var sqlite = new SqliteConnection("Data Source=:memory:");
        await sqlite.OpenAsync();
        await using var version = sqlite.CreateCommand();
        version.CommandText = "SELECT sqlite_version()";
        return "SQLite " + (string)(await version.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// PostgreSQL: VACUUM ANALYZE, the state autovacuum reaches by itself shortly after a bulk load or a fold, done
    /// now so that it does not run in the background during a measurement. SQLite has no such process: nothing.
    /// </summary>
    public async Task SettleAsync()
    {
        if (!IsPostgres)
        {
            return;
        }

        ReportBench.Log("  VACUUM (ANALYZE)");
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("VACUUM (ANALYZE)", connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_sqliteFile + suffix);
            }
        }

        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
