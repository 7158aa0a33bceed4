using Leerrijk.Scoring.Instruments;

namespace Leerrijk.Web.Features.Wegwijzer;

/// <summary>
/// One offer in the wegwijzer: a scheme, voucher, coach, learning community, scan, platform, fund or network. Only what
/// a source states is filled in; null or empty means the sources do not say (see content/offers/README.md).
/// </summary>
public sealed record Offer(
    string Slug,
    IReadOnlyList<string> Kinds,
    OfferAreas Areas,
    OfferSectors Sectors,
    IReadOnlyList<string> Sizes,
    IReadOnlyList<string> Audiences,
    LocalizedText Title,
    LocalizedText Summary,
    LocalizedText Text,
    OfferMoney Money,
    IReadOnlyList<OfferWindow> Windows,
    ExpectedWindow? NextWindowExpected,
    string? Status,
    DateOnly? ClosedUntil,
    OfferLimits Eligibility,
    IReadOnlyList<OfferSource> Sources,
    DateOnly LastChecked)
{
    /// <summary>After this many months without a check, editors see the offer flagged and readers see the date with a warning.</summary>
    public const int StaleAfterMonths = 6;

    /// <summary>Whether the facts were last checked more than <see cref="StaleAfterMonths"/> months before <paramref name="today"/>.</summary>
    public bool IsStaleOn(DateOnly today) => LastChecked < today.AddMonths(-StaleAfterMonths);

    /// <summary>
    /// The rule for an ended offer, shared by the file loader and the editors' page: the first of
    /// <paramref name="windows"/> still open on or after the day the facts were checked, which an ended offer may not
    /// have (null when there is none).
    /// </summary>
    public static OfferWindow? WindowOpenAfter(IEnumerable<OfferWindow> windows, DateOnly lastChecked) =>
        windows.FirstOrDefault(w => w.Closes >= lastChecked);
}

/// <summary>Where an offer is available, as a set; all empty means the sources name no area.</summary>
public sealed record OfferAreas(bool National, IReadOnlyList<string> Provinces, IReadOnlyList<string> Regions, IReadOnlyList<SubRegion> SubRegions)
{
    public bool NotStated => !National && Provinces.Count == 0 && Regions.Count == 0 && SubRegions.Count == 0;
}

/// <summary>A named area that is not one reference area (a few towns, part of a province), with the areas it lies in.</summary>
public sealed record SubRegion(string Name, IReadOnlyList<string> Provinces, IReadOnlyList<string> Regions);

/// <summary>SBI sections and sectors by name (narrower than a section, or a sector fund); both empty means every sector.</summary>
public sealed record OfferSectors(IReadOnlyList<string> Sections, IReadOnlyList<LocalizedText> Named)
{
    public bool All => Sections.Count == 0 && Named.Count == 0;
}

/// <summary>The amounts a source states; each may be missing.</summary>
public sealed record OfferMoney(int? Percentage, int? MaximumEuros, int? OwnContributionEuros, int? MinimumCostsEuros, LocalizedText? Note)
{
    public bool Any => Percentage is not null || MaximumEuros is not null || OwnContributionEuros is not null || MinimumCostsEuros is not null || Note is not null;
}

/// <summary>An application window; both days count.</summary>
public sealed record OfferWindow(DateOnly Opens, DateOnly Closes, LocalizedText? Note)
{
    public bool IsOpenOn(DateOnly day) => Opens <= day && day <= Closes;
}

/// <summary>A window a source expects but has not confirmed: always an estimate.</summary>
public sealed record ExpectedWindow(DateOnly Date, LocalizedText? Note);

/// <summary>Limits on the company a source states, beyond area, sector, size and audience.</summary>
public sealed record OfferLimits(int? MinEmployees, int? MaxEmployees, long? MaxTurnoverEuros);

/// <summary>Where the facts come from: a web address (https) or the name of a document without one.</summary>
public sealed record OfferSource(string? Url, string? Document);

/// <summary>The closed vocabularies of an offer file, as the schema lists them.</summary>
public static class OfferTerms
{
    public const string Open = "open";
    public const string ClosedUntil = "closed-until";
    public const string Ended = "ended";

    public const string Employer = "employer";
    public const string Employee = "employee";
    public const string JobSeeker = "job-seeker";

    public static readonly IReadOnlyList<string> Kinds = ["voucher", "subsidy", "coach", "learning-community", "scan", "platform", "fund", "network"];

    public static readonly IReadOnlyList<string> Sizes = ["micro", "small", "medium", "large"];

    public static readonly IReadOnlyList<string> Audiences = [Employer, Employee, JobSeeker];

    public static readonly IReadOnlyList<string> Statuses = [Open, ClosedUntil, Ended];
}
