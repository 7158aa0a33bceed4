using System.Globalization;
using System.Security.Cryptography;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Reports.Export;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Reports;

/// <summary>
/// The report as a spreadsheet (summary, dimensions, items, groups: exactly the figures on the page) and the
/// round's raw answers as CSV, anonymised: no ids, no dates, rows shuffled, carrying exactly the breakdowns the
/// report shows, and released only when every cell of them holds 0 or at least k' people (ADR 0008); the same rows
/// as a research package for SPSS, PSPP and R.
/// </summary>
public sealed class ReportExports(LeerrijkDbContext db, Instruments.InstrumentCatalog catalog, ReportQueries queries, IStringLocalizer<SharedResource> l)
{
    public byte[] Xlsx(ReportDocument document)
    {
        var r = document.Report;
        var hidden = l["Report.NotShown"].Value;
        object? Figure(double? value) => value is { } v ? Math.Round(v, 1) : hidden;
        object? Count(long? value) => value is { } v ? v : hidden;

        var summary = new List<IReadOnlyList<object?>>
        {
            Row(l["Report.Export.Round"], r.Title),
            Row(l["Field.Instrument"], r.InstrumentTitle),
            Row(l["Report.Export.Opens"], r.OpensOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            Row(l["Report.Export.Closes"], r.ClosesOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            Row(l["Report.Export.Respondents"], r.Respondents),
            Row(l["Report.Export.Rate"], r.ResponseRate is { } rate ? Math.Round(rate * 100, 1) : "–"),
            Row(l["Field.Threshold"], r.Threshold),
            Row(l["Anonymity.ThresholdWhy"], r.ThresholdExplanation),
            Row(l["Anonymity.RawRows"], r.RawRowsReleased ? l["Anonymity.RawRowsAvailable"].Value : r.RawRowsExplanation ?? l["Report.NotShown"].Value),
            Row(l["Report.Export.Strongest"], string.Join(", ", r.Strongest.Select(id => r.Dimensions.First(d => d.Id == id).Name))),
            Row(l["Report.Export.Attention"], string.Join(", ", r.NeedsAttention.Select(id => r.Dimensions.First(d => d.Id == id).Name))),
        };
        if (r.Phase is { } phase)
        {
            summary.Add(Row(l["Report.Export.Phase"], $"{phase.Number}/{phase.Count} {phase.Name}"));
        }

        var dimensions = r.Dimensions.Select(d => Row(
            d.Name, Figure(d.Score), Figure(d.Low), Figure(d.High), Count(d.N), d.Band ?? "–",
            d.Alpha is { } a ? Math.Round(a, 2) : "–")).ToList();
        var items = r.Dimensions.SelectMany(d => d.Items.Select(i => Row(
            [d.Name, i.Text, Figure(i.Score), Count(i.N),
             .. document.ScaleLabels.Select((_, p) => i.Counts is { } c ? (object?)c[p] : hidden),
             Count(i.DontKnow)]))).ToList();
        var main = r.Dimensions.Where(d => !d.IsModule).ToList();
        var groups = r.Breakdowns.SelectMany(b => b.Groups.Select(g => Row(
            [l["Report.By." + b.Attribute].Value, g.Label, Count(g.Respondents), .. g.Scores.Select(Figure)]))).ToList();

        return XlsxExport.Write(
        [
            new(l["Report.Export.SummarySheet"], [l["Report.Export.What"], l["Report.Export.Value"]], summary),
            new(l["Report.Export.DimensionsSheet"], [l["Report.Dimension"], l["Report.Score"], l["Report.Export.Low"], l["Report.Export.High"], l["Report.N"], l["Report.Reading"], l["Report.Alpha"]], dimensions),
            new(l["Report.Export.ItemsSheet"], [l["Report.Dimension"], l["Report.Item"], l["Report.Score"], l["Report.N"], .. document.ScaleLabels, l["Scale.DontKnow"]], items),
            new(l["Report.Export.GroupsSheet"], [l["Report.Export.Breakdown"], l["Report.Export.Group"], l["Report.N"], .. main.Select(d => d.Name)], groups),
        ]);
    }

    /// <summary>
    /// The round's answers, one shuffled row per respondent, with the report's shown attributes; null when the
    /// anonymity rule withholds raw rows for this round (<see cref="RoundReport.RawRowsExplanation"/> says why).
    /// </summary>
    public async Task<byte[]?> RawCsvAsync(ReportDocument document, CancellationToken cancellationToken)
    {
        if (await ReleasedRowsAsync(document.Report, cancellationToken) is not { } released)
        {
            return null;
        }

        var dontKnow = l["Scale.DontKnow"].Value;
        var rows = released.Rows.Select(row => (IReadOnlyList<object?>)
        [
            .. released.Attributes.Select((a, i) => (object?)(a == ReportBuilder.Perspective && row.Attributes[i] is { Length: > 0 } p ? l["Report.Perspective." + p].Value : row.Attributes[i])),
            .. released.Items.Select(item => row.Answers.TryGetValue(item, out var v) ? v is { } point ? point : (object?)dontKnow : null),
        ]);
        return CsvExport.Write([.. released.Attributes.Select(a => l["Report.Export.Column." + a].Value), .. released.Items.Select(i => i.ItemId)], rows);
    }

    /// <summary>
    /// The same rows as <see cref="RawCsvAsync"/>, under the same rule, as a package for researchers: numeric codes in a CSV,
    /// SPSS syntax and an R script that read it with the question texts and answer labels. Null when withheld.
    /// </summary>
    public async Task<byte[]?> ResearchPackageAsync(ReportDocument document, string baseName, CancellationToken cancellationToken)
    {
        var r = document.Report;
        if (await ReleasedRowsAsync(r, cancellationToken) is not { } released)
        {
            return null;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var variables = new List<ResearchVariable>();
        var attributeCodes = new List<Dictionary<string, int>>();
        foreach (var (attribute, i) in released.Attributes.Select((a, i) => (a, i)))
        {
            var values = released.Rows.Select(row => row.Attributes[i]).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)
                .OrderBy(v => AttributeOrder(attribute, v)).ThenBy(v => v, StringComparer.Ordinal).ToList();
            attributeCodes.Add(values.Select((v, c) => (v, c)).ToDictionary(x => x.v, x => x.c + 1, StringComparer.Ordinal));
            variables.Add(new ResearchVariable(
                ResearchFiles.VariableName(attribute, names), l["Report.Export.Column." + attribute], [.. values.Select((v, c) => (c + 1, queries.GroupLabel(attribute, v)))], Ordinal: attribute == GroupAttribute.Years));
        }

        var texts = r.Dimensions.SelectMany(d => d.Items.Select(i => (Key: (d.InstrumentId, i.Id), i.Text))).ToDictionary(x => x.Key, x => x.Text);
        foreach (var item in released.Items)
        {
            var instrument = catalog.Find(item.InstrumentId);
            var agreement = instrument?.Scale != Leerrijk.Scoring.Instruments.ScaleKind.Checklist3;
            IReadOnlyList<(int, string)> scale = agreement
                ? [.. Enumerable.Range(1, 5).Select(p => (p, l["Scale.Agreement." + p].Value))]
                : [.. Enumerable.Range(0, 3).Select(p => (p, l["Scale.Checklist." + p].Value))];
            variables.Add(new ResearchVariable(
                ResearchFiles.VariableName(item.ItemId, names), texts.GetValueOrDefault(item, item.ItemId), [.. scale, (DontKnowCode, l["Scale.DontKnow"].Value)], Ordinal: true, MissingCode: DontKnowCode));
        }

        var rows = released.Rows.Select(row => (IReadOnlyList<int?>)
        [
            .. released.Attributes.Select((_, i) => attributeCodes[i].TryGetValue(row.Attributes[i], out var code) ? code : (int?)null),
            .. released.Items.Select(item => row.Answers.TryGetValue(item, out var v) ? v ?? DontKnowCode : (int?)null),
        ]);
        var title = $"Leerrijk: {r.Title} ({r.OpensOn:yyyy-MM-dd} – {r.ClosesOn:yyyy-MM-dd}), {r.Respondents} respondents, anonymity threshold {r.Threshold}";
        return ResearchFiles.Zip(baseName, string.Create(CultureInfo.InvariantCulture, $"{title}"), variables, rows);
    }

    /// <summary>The code for "weet ik niet" in the research files: outside every scale, declared missing.</summary>
    public const int DontKnowCode = 9;

    private static int AttributeOrder(string attribute, string value) => attribute switch
    {
        GroupAttribute.Role => Array.IndexOf(RoleOrder, value) is var i and >= 0 ? i : int.MaxValue,
        GroupAttribute.Years => Array.IndexOf(YearsOrder, value) is var y and >= 0 ? y : int.MaxValue,
        ReportBuilder.Perspective => value == ReportBuilder.Leaders ? 0 : 1,
        _ => 0,
    };

    private static readonly string[] RoleOrder = Enum.GetNames<Leerrijk.Scoring.Instruments.RespondentRole>();

    private static readonly string[] YearsOrder = ["lt1", "1-5", "5-10", "10plus"];

    /// <summary>
    /// The round's answers as rows (shuffled, no ids or dates) with the report's shown attributes, or null when the
    /// rows together with those attributes would single out fewer than k' people (ADR 0008). Every raw export reads this.
    /// </summary>
    private async Task<ReleasedRows?> ReleasedRowsAsync(RoundReport r, CancellationToken cancellationToken)
    {
        var responses = await db.Responses.AsNoTracking()
            .Where(x => x.RoundId == r.RoundId)
            .Select(x => new { x.Role, x.Department, x.YearsEmployed, Answers = x.Answers.Select(a => new { a.InstrumentId, a.ItemId, a.Value }).ToList() })
            .ToListAsync(cancellationToken);

        // The rows carry exactly the attributes the report shows, and only when no cell of them is small
        // (ADR 0008). The report decided that from its cell counts; the rows themselves are checked again here.
        var attributes = r.RawRowAttributes.ToList();
        var values = responses.Select(x => attributes.Select(a => ReportBuilder.RawRowValue(x.Role, x.Department, x.YearsEmployed, a)).ToList()).ToList();
        var disclosure = new Anonymity.Disclosure(r.Threshold);
        if (!r.RawRowsReleased || !disclosure.MayReleaseRawRows(values.Select(v => ((IReadOnlyList<string>)v, 1L))))
        {
            return null;
        }

        var items = r.Dimensions.SelectMany(d => d.Items.Select(i => (d.InstrumentId, i.Id))).ToList();
        var order = Enumerable.Range(0, responses.Count).ToArray();
        RandomNumberGenerator.Shuffle(order.AsSpan());
        return new ReleasedRows(
            attributes,
            items,
            [.. order.Select(i => new ReleasedRow(values[i], responses[i].Answers.ToDictionary(a => (a.InstrumentId, a.ItemId), a => a.Value)))]);
    }

    private sealed record ReleasedRows(IReadOnlyList<string> Attributes, IReadOnlyList<(string InstrumentId, string ItemId)> Items, IReadOnlyList<ReleasedRow> Rows);

    private sealed record ReleasedRow(IReadOnlyList<string> Attributes, Dictionary<(string InstrumentId, string ItemId), int?> Answers);

    private static IReadOnlyList<object?> Row(params object?[] cells) =>
        cells.Select(c => c is LocalizedString text ? text.Value : c).ToArray();
}
