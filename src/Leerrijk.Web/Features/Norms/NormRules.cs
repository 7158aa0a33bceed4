using Leerrijk.Scoring.Statistics;

namespace Leerrijk.Web.Features.Norms;

/// <summary>
/// The rules a norm group must meet before anyone sees it, in one place for the refresh, the report and the method
/// page: the rolling window, the company and respondent counts per status, and five companies on each side of a
/// published percentile.
/// </summary>
public static class NormRules
{
    /// <summary>Rounds count when they closed within this many months before today.</summary>
    public const int WindowMonths = 24;

    /// <summary>From this many companies on a group is shown, as "emerging" until it is standard.</summary>
    public const int EmergingCompanies = 10;

    /// <summary>A standard group has at least this many companies ...</summary>
    public const int StandardCompanies = 20;

    /// <summary>... and at least this many respondents in their rounds together.</summary>
    public const int StandardRespondents = 500;

    /// <summary>A percentile is published only when at least this many companies lie below it and as many above.</summary>
    public const int CompaniesEachSide = 5;

    /// <summary>The percentiles a band may have, in percent.</summary>
    public static readonly IReadOnlyList<int> Percentiles = [25, 50, 75, 90];

    /// <summary>The first day a round may have closed on to count today.</summary>
    public static DateOnly WindowFrom(DateOnly today) => today.AddMonths(-WindowMonths);

    /// <summary>The status of a group of this size, or null when it is too small to show at all.</summary>
    public static NormStatus? StatusOf(int companies, int respondents) => companies switch
    {
        >= StandardCompanies when respondents >= StandardRespondents => NormStatus.Standard,
        >= EmergingCompanies => NormStatus.Emerging,
        _ => null,
    };

    /// <summary>
    /// Whether the <paramref name="percentile"/>th percentile of <paramref name="companies"/> values may be published:
    /// floor(n·p) ≥ 5 and n − ceil(n·p) ≥ 5, in whole numbers so no rounding error decides it.
    /// </summary>
    public static bool MayPublish(int companies, int percentile)
    {
        var below = companies * percentile / 100;
        var aboveFrom = ((companies * percentile) + 99) / 100;
        return below >= CompaniesEachSide && companies - aboveFrom >= CompaniesEachSide;
    }

    /// <summary>The fewest companies from which the <paramref name="percentile"/>th percentile is published (P50: 10, P25 and P75: 20, P90: 50).</summary>
    public static int FirstPublishedAt(int percentile) =>
        Enumerable.Range(1, 100 * CompaniesEachSide).First(n => MayPublish(n, percentile));

    /// <summary>The published percentile of the values (Harrell–Davis, one decimal), or null where <see cref="MayPublish"/> says no.</summary>
    public static double? Band(IReadOnlyCollection<double> values, int percentile) =>
        MayPublish(values.Count, percentile)
            ? Math.Round(HarrellDavis.Quantile(values, percentile / 100.0), 1, MidpointRounding.AwayFromZero)
            : null;
}
