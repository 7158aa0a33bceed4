using System.Text.Json;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Infrastructure.Pdf;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Programmes;

/// <summary>
/// A programme's monitor for its managers: reach against targets, indicators, baseline versus follow-up with the
/// change, breakdowns with drill-down per dimension, national reference and support used, and the funder report as
/// PDF and XLSX. It shows the latest published computation as it is; every figure in it already passed both levels
/// of the anonymity rule, so the exports hold nothing the page does not.
/// </summary>
public sealed partial class IndexModel(
    LeerrijkDbContext db,
    InstrumentCatalog catalog,
    ReferenceData reference,
    NationalReference national,
    ProgrammeComputation computation,
    PdfPrinter pdf,
    ViewRenderer views,
    IWebHostEnvironment environment,
    IStringLocalizer<SharedResource> l,
    ILogger<IndexModel> logger) : ProgrammePageModel
{
    public Programme Programme { get; private set; } = null!;

    public string SupportName { get; private set; } = "";

    public MonitorView View { get; private set; } = null!;

    /// <summary>Why an export could not be made, shown on the page.</summary>
    public string? ExportRefused { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? dimensie, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (dimensie is not null)
        {
            var drill = View.Data?.Instruments.SelectMany(i => i.Dimensions).FirstOrDefault(d => d.InstrumentId + "/" + d.DimensionId == dimensie);
            if (drill is null)
            {
                return NotFound();
            }

            View = View.DrilledInto(drill);
        }

        return Page();
    }

    /// <summary>
    /// The first computation, for a coordinator who just set the programme up. Later ones run at night only: figures
    /// that could be recomputed at will would let a reader watch them move company by company.
    /// </summary>
    [RequiresProgrammeCoordinator]
    public async Task<IActionResult> OnPostComputeAsync(CancellationToken cancellationToken)
    {
        if (!await db.ProgrammeSnapshots.AnyAsync(s => s.ProgrammeId == Reader.ProgrammeId, cancellationToken))
        {
            await computation.ComputeAsync(Reader.ProgrammeId, cancellationToken);
        }

        return RedirectToPage(new { programmeId = Reader.ProgrammeId });
    }

    /// <summary>The funder report as a workbook: one sheet per part, the same published figures as the page.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (View.Data is null)
        {
            return NotFound();
        }

        return File(FunderReport.Workbook(View, l), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName("xlsx"));
    }

    /// <summary>The funder report on paper: goals, definitions, rules, results and method notes (headless Chromium, ADR 0007).</summary>
    public async Task<IActionResult> OnGetPdfAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (View.Data is null)
        {
            return NotFound();
        }

        var css = await PrintStylesheet.ReadAsync(environment, cancellationToken);
        var html = await views.RenderPartialAsync(PageContext, "/Features/Programmes/_FunderReport.cshtml", new FunderReport(View.ForPaper(), css));
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

    private string FileName(string extension) =>
        $"programmarapport-{string.Concat(Programme.Name.Where(char.IsLetterOrDigit)).ToLowerInvariant()}-{View.Data!.Today:yyyy-MM-dd}.{extension}";

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Programme = await db.Programmes.AsNoTracking().SingleAsync(p => p.Id == Reader.ProgrammeId, cancellationToken);
        SupportName = await db.SupportOrganisations.Where(s => s.Id == Programme.SupportOrganisationId).Select(s => s.Name).SingleAsync(cancellationToken);
        var snapshot = await db.ProgrammeSnapshots.AsNoTracking().Where(s => s.ProgrammeId == Reader.ProgrammeId)
            .OrderByDescending(s => s.ComputedAtUtc).Select(s => new { s.ComputedAtUtc, s.DataJson })
            .FirstOrDefaultAsync(cancellationToken);
        var data = snapshot is null ? null : JsonSerializer.Deserialize<MonitorData>(snapshot.DataJson, ProgrammeComputation.Json);
        View = new MonitorView(Programme, SupportName, data, snapshot?.ComputedAtUtc ?? default, catalog, reference, national);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The funder report PDF could not be printed.")]
    private partial void LogPdfFailed(Exception ex);
}
