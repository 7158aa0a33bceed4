namespace Leerrijk.FaultTests.Harness;

/// <summary>Latency percentiles from a list of durations in milliseconds.</summary>
public static class Figures
{
    public static double Percentile(IReadOnlyCollection<double> milliseconds, double p)
    {
        if (milliseconds.Count == 0)
        {
            return double.NaN;
        }

        var sorted = milliseconds.Order().ToArray();
        var index = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    /// <summary>Text that must never reach a respondent: .NET stack frames, exception names, SQL, driver names.</summary>
    public static readonly string[] Leaks =
    [
        "   at ", "Exception:", "Exception", "StackTrace", "SqliteException", "PostgresException", "NpgsqlException", "Npgsql.",
        "Microsoft.EntityFrameworkCore", "SELECT ", "INSERT INTO", "UPDATE \"", "DELETE FROM", "syntax error", "System.",
    ];

    public static string? LeakIn(string body) => Leaks.FirstOrDefault(l => body.Contains(l, StringComparison.Ordinal));
}
