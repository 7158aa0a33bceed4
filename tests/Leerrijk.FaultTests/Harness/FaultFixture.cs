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

    /// <summary>A fresh database of the kind asked for; skips the test outside CI when PostgreSQL is missing.</summary>
    public async Task<Database> DatabaseAsync(string kind, string purpose)
    {
        if (kind == "sqlite")
        {
            return Database.Sqlite(purpose);
        }

        Skip.If(Postgres is null, "PostgreSQL is not installed; scripts/test.sh installs it.");
        return await Database.PostgresAsync(Postgres!, purpose);
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
