using System.Globalization;
using System.Security.Claims;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Wegwijzer;

/// <summary>
/// /wegwijzer, public: every offer judged for the company described in the filters, with a reason per rule. A signed-in
/// member starts from their organisation's profile; nobody needs an account.
/// </summary>
public sealed class IndexModel(OfferCatalog catalog, OfferEligibility rules, ReferenceData reference, LeerrijkDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>A head count above this is a typing error, not a company.</summary>
    public const int MaxEmployees = 1_000_000;

    /// <summary>A yearly turnover above this (a thousand billion euros) is a typing error.</summary>
    public const long MaxTurnoverEuros = 1_000_000_000_000;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "provincie")]
    public string? Province { get; set; }

    [BindProperty(SupportsGet = true, Name = "regio")]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true, Name = "sector")]
    public string? Sector { get; set; }

    [BindProperty(SupportsGet = true, Name = "medewerkers")]
    public string? Employees { get; set; }

    [BindProperty(SupportsGet = true, Name = "omzet")]
    public string? Turnover { get; set; }

    [BindProperty(SupportsGet = true, Name = "grootte")]
    public SizeClass? Size { get; set; }

    [BindProperty(SupportsGet = true, Name = "soort")]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "voor")]
    public string? Audience { get; set; }

    [BindProperty(SupportsGet = true, Name = "open")]
    public bool OpenNow { get; set; }

    public IReadOnlyList<OfferVerdict> Results { get; private set; } = [];

    public int Total { get; private set; }

    /// <summary>The organisation whose profile filled the filters, when the person came without filters.</summary>
    public string? PrefilledFrom { get; private set; }

    public DateOnly Today { get; private set; }

    public ReferenceData Reference => reference;

    public string Language { get; private set; } = "nl";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (Request.Query.Count == 0 || (Request.Query.Count == 1 && Request.Query.ContainsKey("lang")))
        {
            await PrefillAsync(cancellationToken);
        }

        var employees = CheckFilters();
        var profile = new CompanyProfile(employees, Size, Sector, Province, Region, Audience ?? OfferTerms.Employer, CheckTurnover());
        var all = await catalog.AllAsync(cancellationToken);
        Total = all.Count;
        Results = Filter(all.Select(o => rules.Evaluate(o, profile, Today)), Kind, OpenNow, Query, Language);
    }

    /// <summary>Kind, open-now and search filters, and the order: what fits first, then what may fit, then the rest.</summary>
    public static IReadOnlyList<OfferVerdict> Filter(IEnumerable<OfferVerdict> verdicts, string? kind, bool openNow, string? query, string language)
    {
        var results = verdicts;
        if (!string.IsNullOrEmpty(kind))
        {
            results = results.Where(v => v.Offer.Kinds.Contains(kind));
        }

        if (openNow)
        {
            results = results.Where(v => v.Availability == Availability.Open);
        }

        var words = (query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length > 0)
        {
            string Text(Offer o) => string.Join(' ', [o.Slug, o.Title.For(language), o.Summary.For(language), o.Text.For(language), .. o.Sectors.Named.Select(n => n.For(language)), .. o.Areas.SubRegions.Select(s => s.Name)]);
            results = results.Where(v => words.All(w => Text(v.Offer).Contains(w, StringComparison.CurrentCultureIgnoreCase)));
        }

        return [.. results.OrderBy(v => v.Fit switch { Fit.Fits => 0, Fit.Unknown => 1, _ => 2 }).ThenBy(v => v.Offer.Title.For(language), StringComparer.CurrentCulture)];
    }

    /// <summary>The reason shown on the result's first line: the rule that decides, or the first that fits.</summary>
    public static Reason Headline(OfferVerdict verdict) =>
        verdict.Reasons.FirstOrDefault(r => r.Outcome == RuleOutcome.DoesNotFit)
        ?? verdict.Reasons.FirstOrDefault(r => r.Outcome == RuleOutcome.Unknown)
        ?? verdict.Reasons.First(r => r.Outcome != RuleOutcome.Info);

    public string Text(Reason reason) => reason.Text(l, CultureInfo.CurrentUICulture);

    /// <summary>Where an offer is available, in words: the whole country, the named areas, or that the source does not say.</summary>
    public string AreaText(OfferAreas areas) =>
        areas.National ? l["Wegwijzer.Area.National"]
        : areas.NotStated ? l["Wegwijzer.Area.NotStated"]
        : string.Join(", ", areas.Provinces.Select(reference.ProvinceName).Concat(areas.Regions.Select(reference.RegionName)).Concat(areas.SubRegions.Select(s => s.Name)));

    /// <summary>The resource key naming a kind of offer (learning-community → Wegwijzer.Kind.LearningCommunity).</summary>
    public static string KindKey(string kind) => "Wegwijzer.Kind." + string.Concat(kind.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private int? CheckFilters()
    {
        // A filter value that is not in the lists is reported beside its field and left out, never guessed.
        if (Province is { Length: > 0 } && !reference.IsProvince(Province))
        {
            ModelState.AddModelError(nameof(Province), l["Wegwijzer.UnknownProvince"]);
            Province = null;
        }

        if (Region is { Length: > 0 } && !reference.IsLabourMarketRegion(Region))
        {
            ModelState.AddModelError(nameof(Region), l["Wegwijzer.UnknownRegion"]);
            Region = null;
        }

        if (Sector is { Length: > 0 } && !reference.IsSbiSection(Sector))
        {
            ModelState.AddModelError(nameof(Sector), l["Wegwijzer.UnknownSector"]);
            Sector = null;
        }

        if (Kind is { Length: > 0 } && !OfferTerms.Kinds.Contains(Kind))
        {
            ModelState.AddModelError(nameof(Kind), l["Wegwijzer.UnknownKind"]);
            Kind = null;
        }

        if (Audience is { Length: > 0 } && !OfferTerms.Audiences.Contains(Audience))
        {
            ModelState.AddModelError(nameof(Audience), l["Wegwijzer.UnknownAudience"]);
            Audience = null;
        }

        if ((ModelState.TryGetValue("grootte", out var sizeState) && sizeState.Errors.Count > 0) || (Size is { } size && !Enum.IsDefined(size)))
        {
            ModelState.Remove("grootte");
            ModelState.AddModelError(nameof(Size), l["Wegwijzer.UnknownSizeFilter"]);
            Size = null;
        }

        Province = NullIfEmpty(Province);
        Region = NullIfEmpty(Region);
        Sector = NullIfEmpty(Sector);
        if (string.IsNullOrWhiteSpace(Employees))
        {
            return null;
        }

        if (int.TryParse(Employees.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= MaxEmployees)
        {
            return count;
        }

        ModelState.AddModelError(nameof(Employees), l["Wegwijzer.EmployeesInvalid", MaxEmployees.ToString("N0", CultureInfo.CurrentCulture)]);
        return null;
    }

    private long? CheckTurnover()
    {
        if (string.IsNullOrWhiteSpace(Turnover))
        {
            return null;
        }

        // People write 2.500.000 or 2 500 000; separators are ignored, anything else is refused.
        var digits = Turnover.Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var euros) && euros <= MaxTurnoverEuros)
        {
            return euros;
        }

        ModelState.AddModelError(nameof(Turnover), l["Wegwijzer.TurnoverInvalid"]);
        return null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private async Task PrefillAsync(CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return;
        }

        var organisation = await OfferAdvice.MemberOrganisationAsync(db, userId, cancellationToken);
        if (organisation is null)
        {
            return;
        }

        (Province, Region, Sector, Size, PrefilledFrom) = (organisation.ProvinceId, organisation.LabourMarketRegionId, organisation.SbiSection, organisation.SizeClass, organisation.Name);
    }
}
