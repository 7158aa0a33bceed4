using System.Globalization;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Norms;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Infrastructure.Pdf;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Reports;

/// <summary>
/// A round's report for the organisation's members: scores, groups, perception gaps, phase, trend and open answers,
/// with XLSX, CSV and PDF versions of the same figures. Everything comes from one <see cref="RoundReport"/>.
/// </summary>
[AdviserScope(ConsentScope.ReadReports)]
public sealed partial class ReportModel(
    ReportQueries queries,
    ReportExports exports,
    Menukaart.Menukaart menukaart,
    NormLookup normLookup,
    Data.LeerrijkDbContext db,
    InstrumentCatalog catalog,
    PdfPrinter pdf,
    ViewRenderer views,
    IWebHostEnvironment environment,
    IStringLocalizer<SharedResource> l,
    ILogger<ReportModel> logger)
    : OrganisationPageModel
{
    public ReportDocument Document { get; private set; } = null!;

    public RoundReport Report => Document.Report;

    /// <summary>HR and owners may put a first step in the action plan.</summary>
    /// <summary>Members may download the raw answers where the anonymity rule releases them; advisers only with that scope.</summary>
    public bool CanDownloadRaw => Member.May(OrganisationRole.Viewer, ConsentScope.RawAnswers);

    public bool CanPlan => Member.May(OrganisationRole.Hr, ConsentScope.WorkOnPlan);

    /// <summary>Why an export was refused, shown above the report.</summary>
    public string? ExportRefused { get; private set; }

    /// <summary>Where the company stands among the norm pool; on the web page only (the exports and PDF are the company's own figures).</summary>
    public NormComparison? Norms { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid roundId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(roundId, cancellationToken))
        {
            return NotFound();
        }

        Norms = await normLookup.ForReportAsync(Member.OrganisationId, Report, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync(Guid roundId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(roundId, cancellationToken))
        {
            return NotFound();
        }

        return Refused() ?? File(exports.Xlsx(Document), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName("xlsx"));
    }

    [AdviserScope(ConsentScope.RawAnswers)]
    public async Task<IActionResult> OnGetCsvAsync(Guid roundId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(roundId, cancellationToken))
        {
            return NotFound();
        }

        if (Refused() is { } refused)
        {
            return refused;
        }

        if (await exports.RawCsvAsync(Document, cancellationToken) is not { } csv)
        {
            // The raw rows together with the shown groups would single out fewer than k' people (ADR 0008).
            ExportRefused = Report.RawRowsExplanation ?? l["Anonymity.RawRowsWithheld", Report.Threshold];
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return File(csv, "text/csv; charset=utf-8", FileName("csv"));
    }

    /// <summary>The same anonymised rows as the CSV, for researchers: a zip with numeric codes, SPSS syntax and an R script, all labelled.</summary>
    [AdviserScope(ConsentScope.RawAnswers)]
    public async Task<IActionResult> OnGetSpssAsync(Guid roundId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(roundId, cancellationToken))
        {
            return NotFound();
        }

        if (Refused() is { } refused)
        {
            return refused;
        }

        var baseName = FileName("x")[..^2];
        if (await exports.ResearchPackageAsync(Document, baseName, cancellationToken) is not { } package)
        {
            ExportRefused = Report.RawRowsExplanation ?? l["Anonymity.RawRowsWithheld", Report.Threshold];
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return File(package, "application/zip", FileName("spss-r.zip"));
    }

    /// <summary>Whether this server can make the PDF itself (Chromium installed); otherwise the page points to the browser's print.</summary>
    public bool PdfAvailable => pdf.IsAvailable;

    /// <summary>The same document as the page, printed by headless Chromium with the print stylesheet (ADR 0007).</summary>
    public async Task<IActionResult> OnGetPdfAsync(Guid roundId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(roundId, cancellationToken))
        {
            return NotFound();
        }

        if (Refused() is { } refused)
        {
            return refused;
        }

        var css = await PrintStylesheet.ReadAsync(environment, cancellationToken);
        // Paper has no buttons: the printed report shows the first steps without their add-to-plan forms.
        var html = await views.RenderPartialAsync(PageContext, "/Features/Reports/_ReportPrint.cshtml", new ReportPrint(Document with { PlanOrganisationId = null }, css));
        try
        {
            return File(await pdf.PrintAsync(html, cancellationToken), "application/pdf", FileName("pdf"));
        }
        catch (PdfUnavailableException)
        {
            ExportRefused = l["Report.PdfUnavailable"];
        }
        catch (PdfPrintException ex)
        {
            LogPdfFailed(ex);
            ExportRefused = l["Report.PdfFailed"];
        }

        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return Page();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printing a report to PDF failed")]
    private partial void LogPdfFailed(Exception ex);

    /// <summary>Exports exist only for rounds whose figures may be shown; otherwise the page says why (409).</summary>
    private IActionResult? Refused()
    {
        if (Report.Status is ReportStatus.Full or ReportStatus.CompanyOnly)
        {
            return null;
        }

        ExportRefused = Report.Status == ReportStatus.Open ? l["Report.ExportOpen"] : l["Report.ExportTooFew", Report.Threshold];
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private string FileName(string extension)
    {
        var safe = new string(Report.Title.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return $"leerrijk-{(safe.Length == 0 ? "rapport" : safe)}.{extension}";
    }

    private async Task<bool> LoadAsync(Guid roundId, CancellationToken cancellationToken)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var report = await queries.BuildAsync(Member.OrganisationId, roundId, language, cancellationToken);
        if (report is null)
        {
            return false;
        }

        var size = await db.Organisations.Where(o => o.Id == Member.OrganisationId).Select(o => o.SizeClass).SingleAsync(cancellationToken);
        Document = new ReportDocument(report, ScaleLabels(catalog.Find(report.InstrumentId)!))
        {
            Recommendations = Menukaart.Recommender.Rank(report, await menukaart.InterventionsAsync(cancellationToken), Menukaart.CompanySizes.Of(size)),
            PlanOrganisationId = CanPlan ? Member.OrganisationId : null,
        };
        return true;
    }

    private List<string> ScaleLabels(Instrument instrument) =>
        Enumerable.Range(instrument.ScaleMin, instrument.ScaleMax - instrument.ScaleMin + 1)
            .Select(p => l[(instrument.Scale == ScaleKind.Agreement5 ? "Scale.Agreement." : "Scale.Checklist.") + p.ToString(CultureInfo.InvariantCulture)].Value)
            .ToList();
}
