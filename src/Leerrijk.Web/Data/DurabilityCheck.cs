using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Data;

/// <summary>
/// The settings a database connection actually runs with that decide whether an acknowledged answer survives a
/// crash or power loss, read through the app's own connection (so settings passed in the connection string count).
/// </summary>
public sealed record DurabilitySettings(DatabaseProvider Provider, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>Reads the settings on one of the app's connections.</summary>
    public static async Task<DurabilitySettings> ReadAsync(LeerrijkDbContext db, CancellationToken cancellationToken)
    {
        var provider = db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var names = provider == DatabaseProvider.Postgres
            ? new[] { "fsync", "synchronous_commit", "full_page_writes" }
            : ["synchronous", "journal_mode"];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var name in names)
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = provider == DatabaseProvider.Postgres ? $"SHOW {name};" : $"PRAGMA {name};";
                var value = await command.ExecuteScalarAsync(cancellationToken);
                values[name] = Convert.ToString(value, CultureInfo.InvariantCulture)?.ToLowerInvariant() ?? "";
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return new DurabilitySettings(provider, values);
    }
}

/// <summary>
/// The one rule on durability settings: in Production Leerrijk refuses to start on a database that may lose a
/// commit it has already acknowledged, because "your answers are saved" must then be true after a power cut too.
/// </summary>
public static class DurabilityRule
{
    /// <summary>Configuration key that lets a throwaway installation (a demo on a laptop) start anyway; never set it where real answers are kept.</summary>
    public const string AcceptUnsafeKey = "Database:AcceptUnsafeDurability";

    /// <summary>Why these settings could lose an acknowledged answer; empty when they cannot.</summary>
    public static IReadOnlyList<string> Problems(DurabilitySettings settings)
    {
        var problems = new List<string>();
        string Value(string name) => settings.Values.TryGetValue(name, out var value) ? value : "";

        if (settings.Provider == DatabaseProvider.Postgres)
        {
            if (Value("fsync") == "off")
            {
                problems.Add("PostgreSQL runs with fsync=off: after a power cut or OS crash the database can lose acknowledged answers or become corrupt. Set fsync=on.");
            }

            if (Value("synchronous_commit") == "off")
            {
                problems.Add("PostgreSQL runs with synchronous_commit=off for Leerrijk's sessions: a crash loses the last acknowledged answers. Set synchronous_commit=on (or local, remote_write, remote_apply).");
            }

            if (Value("full_page_writes") == "off")
            {
                problems.Add("PostgreSQL runs with full_page_writes=off: a crash in the middle of a page write can corrupt acknowledged data. Set full_page_writes=on.");
            }
        }
        else
        {
            // PRAGMA synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA. In WAL mode NORMAL may roll back the last commits after a power loss.
            if (!int.TryParse(Value("synchronous"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var synchronous) || synchronous < 2)
            {
                problems.Add($"SQLite runs with synchronous={Value("synchronous")} (below FULL = 2): after a power cut the last acknowledged answers can be gone. Leerrijk sets FULL on every connection; something overrode it.");
            }

            if (Value("journal_mode") is "off" or "memory")
            {
                problems.Add($"SQLite runs with journal_mode={Value("journal_mode")}: a crash during a write can corrupt the database. Use WAL.");
            }
        }

        return problems;
    }

    /// <summary>Whether start-up must stop: unsafe settings in Production, unless the operator accepted them explicitly.</summary>
    public static bool Refuses(IReadOnlyList<string> problems, IHostEnvironment environment, IConfiguration configuration) =>
        problems.Count > 0 && environment.IsProduction() && !configuration.GetValue<bool>(AcceptUnsafeKey);

    /// <summary>The problems as one message that says what to change.</summary>
    public static string Explain(IReadOnlyList<string> problems) =>
        "This database can lose answers Leerrijk has already acknowledged:" + Environment.NewLine
        + string.Join(Environment.NewLine, problems.Select(p => "- " + p)) + Environment.NewLine
        + $"Leerrijk refuses to start like this in Production. For a throwaway installation only, set {AcceptUnsafeKey}=true.";
}
