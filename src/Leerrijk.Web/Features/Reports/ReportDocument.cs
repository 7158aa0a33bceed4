namespace Leerrijk.Web.Features.Reports;

/// <summary>What the report document partial renders: the report and the answer labels of its scale, in the reader's language.</summary>
public sealed record ReportDocument(RoundReport Report, IReadOnlyList<string> ScaleLabels);
