using Leerrijk.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Leerrijk.TestSupport;

/// <summary>
/// A fresh, real database for one test fixture: an SQLite file, or a new database on the PostgreSQL server
/// the test script started. Which one is chosen by LEERRIJK_TEST_DB (sqlite, the default, or postgres).
/// </summary>
/// <remarks>Asking for PostgreSQL without a server is a failure, never a skip: CI must not pass on SQLite alone.</remarks>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;
    private readonly string? _sqliteFile;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? postgresAdmin, string? postgresName, string? sqliteFile)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
        _sqliteFile = sqliteFile;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The configuration key the app reads for this provider.</summary>
    public string SettingKey => Provider == DatabaseProvider.Postgres ? "ConnectionStrings:Postgres" : "ConnectionStrings:Sqlite";

    public static DatabaseProvider RequestedProvider =>
        string.Equals(Environment.GetEnvironmentVariable("LEERRIJK_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static async Task<TestDatabase> CreateAsync()
    {
        if (RequestedProvider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"leerrijk-test-{Guid.NewGuid():N}.db");
            File.Copy(await SqliteTemplate(), file);
            return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", null, null, file);
        }

        var admin = Environment.GetEnvironmentVariable("LEERRIJK_TEST_PG");
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                "LEERRIJK_TEST_DB=postgres but LEERRIJK_TEST_PG (a connection string to a PostgreSQL server) is not set. Run scripts/test.sh, which starts one.");
        }

        var template = await PostgresTemplate(admin);
        var name = $"leerrijk_test_{Guid.NewGuid():N}";
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(DatabaseProvider.Postgres, builder.ConnectionString, admin, name, null);
    }

    private static Task<string>? _sqliteTemplate;
    private static Task<string>? _postgresTemplate;

    // Each fixture's database is a copy of one with every migration applied, made once per test process: applying
    // the migrations to every fixture's own database took about a sixth of the integration suite's time (3m09 against
    // 2m45 on PostgreSQL, 2m40 against 2m12 on SQLite). The app still runs its migrator at start-up and finds nothing
    // pending, as on a production restart.

    /// <summary>An SQLite file with every migration applied, closed, so a plain file copy is the whole database.</summary>
    private static Task<string> SqliteTemplate() => LazyInitializer.EnsureInitialized(ref _sqliteTemplate, async () =>
    {
        var file = Path.Combine(Path.GetTempPath(), $"leerrijk-template-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<SqliteLeerrijkDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options;
        await using (var db = new SqliteLeerrijkDbContext(options))
        {
            await db.Database.MigrateAsync();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(file);
        return file;
    });

    /// <summary>A PostgreSQL database with every migration applied; fixtures' databases are made from it as a template.</summary>
    private static Task<string> PostgresTemplate(string admin) =>
        LazyInitializer.EnsureInitialized(ref _postgresTemplate, () => CreatePostgresTemplateAsync(admin));

    private static async Task<string> CreatePostgresTemplateAsync(string admin)
    {
        var name = $"leerrijk_template_{Guid.NewGuid():N}";
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        // Unpooled: CREATE DATABASE ... TEMPLATE refuses a template that still has a connection open.
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
        var options = new DbContextOptionsBuilder<PostgresLeerrijkDbContext>().UseNpgsql(connectionString).Options;
        await using (var db = new PostgresLeerrijkDbContext(options))
        {
            await db.Database.MigrateAsync();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
        return name;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
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

        if (_postgresAdmin is not null && _postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(_postgresAdmin, $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)");
        }
    }
}
