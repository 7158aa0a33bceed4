using System.Globalization;
using System.Text;

namespace Leerrijk.Bench.Reports;

/// <summary>Median, 95th percentile (nearest rank) and maximum of a series of runs, in milliseconds.</summary>
internal sealed record Timing(double Median, double P95, double Max, int Runs)
{
    public static Timing Of(IReadOnlyCollection<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        var n = sorted.Length;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        var p95 = sorted[Math.Max(0, (int)Math.Ceiling(0.95 * n) - 1)];
        return new Timing(median, p95, sorted[^1], n);
    }
}

/// <summary>
/// One line of results, appended as tab-separated text so that two runs (one per database, each its own process)
/// end in one file for <see cref="Summary"/>. Kind: info, load, fold or time.
/// </summary>
internal sealed record ResultLine(string Database, string Kind, string Scenario, int Size, string Metric, double A, double B, double C, double D)
{
    public string ToTsv() => string.Join('\t', Database, Kind, Scenario, Size.ToString(CultureInfo.InvariantCulture), Metric,
        F(A), F(B), F(C), F(D));

    public static ResultLine Parse(string line)
    {
        var p = line.Split('\t');
        return new ResultLine(p[0], p[1], p[2], int.Parse(p[3], CultureInfo.InvariantCulture), p[4],
            double.Parse(p[5], CultureInfo.InvariantCulture), double.Parse(p[6], CultureInfo.InvariantCulture),
            double.Parse(p[7], CultureInfo.InvariantCulture), double.Parse(p[8], CultureInfo.InvariantCulture));
    }

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

internal sealed class ResultWriter(string path, string database)
{
    public void Info(string name, string text) =>
        Append(new ResultLine(database, "info", text.Replace('\t', ' '), 0, name, 0, 0, 0, 0));

    public void Load(int size, LoadCount count, double seconds) =>
        Append(new ResultLine(database, "load", "", size, "rows", count.Responses, count.Answers, count.Comments, seconds));

    public void Fold(string scenario, int responses, double seconds) =>
        Append(new ResultLine(database, "fold", scenario, 0, "fold", responses, seconds, 0, 0));

    public void Time(string scenario, int size, string metric, Timing timing) =>
        Append(new ResultLine(database, "time", scenario, size, metric, timing.Median, timing.P95, timing.Max, timing.Runs));

    private void Append(ResultLine line) => File.AppendAllLines(path, [line.ToTsv()]);
}

/// <summary>The Markdown tables for bench/README.md, from the results of both databases.</summary>
internal static class Summary
{
    public const double TargetMs = 50;
    public const double MaxGrowth = 2;

    public static string Render(IReadOnlyList<ResultLine> lines)
    {
        var s = new StringBuilder();
        var databases = lines.Select(l => l.Database).Distinct().ToList();
        string Info(string db, string name) => lines.FirstOrDefault(l => l.Database == db && l.Kind == "info" && l.Metric == name)?.Scenario ?? "?";
        Timing? Time(string db, string scenario, int size, string metric) =>
            lines.LastOrDefault(l => l.Database == db && l.Kind == "time" && l.Scenario == scenario && l.Size == size && l.Metric == metric) is { } l
                ? new Timing(l.A, l.B, l.C, (int)l.D) : null;
        static string Ms(double? ms) => ms is { } v ? v.ToString(v < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) : "–";
        static string N(double n) => n.ToString("#,0", CultureInfo.InvariantCulture);

        var tail = lines.FirstOrDefault(l => l.Kind == "info" && l.Metric == "tail")?.Scenario ?? "0";
        s.AppendLine("Report time: `ReportQueries.BuildAsync` in a fresh DI scope per run, as a request calls it (ms; median / p95 / max of the runs),");
        s.AppendLine("and the same report over HTTP in-process (TestServer, signed in): the JSON API and the report page, medians.");
        s.AppendLine(CultureInfo.InvariantCulture, $"\"+ tail\" = the same round with {tail} more responses not folded yet, read at report time.");
        s.AppendLine();
        s.AppendLine("| database | responses | BuildAsync median | p95 | max | runs | GET /api/v1/rounds/{id}/report | GET report page |");
        s.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var db in databases)
        {
            foreach (var (scenario, size) in Scenarios(lines, db))
            {
                var build = Time(db, scenario, size, "build");
                var label = scenario == "tail" ? $"{N(size)} + {tail} unfolded" : N(size);
                s.AppendLine(CultureInfo.InvariantCulture,
                    $"| {db} | {label} | {Ms(build?.Median)} | {Ms(build?.P95)} | {Ms(build?.Max)} | {build?.Runs} | {Ms(Time(db, scenario, size, "api")?.Median)} | {Ms(Time(db, scenario, size, "page")?.Median)} |");
            }
        }

        s.AppendLine();
        s.AppendLine("Where the time goes: the parts of `BuildAsync` timed one after another in the same scope (medians, ms). \"round\" = the round's row;");
        s.AppendLine("\"statistics\" = `RoundData.LoadAsync` (statistics rows + unfolded tail, one snapshot); \"previous\" = the previous-round lookup and");
        s.AppendLine("its statistics (every round here has an earlier round of 50); \"comments\" = up to 500 open answers; \"build\" = `ReportBuilder.Build` (CPU only).");
        s.AppendLine("\"of which reading the tail's rows\" = the two tail queries of `RoundData` alone, timed separately (not in the sum).");
        s.AppendLine();
        s.AppendLine("| database | responses | round | statistics | of which reading the tail's rows | previous | comments | build | sum of medians |");
        s.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var db in databases)
        {
            foreach (var (scenario, size) in Scenarios(lines, db))
            {
                var parts = new[] { "round", "data", "previous", "comments", "builder" }.Select(m => Time(db, scenario, size, m)?.Median).ToList();
                var label = scenario == "tail" ? $"{N(size)} + {tail} unfolded" : N(size);
                var cells = parts.Select(Ms).ToList();
                cells.Insert(2, Ms(Time(db, scenario, size, "tailrows")?.Median));
                s.AppendLine(CultureInfo.InvariantCulture,
                    $"| {db} | {label} | {string.Join(" | ", cells)} | {Ms(parts.Sum(p => p ?? 0))} |");
            }
        }

        s.AppendLine();
        s.AppendLine("Loading (bench only, straight into the tables, unfolded) and folding by the app's `StatisticsFolder.FoldAllAsync()` (batches of 1,000):");
        s.AppendLine();
        s.AppendLine("| database | version | responses loaded | answer rows | comment rows | load time | rows/s | folded | fold time | responses folded/s | tail fold |");
        s.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var db in databases)
        {
            var loads = lines.Where(l => l.Database == db && l.Kind == "load").ToList();
            var responses = loads.Sum(l => l.A);
            var answers = loads.Sum(l => l.B);
            var comments = loads.Sum(l => l.C);
            var seconds = loads.Sum(l => l.D);
            var fold = lines.FirstOrDefault(l => l.Database == db && l.Kind == "fold" && l.Scenario == "all");
            var tailFold = lines.FirstOrDefault(l => l.Database == db && l.Kind == "fold" && l.Scenario == "tail");
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {db} | {Info(db, "version")} | {N(responses)} | {N(answers)} | {N(comments)} | {seconds:0} s | {N((responses + answers + comments) / seconds)} | " +
                $"{(fold is null ? "–" : N(fold.A))} | {(fold is null ? "–" : $"{fold.B:0.0} s")} | {(fold is null ? "–" : N(fold.A / fold.B))} | " +
                $"{(tailFold is null ? "–" : $"{N(tailFold.A)} in {tailFold.B * 1000:0} ms")} |");
        }

        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Targets: under {TargetMs:0} ms for each size, and the largest round at most {MaxGrowth:0}x the smallest (BuildAsync).");
        s.AppendLine();
        foreach (var db in databases)
        {
            var folded = Scenarios(lines, db).Where(x => x.Scenario == "folded").Select(x => (x.Size, Build: Time(db, "folded", x.Size, "build")!)).ToList();
            var smallest = folded.MinBy(x => x.Size);
            var largest = folded.MaxBy(x => x.Size);
            var growth = largest.Build.Median / smallest.Build.Median;
            string Verdict(bool met) => met ? "**met**" : "**NOT met**";
            string Slowest(IEnumerable<(int Size, Timing Build)> runs, Func<Timing, double> figure, string name)
            {
                var worst = runs.MaxBy(x => figure(x.Build));
                return $"{Verdict(figure(worst.Build) < TargetMs)} (slowest {name}: {Ms(figure(worst.Build))} ms, round of {N(worst.Size)})";
            }

            s.AppendLine(CultureInfo.InvariantCulture,
                $"- {db}, all folded: median under {TargetMs:0} ms {Slowest(folded, t => t.Median, "median")}; p95 under {TargetMs:0} ms {Slowest(folded, t => t.P95, "p95")}; " +
                $"largest at most {MaxGrowth:0}x the smallest {Verdict(growth <= MaxGrowth)} ({N(largest.Size)}: {Ms(largest.Build.Median)} ms = {growth:0.00}x {N(smallest.Size)}: {Ms(smallest.Build.Median)} ms).");
            var withTail = Scenarios(lines, db).Where(x => x.Scenario == "tail").Select(x => (x.Size, Build: Time(db, "tail", x.Size, "build")!)).ToList();
            if (withTail.Count > 0)
            {
                s.AppendLine(CultureInfo.InvariantCulture,
                    $"- {db}, with {tail} unfolded: median under {TargetMs:0} ms {Slowest(withTail, t => t.Median, "median")}; p95 under {TargetMs:0} ms {Slowest(withTail, t => t.P95, "p95")}.");
            }
        }

        return s.ToString();
    }

    private static List<(string Scenario, int Size)> Scenarios(IReadOnlyList<ResultLine> lines, string db) =>
        lines.Where(l => l.Database == db && l.Kind == "time" && l.Metric == "build")
            .Select(l => (l.Scenario, l.Size))
            .Distinct()
            .OrderBy(x => x.Size)
            .ThenBy(x => x.Scenario == "tail" ? 1 : 0)
            .ToList();
}
