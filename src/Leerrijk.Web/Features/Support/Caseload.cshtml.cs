using System.Globalization;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Features.Reports.Export;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Support;

/// <summary>
/// The adviser's dashboard across consenting companies (a coordinator's: the whole support organisation), with
/// filters, sorting, search and an export without any respondent data.
/// </summary>
public sealed class CaseloadModel(Caseload caseload, LeerrijkDbContext db, ReferenceData reference, IStringLocalizer<SharedResource> l) : SupportPageModel
{
    public const int MaxQueryLength = CaseloadFilter.MaxQueryLength;

    public string SupportName { get; private set; } = "";

    /// <summary>Companies per page: the statistics behind the weakest dimensions are read for these only.</summary>
    public const int PageSize = 25;

    /// <summary>The companies on this page, after filters and sorting.</summary>
    public IReadOnlyList<CaseloadRow> Rows { get; private set; } = [];

    /// <summary>How many companies match the filters, over all pages.</summary>
    public int Matching { get; private set; }

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int PageNumber { get; set; } = 1;

    public int PageCount { get; private set; } = 1;

    /// <summary>How many companies the person follows before filters; tells "no companies yet" from "no match".</summary>
    public int Total { get; private set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>A province id or a labour-market region id.</summary>
    [BindProperty(SupportsGet = true, Name = "regio")]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true, Name = "sector")]
    public string? Sector { get; set; }

    [BindProperty(SupportsGet = true, Name = "grootte")]
    public SizeClass? Size { get; set; }

    /// <summary>A track stage, or "none" for companies without a track.</summary>
    [BindProperty(SupportsGet = true, Name = "fase")]
    public string? Stage { get; set; }

    [BindProperty(SupportsGet = true, Name = "sorteer")]
    public string? Sort { get; set; }

    public static IReadOnlyList<string> SortKeys => CaseloadFilter.SortKeys;

    public ReferenceData Reference => reference;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken, everyPage: true);
        return File(CsvExport.Write(Header(), Export()), "text/csv; charset=utf-8", FileName("csv"));
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken, everyPage: true);
        var sheet = new XlsxExport.Sheet(l["Caseload.Title"], Header(), Export().ToList());
        return File(XlsxExport.Write([sheet]), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName("xlsx"));
    }

    /// <summary>The route values that keep the filters and sort for the export links.</summary>
    public Dictionary<string, string> FilterRoute()
    {
        var route = new Dictionary<string, string>(StringComparer.Ordinal) { ["supportId"] = Member.SupportOrganisationId.ToString() };
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                route[key] = value;
            }
        }

        Add("q", Query);
        Add("regio", Region);
        Add("sector", Sector);
        Add("grootte", Size?.ToString());
        Add("fase", Stage);
        Add("sorteer", Sort);
        return route;
    }

    /// <summary>The filters and sort with another page number, for the paging links.</summary>
    public Dictionary<string, string> PageRoute(int page)
    {
        var route = FilterRoute();
        route["pagina"] = page.ToString(CultureInfo.InvariantCulture);
        return route;
    }

    public string RegionName(CaseloadRow row) => reference.RegionName(row.LabourMarketRegionId);

    public string SectorName(string id) => reference.SectorName(id, CultureInfo.CurrentUICulture);

    /// <summary>Reads, filters and sorts the caseload; the page (or, for an export, every matching company) gets its scores.</summary>
    private async Task LoadAsync(CancellationToken cancellationToken, bool everyPage = false)
    {
        SupportName = await db.SupportOrganisations.Where(s => s.Id == Member.SupportOrganisationId).Select(s => s.Name).SingleAsync(cancellationToken);
        var filter = new CaseloadFilter(Query, Region, Sector, Size, Stage, Sort);
        var page = await caseload.ReadAsync(Member, filter, PageNumber, everyPage ? null : PageSize, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, cancellationToken);
        (Total, Matching, PageNumber, PageCount, Rows) = (page.Total, page.Matching, page.PageNumber, page.PageCount, page.Rows);
    }

    private string[] Header() =>
    [
        l["Caseload.Company"], l["Caseload.Sector"], l["Caseload.Size"], l["Caseload.Province"], l["Caseload.Region"], l["Caseload.Adviser"],
        l["Caseload.Stage"], l["Caseload.LastRound"], l["Caseload.LastRoundClosed"], l["Caseload.Responses"], l["Caseload.ResponseRate"],
        l["Caseload.Weakest"], l["Caseload.OpenSteps"], l["Caseload.OverdueSteps"], l["Caseload.HoursUsed"], l["Caseload.HoursBudget"],
        l["Caseload.FollowUp"], l["Caseload.ConsentUntil"],
    ];

    /// <summary>The same rows as the page: companies and their track, no respondent data, figures only as the page shows them.</summary>
    private IEnumerable<IReadOnlyList<object?>> Export() => Rows.Select(r => (IReadOnlyList<object?>)
    [
        r.Name, SectorName(r.SbiSection), l["SizeClass." + r.SizeClass].Value, reference.ProvinceName(r.ProvinceId), RegionName(r),
        r.Adviser, r.Stage is { } stage ? l["Track.Stage." + stage].Value : null,
        r.LastRound?.Title, Date(r.LastRound?.ClosedOn), r.LastRound?.Responses, r.LastRound?.ResponseRatePercent,
        r.LastRound is { Weakest.Count: > 0 } last ? string.Join(" | ", last.Weakest.Select(w => $"{w.Name} ({Math.Round(w.Score)})")) : null,
        r.OpenSteps, r.OverdueSteps, r.Stage is null ? null : r.CoachHoursUsed, r.CoachHoursBudget, Date(r.FollowUpDueOn), Date(r.GrantEndsOn),
    ]);

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string FileName(string extension) => $"caseload-{DateTime.UtcNow:yyyy-MM-dd}.{extension}";
}
