using System.Globalization;
using System.Text;

namespace Leerrijk.FaultTests.Harness;

/// <summary>
/// Writes each check's figures as a Markdown section: always to TestResults/faults/results.md, and in a full run
/// also to bench/results/faults-&lt;date&gt;.md, headed by the machine, the commit and the command.
/// </summary>
public static class Results
{
    private static readonly Lock Gate = new();
    private static readonly string RunFile = Path.Combine(Paths.Output, "results.md");
    private static readonly string? BenchFile = Profile.Full
        ? Path.Combine(Directory.CreateDirectory(Path.Combine(Paths.Root, "bench", "results")).FullName, $"faults-{DateTime.UtcNow:yyyy-MM-dd-HHmm}.md")
        : null;

    public static void Record(string check, string database, IEnumerable<(string Figure, object Value)> figures, IEnumerable<(string Target, bool Met)>? targets = null)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### {check} — {database}").AppendLine();
        text.AppendLine("| figure | value |").AppendLine("|---|---|");
        foreach (var (figure, value) in figures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {figure} | {Format(value)} |");
        }

        foreach (var (target, met) in targets ?? [])
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| target: {target} | {(met ? "met" : "**not met**")} |");
        }

        text.AppendLine();
        lock (Gate)
        {
            foreach (var file in new[] { RunFile, BenchFile }.OfType<string>())
            {
                if (!File.Exists(file) || (file == RunFile && !HeaderWritten))
                {
                    File.WriteAllText(file, Header());
                }

                File.AppendAllText(file, text.ToString());
            }

            HeaderWritten = true;
        }
    }

    private static bool HeaderWritten { get; set; }

    private static string Format(object value) => value switch
    {
        double d => d.ToString("0.#", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Header()
    {
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : null;
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"')
            : null;
        var gib = memory is null ? "?" : (long.Parse(memory, CultureInfo.InvariantCulture) / 1024.0 / 1024).ToString("0.0", CultureInfo.InvariantCulture);
        var command = Environment.GetEnvironmentVariable("LEERRIJK_FAULTS_COMMAND") ?? (Profile.Full ? "LEERRIJK_FAULTS=full dotnet test tests/Leerrijk.FaultTests" : "scripts/test.sh");
        var commit = Environment.GetEnvironmentVariable("LEERRIJK_FAULTS_COMMIT") ?? "(working tree)";
        return $"""
            # Fault, load and input checks ({(Profile.Full ? "full" : "short")} run)

            - date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC
            - machine: {Environment.ProcessorCount} cores ({cpu ?? "?"}), {gib} GiB memory, {os ?? Environment.OSVersion.ToString()}; app, databases and load generator on this one machine, over 127.0.0.1
            - commit: {commit}
            - command: `{command}`

            Each section: what was done and counted, then the targets of issue #7 and research/reliability-security.md.


            """;
    }
}
