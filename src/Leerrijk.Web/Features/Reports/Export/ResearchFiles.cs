using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Leerrijk.Web.Features.Reports.Export;

/// <summary>One column of a research data set: its name, its label, and the labels of its coded values.</summary>
/// <param name="Name">A name SPSS, PSPP and R accept (letters, digits and _, starting with a letter, at most 64 characters).</param>
/// <param name="Label">The question or attribute as people read it.</param>
/// <param name="Values">Each code with its label; empty for a column without codes.</param>
/// <param name="Ordinal">Whether the codes are ordered (answer scales, years); otherwise nominal (role, department).</param>
/// <param name="MissingCode">A code that means "answered, but don't know": labelled, and declared missing so it is left out of statistics.</param>
public sealed record ResearchVariable(string Name, string Label, IReadOnlyList<(int Code, string Label)> Values, bool Ordinal, int? MissingCode = null);

/// <summary>
/// Writes anonymised rows as a research package: a plain CSV of numeric codes, SPSS syntax (<c>.sps</c>) that reads it with
/// variable labels, value labels and missing values, and an R script that reads it with the same labels. What goes in
/// is decided by the caller (the anonymity rule); this only writes it down.
/// </summary>
/// <remarks>
/// The CSV is comma-separated with integer codes only and UTF-8 without a byte order mark, because that is the one form
/// SPSS's GET DATA, PSPP and R's read.csv all read the same way on any computer's regional settings. An empty field
/// is "not asked or not answered" (system-missing).
/// </remarks>
public static class ResearchFiles
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH" };

    /// <summary>A valid, unique variable name for <paramref name="raw"/> among <paramref name="taken"/> (which it joins).</summary>
    public static string VariableName(string raw, ISet<string> taken)
    {
        var name = new string(raw.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray());
        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
        {
            name = "v" + name;
        }

        name = name.Length > 60 ? name[..60] : name;
        if (Reserved.Contains(name))
        {
            name += "_";
        }

        var unique = name;
        for (var n = 2; !taken.Add(unique); n++)
        {
            unique = string.Create(CultureInfo.InvariantCulture, $"{name}_{n}");
        }

        return unique;
    }

    /// <summary>The package as a zip: <c>{baseName}.csv</c>, <c>{baseName}.sps</c> and <c>{baseName}.R</c>.</summary>
    public static byte[] Zip(string baseName, string title, IReadOnlyList<ResearchVariable> variables, IEnumerable<IReadOnlyList<int?>> rows)
    {
        var csvName = baseName + ".csv";
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, csvName, Csv(variables, rows));
            Add(zip, baseName + ".sps", Spss(csvName, title, variables));
            Add(zip, baseName + ".R", R(csvName, title, variables));
        }

        return buffer.ToArray();
    }

    public static string Csv(IReadOnlyList<ResearchVariable> variables, IEnumerable<IReadOnlyList<int?>> rows)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', variables.Select(v => v.Name))).Append("\r\n");
        foreach (var row in rows)
        {
            csv.Append(string.Join(',', row.Select(c => c?.ToString(CultureInfo.InvariantCulture) ?? ""))).Append("\r\n");
        }

        return csv.ToString();
    }

    public static string Spss(string csvName, string title, IReadOnlyList<ResearchVariable> variables)
    {
        var s = new StringBuilder();
        s.Append("* ").Append(Comment(title)).Append(".\n");
        s.Append("* Put this file and ").Append(csvName).Append(" in one folder and run it from there (SPSS or PSPP).\n");
        s.Append("GET DATA\n  /TYPE=TXT\n  /FILE='").Append(csvName).Append("'\n  /ENCODING='UTF8'\n  /ARRANGEMENT=DELIMITED\n");
        s.Append("  /DELCASE=LINE\n  /DELIMITERS=\",\"\n  /FIRSTCASE=2\n  /VARIABLES=\n");
        foreach (var v in variables)
        {
            s.Append("    ").Append(v.Name).Append(" F3.0\n");
        }

        s.Append(".\nVARIABLE LABELS\n");
        s.Append("  ").Append(string.Join("\n  /", variables.Select(v => $"{v.Name} {Quote(v.Label, 250)}")));
        s.Append(".\n");
        var labelled = variables.Where(v => v.Values.Count > 0).ToList();
        if (labelled.Count > 0)
        {
            s.Append("VALUE LABELS\n");
            s.Append("  ").Append(string.Join("\n  /", labelled.Select(v =>
                v.Name + " " + string.Join(" ", v.Values.Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Code} {Quote(x.Label, 120)}"))))));
            s.Append(".\n");
        }

        foreach (var group in variables.Where(v => v.MissingCode is not null).GroupBy(v => v.MissingCode!.Value))
        {
            s.Append("MISSING VALUES ").Append(string.Join(" ", group.Select(v => v.Name)))
                .Append(string.Create(CultureInfo.InvariantCulture, $" ({group.Key}).\n"));
        }

        foreach (var level in variables.GroupBy(v => v.Ordinal))
        {
            s.Append("VARIABLE LEVEL ").Append(string.Join(" ", level.Select(v => v.Name))).Append(level.Key ? " (ORDINAL).\n" : " (NOMINAL).\n");
        }

        s.Append("EXECUTE.\n");
        return s.ToString();
    }

    public static string R(string csvName, string title, IReadOnlyList<ResearchVariable> variables)
    {
        var r = new StringBuilder();
        r.Append("# ").Append(Comment(title)).Append('\n');
        r.Append("# Reads ").Append(csvName).Append(" (in the working directory) with its labels, in base R. Nominal columns become factors;\n");
        r.Append("# answer columns stay numbers with their question as attr(x, \"label\") and their answer labels as attr(x, \"labels\").\n");
        r.Append("leerrijk <- read.csv(").Append(RString(csvName)).Append(", na.strings = \"\", fileEncoding = \"UTF-8\", check.names = FALSE)\n");
        foreach (var v in variables)
        {
            var column = $"leerrijk[[{RString(v.Name)}]]";
            var codes = string.Join(", ", v.Values.Select(x => x.Code.ToString(CultureInfo.InvariantCulture)));
            var labels = string.Join(", ", v.Values.Select(x => RString(x.Label)));
            if (v.MissingCode is { } missing)
            {
                r.Append(column).Append(string.Create(CultureInfo.InvariantCulture, $"[{column} %in% {missing}] <- NA  # don't know\n"));
            }

            if (!v.Ordinal && v.Values.Count > 0)
            {
                r.Append(column).Append(" <- factor(").Append(column).Append(", levels = c(").Append(codes).Append("), labels = c(").Append(labels).Append("))\n");
            }
            else if (v.Values.Count > 0)
            {
                r.Append("attr(").Append(column).Append(", \"labels\") <- setNames(c(").Append(codes).Append("), c(").Append(labels).Append("))\n");
            }

            r.Append("attr(").Append(column).Append(", \"label\") <- ").Append(RString(v.Label)).Append('\n');
        }

        return r.ToString();
    }

    private static string Quote(string text, int max)
    {
        var flat = Flatten(text);
        flat = flat.Length > max ? flat[..(max - 1)] + "…" : flat;
        return "'" + flat.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static string RString(string text) =>
        "\"" + Flatten(text).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Comment(string text) => Flatten(text).Replace("*/", "* /", StringComparison.Ordinal);

    private static string Flatten(string text) => string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    private static void Add(ZipArchive zip, string name, string content)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content);
        stream.Write(bytes);
    }
}
