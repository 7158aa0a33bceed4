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
/// report shows, and released only when every cell of them holds 0 or at least k' people (ADR 0008).
/// </summary>
public sealed class ReportExports(LeerrijkDbContext db, IStringLocalizer<SharedResource> l)
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
        var r = document.Report;
        var responses = await db.Responses.AsNoTracking()
            .Where(x => x.RoundId == r.RoundId)
            .Select(x => new { x.Role, x.Department, x.YearsEmployed, Answers = x.Answers.Select(a => new { a.InstrumentId, a.ItemId, a.Value }).ToList() })
            .ToListAsync(cancellationToken);

        // The rows carry exactly the attributes the report shows, and only when no cell of them is small
        // (ADR 0008). The report decided that from its cell counts; the rows themselves are checked again here.
        var attributes = r.RawRowAttributes
            .Select(a => (Name: a, Value: (Func<int, string>)(i => ReportBuilder.RawRowValue(responses[i].Role, responses[i].Department, responses[i].YearsEmployed, a))))
            .ToList();
        var disclosure = new Anonymity.Disclosure(r.Threshold);
        if (!r.RawRowsReleased || !disclosure.MayReleaseRawRows(responses.Select((_, i) =>
            ((IReadOnlyList<string>)attributes.Select(a => a.Value(i)).ToList(), 1L))))
        {
            return null;
        }

        var items = r.Dimensions.SelectMany(d => d.Items.Select(i => (d.InstrumentId, i.Id))).ToList();
        var dontKnow = l["Scale.DontKnow"].Value;
        var order = Enumerable.Range(0, responses.Count).ToArray();
        RandomNumberGenerator.Shuffle(order.AsSpan());
        var rows = order.Select(i =>
        {
            var answers = responses[i].Answers.ToDictionary(a => (a.InstrumentId, a.ItemId), a => a.Value);
            return (IReadOnlyList<object?>)
            [
                .. attributes.Select(a => (object?)(a.Name == ReportBuilder.Perspective && a.Value(i) is { Length: > 0 } p ? l["Report.Perspective." + p].Value : a.Value(i))),
                .. items.Select(item => answers.TryGetValue(item, out var v) ? v is { } point ? point : (object?)dontKnow : null),
            ];
        });
        return CsvExport.Write([.. attributes.Select(a => l["Report.Export.Column." + a.Name].Value), .. items.Select(i => i.Id)], rows);
    }

    private static IReadOnlyList<object?> Row(params object?[] cells) =>
        cells.Select(c => c is LocalizedString text ? text.Value : c).ToArray();
}
