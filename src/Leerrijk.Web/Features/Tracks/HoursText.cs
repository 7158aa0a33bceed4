using System.Globalization;
using System.Text.RegularExpressions;

namespace Leerrijk.Web.Features.Tracks;

/// <summary>
/// Reads an amount of hours as people type it: "1,5" (Dutch) and "1.5" alike, in quarter hours. The field is read as
/// text on purpose: bound as a number under the Dutch culture, "1.5" would silently become 15.
/// </summary>
public static partial class HoursText
{
    /// <summary>What is wrong with typed hours, if anything.</summary>
    public enum Problem
    {
        None,

        /// <summary>Not a number with at most two decimals (also "1.000": a thousands separator reads as 1 hour).</summary>
        Malformed,

        /// <summary>Below the lowest amount the field allows (zero or negative).</summary>
        TooFew,

        /// <summary>Above the highest amount the field allows.</summary>
        TooMany,

        /// <summary>Not a whole number of quarter hours.</summary>
        NotQuarter,
    }

    /// <summary>
    /// Reads <paramref name="text"/> as hours between <paramref name="lowest"/> and <paramref name="highest"/>, in
    /// quarter hours; <paramref name="hours"/> is set only when the answer is <see cref="Problem.None"/>. Empty text is
    /// <see cref="Problem.Malformed"/>: callers say "fill it in" before asking.
    /// </summary>
    public static Problem Read(string? text, decimal lowest, decimal highest, out decimal hours)
    {
        hours = 0;
        var match = text is null ? null : Number().Match(text);
        if (match is not { Success: true })
        {
            return Problem.Malformed;
        }

        var value = decimal.Parse(match.Groups["n"].Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (match.Groups["minus"].Success)
        {
            value = -value;
        }

        if (value < lowest)
        {
            return Problem.TooFew;
        }

        if (value > highest)
        {
            return Problem.TooMany;
        }

        if (value * 4 != decimal.Truncate(value * 4))
        {
            return Problem.NotQuarter;
        }

        hours = value;
        return Problem.None;
    }

    /// <summary>Hours as the reader's culture writes them ("1,5" in Dutch, "1.5" in English), without trailing zeros.</summary>
    public static string Format(decimal hours, IFormatProvider culture) => hours.ToString("0.##", culture);

    // ASCII digits only (\d would take other scripts' digits), one decimal separator (comma or dot) with at most two
    // decimals; no thousands separators, no exponent.
    [GeneratedRegex(@"^\s*(?<minus>-)?\s*(?<n>[0-9]{1,6}(?:[.,][0-9]{1,2})?|[.,][0-9]{1,2})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
