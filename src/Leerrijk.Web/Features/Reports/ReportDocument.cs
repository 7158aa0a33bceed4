namespace Leerrijk.Web.Features.Reports;

/// <summary>What the report document partial renders: the report and the answer labels of its scale, in the reader's language.</summary>
public sealed record ReportDocument(RoundReport Report, IReadOnlyList<string> ScaleLabels)
{
    /// <summary>First steps from the menukaart for this report's weak spots (none when the report shows no scores).</summary>
    public IReadOnlyList<Menukaart.Recommendation> Recommendations { get; init; } = [];
}

/// <summary>The report document with the stylesheet to write into it, for printing to PDF.</summary>
public sealed record ReportPrint(ReportDocument Document, string Css);
