namespace Leerrijk.Web.Features.Reports;

/// <summary>What the report document partial renders: the report and the answer labels of its scale, in the reader's language.</summary>
public sealed record ReportDocument(RoundReport Report, IReadOnlyList<string> ScaleLabels)
{
    /// <summary>First steps from the menukaart for this report's weak spots (none when the report shows no scores).</summary>
    public IReadOnlyList<Menukaart.Recommendation> Recommendations { get; init; } = [];

    /// <summary>
    /// The organisation whose action plan each first step can be added to, right where the step is shown; null where
    /// the reader may not change the plan, and in print and PDF.
    /// </summary>
    public Guid? PlanOrganisationId { get; init; }
}

/// <summary>The report document with the stylesheet to write into it, for printing to PDF.</summary>
public sealed record ReportPrint(ReportDocument Document, string Css);
