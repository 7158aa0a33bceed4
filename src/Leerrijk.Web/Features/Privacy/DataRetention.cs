using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Privacy;

/// <summary>
/// How long Leerrijk keeps what, stated in one place for every text that tells people (the privacy page and the
/// works council sheet), so the promise changes in one place when the retention setting does.
/// </summary>
public static class DataRetention
{
    /// <summary>Raw answers are removed this many months after their round closes unless the organisation sets a shorter period.</summary>
    public const int DefaultRawAnswerMonths = 24;

    /// <summary>The sentence about raw answers: removed after the default period, which the organisation may shorten.</summary>
    public static string RawAnswers(IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l["Retention.RawAnswers", DefaultRawAnswerMonths].Value;
    }

    /// <summary>The sentence about what stays after raw answers go: the totals per group that reports and trends read.</summary>
    public static string Totals(IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l["Retention.Totals"].Value;
    }
}
