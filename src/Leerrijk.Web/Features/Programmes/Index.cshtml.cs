using System.Globalization;
using System.Text.Json;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Programmes;

/// <summary>
/// A programme's monitor for its managers: reach against targets, indicators, baseline versus follow-up with the
/// change, breakdowns with drill-down per dimension, national reference and support used. It shows the latest
/// published computation as it is; every figure in it already passed both levels of the anonymity rule.
/// </summary>
public sealed class IndexModel(LeerrijkDbContext db, InstrumentCatalog catalog, ReferenceData reference, NationalReference national, ProgrammeComputation computation)
    : ProgrammePageModel
{
    public Programme Programme { get; private set; } = null!;

    public string SupportName { get; private set; } = "";

    public MonitorData? Data { get; private set; }

    public DateTime? ComputedAtUtc { get; private set; }

    /// <summary>The dimension drilled into ("instrument/dimension"), if any and if it exists in the data.</summary>
    public DimensionData? DrillDown { get; private set; }

    public NationalReference National => national;

    public async Task<IActionResult> OnGetAsync(string? dimensie, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (dimensie is not null)
        {
            DrillDown = Data?.Instruments.SelectMany(i => i.Dimensions).FirstOrDefault(d => d.InstrumentId + "/" + d.DimensionId == dimensie);
            if (DrillDown is null)
            {
                return NotFound();
            }
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

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Programme = await db.Programmes.AsNoTracking().SingleAsync(p => p.Id == Reader.ProgrammeId, cancellationToken);
        SupportName = await db.SupportOrganisations.Where(s => s.Id == Programme.SupportOrganisationId).Select(s => s.Name).SingleAsync(cancellationToken);
        var snapshot = await db.ProgrammeSnapshots.AsNoTracking().Where(s => s.ProgrammeId == Reader.ProgrammeId)
            .OrderByDescending(s => s.ComputedAtUtc).Select(s => new { s.ComputedAtUtc, s.DataJson })
            .FirstOrDefaultAsync(cancellationToken);
        if (snapshot is not null)
        {
            Data = JsonSerializer.Deserialize<MonitorData>(snapshot.DataJson, ProgrammeComputation.Json);
            ComputedAtUtc = snapshot.ComputedAtUtc;
        }
    }

    public Instrument? InstrumentOf(string id) => catalog.Find(id);

    public string DimensionName(string instrumentId, string dimensionId) =>
        catalog.Find(instrumentId)?.Dimensions.FirstOrDefault(d => d.Id == dimensionId)?.Name.For(Language) ?? dimensionId;

    public string GroupName(string attribute, string group, Microsoft.Extensions.Localization.IStringLocalizer l) => attribute switch
    {
        "sector" => reference.SectorName(group, CultureInfo.CurrentUICulture),
        "size" => l["SizeClass." + group],
        _ => reference.RegionName(group),
    };

    public string AreaText(Microsoft.Extensions.Localization.IStringLocalizer l)
    {
        var parts = Programme.ProvinceIds.Select(reference.ProvinceName)
            .Concat(Programme.LabourMarketRegionIds.Select(reference.RegionName))
            .ToList();
        return parts.Count == 0 ? l["Monitor.AnyArea"] : string.Join(", ", parts);
    }

    public string SectorText(Microsoft.Extensions.Localization.IStringLocalizer l) =>
        Programme.SbiSections.Count == 0 ? l["Monitor.AnySector"] : string.Join(", ", Programme.SbiSections.Select(s => reference.SectorName(s, CultureInfo.CurrentUICulture)));

    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "nl";
}
