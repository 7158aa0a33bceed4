using Leerrijk.Web.Data;
using Microsoft.Data.Sqlite;
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
            return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", null, null, file);
        }

        var admin = Environment.GetEnvironmentVariable("LEERRIJK_TEST_PG");
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                "LEERRIJK_TEST_DB=postgres but LEERRIJK_TEST_PG (a connection string to a PostgreSQL server) is not set. Run scripts/test.sh, which starts one.");
        }

        var name = $"leerrijk_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(DatabaseProvider.Postgres, builder.ConnectionString, admin, name, null);
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
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
