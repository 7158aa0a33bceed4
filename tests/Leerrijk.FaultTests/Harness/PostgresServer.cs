using System.Globalization;
using Npgsql;

namespace Leerrijk.FaultTests.Harness;

/// <summary>
/// A PostgreSQL cluster of its own under /tmp, with the durable settings production uses (fsync,
/// synchronous_commit and full_page_writes on), that the tests may stop and start at will. The integration suite's
/// cluster runs with fsync off for speed, so it cannot prove durability and must not be restarted under its tests.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly string _bin;
    private readonly string _dir;
    private int _databases;

    private PostgresServer(string bin, string dir, int port)
    {
        _bin = bin;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    private string DataDir => Path.Combine(_dir, "data");

    /// <summary>The newest installed server's bin folder, or null when PostgreSQL is not installed.</summary>
    public static string? FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .LastOrDefault()
            : null;

    public static async Task<PostgresServer> StartNewAsync()
    {
        var bin = FindBin() ?? throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb).");
        var dir = Directory.CreateTempSubdirectory("leerrijk-faults-pg.").FullName;
        if (Shell.IsRoot)
        {
            await Shell.RunAsync("chown", ["postgres", dir], Limit);
        }

        var server = new PostgresServer(bin, dir, Shell.FreePort());
        await Shell.AsPostgresAsync(Path.Combine(bin, "initdb"), ["-D", server.DataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"], Limit);
        await server.StartAsync();
        return server;
    }

    /// <summary>The app gets a pooled connection string, as in production; the tests' own short reads use an unpooled one.</summary>
    public string ConnectionString(string database, bool pooled = false) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = pooled }.ConnectionString;

    /// <summary>
    /// A new database for one app process, empty or a copy of <paramref name="template"/> (which must have no
    /// connections), in the given tablespace if any.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string purpose, string? tablespace = null, string? template = null)
    {
        var name = $"faults_{purpose}_{Interlocked.Increment(ref _databases)}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\""
            + (template is null ? "" : $" TEMPLATE \"{template}\"")
            + (tablespace is null ? "" : $" TABLESPACE \"{tablespace}\""));
        return name;
    }

    /// <summary>Runs one statement on the maintenance database.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary><c>pg_dump -Fc</c> of one database, as a nightly backup runs it: one consistent snapshot while the app writes.</summary>
    public Task DumpAsync(string database, string file) =>
        Shell.RunAsync(Path.Combine(_bin, "pg_dump"), ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-Fc", "-f", file, database], TimeSpan.FromMinutes(10));

    /// <summary>Restores a <c>pg_dump -Fc</c> file into a new database and returns its name.</summary>
    public async Task<string> RestoreAsync(string file, string purpose)
    {
        var name = await CreateDatabaseAsync(purpose);
        await Shell.RunAsync(Path.Combine(_bin, "pg_restore"), ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "--no-owner", "--exit-on-error", "-d", name, file], TimeSpan.FromMinutes(30));
        return name;
    }

    public Task StartAsync() => Shell.AsPostgresAsync(
        Path.Combine(_bin, "pg_ctl"),
        [
            "-D", DataDir, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=300 -c log_min_duration_statement=200 -c log_lock_waits=on",
            "start",
        ],
        Limit);

    /// <summary>Stops the server: "fast" (clients disconnected, clean shutdown) or "immediate" (crash-like; recovery at the next start).</summary>
    public Task StopAsync(string mode) => Shell.AsPostgresAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDir, "-m", mode, "-w", "-t", "60", "stop"], Limit);

    /// <summary>The server's own view of its durability settings, to put in the results.</summary>
    public async Task<string> SettingsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'server_version')", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync("fast");
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Already stopped by a test; nothing to do but remove the files.
        }

        // The server's log (statements slower than 200 ms, lock waits, restarts) stays with the app logs.
        var log = Path.Combine(_dir, "server.log");
        if (File.Exists(log))
        {
            File.Copy(log, Path.Combine(Directory.CreateDirectory(Path.Combine(Paths.Output, "logs")).FullName, $"postgres-{DateTime.UtcNow:HHmmss}.log"), overwrite: true);
        }

        Directory.Delete(_dir, recursive: true);
    }
}
