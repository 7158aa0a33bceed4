using System.Globalization;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Reference;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Programmes;

/// <summary>
/// What the monitor partial shows: one programme's latest published computation and the names it needs. The page and
/// the funder report (PDF) render the same partial, so the report holds exactly the figures the page shows.
/// </summary>
public sealed class MonitorView(Programme programme, string supportName, MonitorData? data, DateTime computedAtUtc, InstrumentCatalog catalog, ReferenceData reference, NationalReference national)
{
    public Programme Programme => programme;

    public string SupportName => supportName;

    public MonitorData? Data => data;

    public DateTime ComputedAtUtc => computedAtUtc;

    public NationalReference National => national;

    /// <summary>The dimension drilled into, on the page only.</summary>
    public DimensionData? DrillDown { get; init; }

    /// <summary>False on paper: no drill-down links.</summary>
    public bool Interactive { get; init; } = true;

    /// <summary>The same view for paper.</summary>
    public MonitorView ForPaper() => new(programme, supportName, data, computedAtUtc, catalog, reference, national) { Interactive = false };

    /// <summary>The same view drilled into one dimension.</summary>
    public MonitorView DrilledInto(DimensionData dimension) => new(programme, supportName, data, computedAtUtc, catalog, reference, national) { DrillDown = dimension };

    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "nl";

    public Instrument? InstrumentOf(string id) => catalog.Find(id);

    public string InstrumentTitle(string id) => catalog.Find(id)?.Title.For(Language) ?? id;

    public string DimensionName(string instrumentId, string dimensionId) =>
        catalog.Find(instrumentId)?.Dimensions.FirstOrDefault(d => d.Id == dimensionId)?.Name.For(Language) ?? dimensionId;

    public string GroupName(string attribute, string group, IStringLocalizer l) => attribute switch
    {
        "sector" => reference.SectorName(group, CultureInfo.CurrentUICulture),
        "size" => l["SizeClass." + group],
        _ => reference.RegionName(group),
    };

    public string AreaText(IStringLocalizer l)
    {
        var parts = programme.ProvinceIds.Select(reference.ProvinceName).Concat(programme.LabourMarketRegionIds.Select(reference.RegionName)).ToList();
        return parts.Count == 0 ? l["Monitor.AnyArea"] : string.Join(", ", parts);
    }

    public string SectorText(IStringLocalizer l) =>
        programme.SbiSections.Count == 0 ? l["Monitor.AnySector"] : string.Join(", ", programme.SbiSections.Select(s => reference.SectorName(s, CultureInfo.CurrentUICulture)));
}
