using System.Text.RegularExpressions;
using Leerrijk.Web.Features.Organisations;

namespace Leerrijk.Web.Features.Wegwijzer;

/// <summary>
/// The rules every offer keeps, whether it comes from a file in content/offers or from the editors' form: one function
/// per rule, so the file loader and the form can never disagree. Each caller phrases the refusal for its reader (the
/// loader names the file and the fix for a maintainer, the form answers beside the field in plain Dutch or English).
/// </summary>
public static partial class OfferRules
{
    /// <summary>Dates before this year or after <see cref="LastYear"/> are typing errors.</summary>
    public const int FirstYear = 2000;

    public const int LastYear = 2100;

    /// <summary>An amount above this (one billion euros) is a typing error, not a scheme.</summary>
    public const int MaxEuros = 1_000_000_000;

    /// <summary>A head count limit above this is a typing error.</summary>
    public const int MaxEmployees = SizeClasses.MaxEmployees;

    /// <summary>A turnover limit above this (a thousand billion euros) is a typing error.</summary>
    public const long MaxTurnoverEuros = SizeClasses.MaxTurnoverEuros;

    /// <summary>The longest slug the Offers table stores.</summary>
    public const int SlugMax = 100;

    /// <summary>Slugs that name an editors' page instead of an offer (/wegwijzer/redactie/nieuw), so no offer may have them.</summary>
    public static readonly IReadOnlyList<string> ReservedSlugs = ["nieuw"];

    /// <summary>Lower-case letters and digits in groups joined by single hyphens, short enough to store, and not an editors' page.</summary>
    public static bool IsSlug(string? slug) =>
        slug is { Length: > 0 and <= SlugMax } && SlugPattern().IsMatch(slug) && !ReservedSlugs.Contains(slug);

    /// <summary>The first value that is not in <paramref name="allowed"/>, or null when all are.</summary>
    public static string? FirstUnknown(IEnumerable<string>? values, IEnumerable<string> allowed)
    {
        var known = allowed as IReadOnlyCollection<string> ?? [.. allowed];
        return (values ?? []).FirstOrDefault(v => !known.Contains(v));
    }

    /// <summary>The first id <paramref name="exists"/> does not know (an unknown province, region or SBI section), or null.</summary>
    public static string? FirstUnknown(IEnumerable<string>? ids, Func<string, bool> exists) =>
        (ids ?? []).FirstOrDefault(id => !exists(id));

    /// <summary>An offer is at least one kind of thing.</summary>
    public static bool HasKind(IEnumerable<string>? kinds) => kinds?.Any() == true;

    /// <summary>A text that is given in one language must be given in both: the wegwijzer reads in Dutch and English.</summary>
    public static bool HasBothLanguages(string? nl, string? en) => !string.IsNullOrWhiteSpace(nl) && !string.IsNullOrWhiteSpace(en);

    /// <summary>A share of the costs, in whole percent.</summary>
    public static bool IsPercentage(int? percentage) => percentage is null or (>= 0 and <= 100);

    /// <summary>An amount in whole euros: not negative, not absurd.</summary>
    public static bool IsAmount(int? euros) => euros is null or (>= 0 and <= MaxEuros);

    /// <summary>A head count limit: at least one person, not absurd.</summary>
    public static bool IsEmployeeLimit(int? employees) => employees is null or (>= 1 and <= MaxEmployees);

    /// <summary>A turnover limit: at least one euro, not absurd.</summary>
    public static bool IsTurnoverLimit(long? euros) => euros is null or (>= 1 and <= MaxTurnoverEuros);

    /// <summary>The fewest employees may not lie above the most.</summary>
    public static bool MinNotAboveMax(int? min, int? max) => min is null || max is null || min <= max;

    /// <summary>A date between <see cref="FirstYear"/> and <see cref="LastYear"/>.</summary>
    public static bool IsSensibleDate(DateOnly date) => date.Year is >= FirstYear and <= LastYear;

    /// <summary>A window closes on or after the day it opens.</summary>
    public static bool OpensBeforeCloses(DateOnly opens, DateOnly closes) => opens <= closes;

    /// <summary>"Closed until" needs the day it opens again.</summary>
    public static bool ClosedUntilHasDate(string? status, DateOnly? closedUntil) => status != OfferTerms.ClosedUntil || closedUntil is not null;

    /// <summary>
    /// Why an ended offer still looks like it runs: a window open on or after the check day (see
    /// <see cref="Offer.WindowOpenAfter"/>) or an expected window. Both null/false when the offer has not ended or nothing runs.
    /// </summary>
    public static (OfferWindow? OpenWindow, bool Expected) EndedButRunning(string? status, IEnumerable<OfferWindow> windows, ExpectedWindow? expected, DateOnly lastChecked) =>
        status != OfferTerms.Ended ? (null, false) : (Offer.WindowOpenAfter(windows, lastChecked), expected is not null);

    /// <summary>Whether an address is an absolute https URL with a host: the only kind the wegwijzer links to.</summary>
    public static bool IsHttpsUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0 && !url.Any(char.IsWhiteSpace);

    /// <summary>
    /// Whether a line of the form's source list is meant as an address (it starts with a scheme such as https:,
    /// http:, javascript: or data:) rather than a document's name ("Rapport: titel" has a space after the colon).
    /// An address must then pass <see cref="IsHttpsUrl"/>.
    /// </summary>
    public static bool LooksLikeAddress(string line) => AddressPattern().IsMatch(line) || line.StartsWith("www.", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.\-]*:[^\s]")]
    private static partial Regex AddressPattern();
}
