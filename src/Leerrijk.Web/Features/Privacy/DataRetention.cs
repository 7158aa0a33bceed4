using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Privacy;

/// <summary>
/// How long Leerrijk keeps what, stated in one place for every text that tells people (the privacy page and the
/// works council sheet), so the promise changes in one place when the retention setting does.
/// </summary>
public static class DataRetention
{
    /// <summary>The sentence about raw answers in general: removed after the default period, which an organisation may shorten.</summary>
    public static string RawAnswers(IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l["Retention.RawAnswers", Erasure.RetentionRules.DefaultMonths].Value;
    }

    /// <summary>The sentence about one organisation's raw answers: removed after the period it set (RetentionJob does it).</summary>
    public static string RawAnswersOf(IStringLocalizer l, int months)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l["Retention.RawAnswersOf", months].Value;
    }

    /// <summary>The sentence about what stays after raw answers go: the totals per group that reports and trends read.</summary>
    public static string Totals(IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l["Retention.Totals"].Value;
    }
}
