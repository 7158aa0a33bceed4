using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Leerrijk.FaultTests.Harness;

/// <summary>One app process's database, SQLite file or PostgreSQL database, and the reads the tests check it with.</summary>
public sealed class Database
{
    private readonly Func<DbConnection> _connect;

    private Database(string kind, IReadOnlyDictionary<string, string> appSettings, Func<DbConnection> connect)
    {
        Kind = kind;
        AppSettings = appSettings;
        _connect = connect;
    }

    /// <summary>"sqlite" or "postgres".</summary>
    public string Kind { get; }

    /// <summary>The environment variables that point the app at this database.</summary>
    public IReadOnlyDictionary<string, string> AppSettings { get; }

    public static Database Sqlite(string purpose) =>
        SqliteAt(Path.Combine(Directory.CreateTempSubdirectory($"leerrijk-faults-{purpose}.").FullName, "leerrijk.db"));

    /// <summary>An SQLite database in the given file (a restored backup, or a file on a small filesystem).</summary>
    public static Database SqliteAt(string file)
    {
        return new Database(
            "sqlite",
            new Dictionary<string, string> { ["ConnectionStrings__Sqlite"] = $"Data Source={file}" },
            () => new SqliteConnection($"Data Source={file};Pooling=False"))
        { Name = file };
    }

    public static async Task<Database> PostgresAsync(PostgresServer server, string purpose, string? tablespace = null) =>
        PostgresNamed(server, await server.CreateDatabaseAsync(purpose, tablespace));

    /// <summary>A PostgreSQL database that exists already (a restored backup).</summary>
    public static Database PostgresNamed(PostgresServer server, string name)
    {
        return new Database(
            "postgres",
            new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = server.ConnectionString(name, pooled: true) },
            () => new NpgsqlConnection(server.ConnectionString(name)))
        { Name = name };
    }

    /// <summary>
    /// The database on a pg_auto_failover cluster: the app gets every node with the primary as its target, and the
    /// checks read through the same kind of string, so they read whichever node is primary when they run.
    /// </summary>
    public static Database PostgresCluster(AutoFailoverCluster cluster)
    {
        return new Database(
            "postgres",
            new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = cluster.ConnectionString(pooled: true) },
            () => new NpgsqlConnection(cluster.ConnectionString(pooled: false)))
        { Name = AutoFailoverCluster.DatabaseName };
    }

    /// <summary>Every stored response of the round with the given code: id → (answer rows, comment rows).</summary>
    public async Task<Dictionary<Guid, (int Answers, int Comments)>> ResponsesAsync(string roundCode)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r."Id",
                   (SELECT COUNT(*) FROM "ResponseAnswer" a WHERE a."ResponseId" = r."Id"),
                   (SELECT COUNT(*) FROM "ResponseComment" c WHERE c."ResponseId" = r."Id")
            FROM "Responses" r JOIN "Rounds" o ON o."Id" = r."RoundId"
            WHERE o."Code" = @code
            """;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "code";
        parameter.Value = roundCode;
        command.Parameters.Add(parameter);
        var stored = new Dictionary<Guid, (int, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var id = reader.GetValue(0) is Guid g ? g : Guid.Parse(reader.GetString(0));
            stored.Add(id, (Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return stored;
    }

    /// <summary>
    /// Every row of the consent access log as (id, method, the e-mail of the person admitted). The log is the one
    /// table a GET is meant to write to: each request an adviser makes under a company's grant is recorded there.
    /// </summary>
    public async Task<List<(string Id, string Method, string Email)>> AccessLogAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT a."Id", a."Method", u."Email"
            FROM "AccessLog" a JOIN "AspNetUsers" u ON u."Id" = a."UserId"
            """;
        var rows = new List<(string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!, reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    /// <summary>PostgreSQL sessions open on this database (the app's connection pool), or null on SQLite.</summary>
    public async Task<int?> SessionsAsync()
    {
        if (Kind != "postgres")
        {
            return null;
        }

        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>SQLite's own check of the file ("ok" when sound); PostgreSQL's equivalent is its crash recovery, so "ok" there once it answers.</summary>
    public async Task<string> IntegrityCheckAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = Kind == "sqlite" ? "PRAGMA integrity_check" : "SELECT 'ok'";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The journal and sync settings a fresh connection sees, for the results.</summary>
    public async Task<string> DurabilitySettingsAsync()
    {
        if (Kind != "sqlite")
        {
            return "see the server settings";
        }

        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        return $"journal_mode={await command.ExecuteScalarAsync()}; the app sets synchronous=FULL on every connection (SqlitePragmaInterceptor)";
    }

    /// <summary>A hash of every row of every table but those named, to show a set of requests changed nothing.</summary>
    public async Task<Dictionary<string, string>> FingerprintAsync(IReadOnlySet<string> except)
    {
        await using var connection = await OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = Kind == "sqlite"
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT tablename FROM pg_tables WHERE schemaname = 'public'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables.Where(t => !except.Contains(t)).Order(StringComparer.Ordinal))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            var rows = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                rows.Add(string.Join('\u001f', values.Select(v => v is byte[] b ? Convert.ToHexString(b) : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
            }

            rows.Sort(StringComparer.Ordinal);
            hashes[table] = $"{rows.Count} rows, " + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', rows))))[..16];
        }

        return hashes;
    }

    /// <summary>The SQLite file, or the PostgreSQL database's name.</summary>
    public string Name { get; private init; } = "";

    /// <summary>Responses not yet folded into statistics, to wait for the folder (a signal, not a guess at its speed).</summary>
    public async Task<long> UnfoldedAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Responses\" WHERE NOT \"Folded\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The statistics every closed round's report is computed from, one line per row, in a fixed order.</summary>
    public async Task<List<string>> ClosedRoundStatisticsAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r."Code", s."InstrumentId", s."Attribute", s."Value", s."DataJson"
            FROM "RoundStatistics" s JOIN "Rounds" r ON r."Id" = s."RoundId"
            WHERE r."ClosedAtUtc" IS NOT NULL
            ORDER BY r."Code", s."InstrumentId", s."Attribute", s."Value"
            """;
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, 5).Select(reader.GetString)));
        }

        return rows;
    }

    /// <summary>SQLite's online backup as an operator runs it (<c>VACUUM INTO</c>): a consistent copy while the app writes.</summary>
    public async Task BackupSqliteAsync(string target)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO @target";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "target";
        parameter.Value = target;
        command.Parameters.Add(parameter);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<DbConnection> OpenAsync()
    {
        var connection = _connect();
        await connection.OpenAsync();
        return connection;
    }
}
