namespace Leerrijk.FaultTests.Harness;

/// <summary>
/// Shared by every fault test: one durable PostgreSQL cluster (tests restart it, so they run one at a time) and
/// the databases handed to app processes.
/// </summary>
public sealed class FaultFixture : IAsyncLifetime
{
    /// <summary>Request budgets out of the way: these tests send from one address and one client far faster than people do.</summary>
    public static readonly IReadOnlyDictionary<string, string> NoRateLimits = new Dictionary<string, string>
    {
        ["RateLimits__PerClientPerMinute"] = "10000000",
        ["RateLimits__PerAddressPerMinute"] = "10000000",
        ["RateLimits__AccountPostsPerClientPerMinute"] = "10000000",
    };

    private Task<Database>? _sqliteDemo;
    private Task<Database>? _postgresDemo;

    public PostgresServer? Postgres { get; private set; }

    public async Task InitializeAsync()
    {
        if (PostgresServer.FindBin() is not null)
        {
            Postgres = await PostgresServer.StartNewAsync();
        }
        else if (Profile.InCi)
        {
            throw new InvalidOperationException("CI: PostgreSQL is required for the fault tests and is not installed.");
        }
    }

    /// <summary>
    /// A fresh database of the kind asked for, holding the demo as the app seeds it on a first start; skips the test
    /// outside CI when PostgreSQL is missing.
    /// </summary>
    /// <remarks>
    /// The demo is seeded once per kind and run and copied for each check: seeding sends more than 1,500 responses
    /// through the submission path, about 8 s on an idle machine against 3 s for a start that finds it in place, and
    /// no check here is about seeding (the disk-full and failover checks still seed their own databases).
    /// </remarks>
    public async Task<Database> DatabaseAsync(string kind, string purpose)
    {
        if (kind == "sqlite")
        {
            _sqliteDemo ??= SeedAsync(Database.Sqlite("demo"));
            var demo = (await _sqliteDemo).Name;
            var file = Path.Combine(Directory.CreateTempSubdirectory($"leerrijk-faults-{purpose}.").FullName, "leerrijk.db");
            // The app stopped cleanly, so nothing writes; a write-ahead log it left behind is part of the database.
            File.Copy(demo, file);
            if (File.Exists(demo + "-wal"))
            {
                File.Copy(demo + "-wal", file + "-wal");
            }

            return Database.SqliteAt(file);
        }

        Skip.If(Postgres is null, "PostgreSQL is not installed; scripts/test.sh installs it.");
        _postgresDemo ??= SeedAsync(await Database.PostgresAsync(Postgres!, "demo"));
        var template = (await _postgresDemo).Name;
        return Database.PostgresNamed(Postgres!, await Postgres!.CreateDatabaseAsync(purpose, template: template));
    }

    /// <summary>Starts the app once on an empty database, so it seeds the demo, and stops it cleanly.</summary>
    private static async Task<Database> SeedAsync(Database database)
    {
        await using (var app = new AppProcess("demo", database))
        {
            await app.StartAsync();
            var (exitCode, _) = await app.TerminateAsync();
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"The app seeding the demo exited with {exitCode}.");
            }
        }

        return database;
    }

    public async Task DisposeAsync()
    {
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultFixture>
{
    public const string Name = "faults";
}
