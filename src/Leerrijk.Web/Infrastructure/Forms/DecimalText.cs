using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Infrastructure.Forms;

/// <summary>What <see cref="DecimalText.Parse"/> made of what someone typed.</summary>
public enum DecimalTextOutcome
{
    /// <summary>Nothing typed (or only spaces).</summary>
    Empty,

    /// <summary>A number; <see cref="DecimalTextResult.Value"/> holds it (it may be negative).</summary>
    Number,

    /// <summary>Not a number we can read, such as "twaalf", "1..5" or "1.25.0".</summary>
    Malformed,

    /// <summary>A number with more digits after the decimal mark than allowed (for amounts: cents).</summary>
    TooManyDecimals,

    /// <summary>More digits than any field accepts.</summary>
    TooLarge,
}

/// <summary>A parsed number, or why there is none.</summary>
public readonly record struct DecimalTextResult(DecimalTextOutcome Outcome, decimal Value);

/// <summary>
/// Reads a number the way people in the Netherlands type it ("1.250,50", "1250,50", "€ 1.250,-") and the way phone
/// keyboards and the rest of the world do ("1250.50", "1,250.50"), whatever the page's language.
/// </summary>
/// <remarks>
/// <para>Model binding reads decimals in the request's culture, so in Dutch "1250.50" would silently become 125050. These
/// rules decide by the text itself, Dutch first:</para>
/// <list type="bullet">
/// <item>With both '.' and ',' the last one is the decimal mark and the other separates thousands.</item>
/// <item>A single ',' is the decimal mark ("12,5"); several ',' separate thousands ("1,250,000").</item>
/// <item>A single '.' followed by exactly three digits separates thousands, as a Dutch reader means "1.250"; followed by
/// one or two digits it is the decimal mark ("1250.50"). Several '.' separate thousands ("1.250.000").</item>
/// <item>Thousands groups have exactly three digits; anything else is malformed rather than guessed.</item>
/// </list>
/// <para>So "1,250" reads as 1,25 with three decimals, which an amount in cents refuses: a question to the person is
/// better than a mistake of a factor thousand. A leading or trailing '€' and a trailing ",-" (whole euros) are allowed.</para>
/// </remarks>
public static class DecimalText
{
    // Twelve integer digits is far beyond any field (the database keeps ten); more is refused before parsing.
    private const int MaxIntegerDigits = 12;
    private const int MaxLength = 40;

    /// <summary>Parses <paramref name="text"/> with at most <paramref name="maxDecimals"/> digits after the decimal mark.</summary>
    public static DecimalTextResult Parse(string? text, int maxDecimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDecimals);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(DecimalTextOutcome.Empty, 0);
        }

        var s = text.Trim();
        if (s.Length > MaxLength)
        {
            return new(DecimalTextOutcome.TooLarge, 0);
        }

        var negative = false;
        s = WithoutEuroSign(s);
        if (s.Length > 0 && s[0] is '-' or '\u2212')
        {
            negative = true;
            s = WithoutEuroSign(s[1..].TrimStart());
        }

        if (s.EndsWith(",-", StringComparison.Ordinal) || s.EndsWith(".-", StringComparison.Ordinal))
        {
            s = s[..^2];
        }

        if (s.Length == 0 || !char.IsAsciiDigit(s[0]) || !char.IsAsciiDigit(s[^1]) || !s.All(c => char.IsAsciiDigit(c) || c is '.' or ','))
        {
            return new(DecimalTextOutcome.Malformed, 0);
        }

        var (integerPart, fraction, ok) = Split(s);
        if (!ok)
        {
            return new(DecimalTextOutcome.Malformed, 0);
        }

        if (integerPart.TrimStart('0').Length > MaxIntegerDigits)
        {
            return new(DecimalTextOutcome.TooLarge, 0);
        }

        if (fraction.Length > maxDecimals)
        {
            return new(DecimalTextOutcome.TooManyDecimals, 0);
        }

        var value = decimal.Parse(fraction.Length == 0 ? integerPart : integerPart + "." + fraction, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return new(DecimalTextOutcome.Number, negative && value != 0 ? -value : value);
    }

    /// <summary>Writes <paramref name="value"/> so that <see cref="Parse"/> reads it back in either language: no thousands
    /// separator, the culture's decimal mark, and cents only when there are any.</summary>
    public static string Format(decimal? value, CultureInfo culture) =>
        value is not { } v ? "" : v.ToString(decimal.Truncate(v) == v ? "0" : "0.00", culture);

    private static string WithoutEuroSign(string s)
    {
        if (s.StartsWith('€'))
        {
            return s[1..].TrimStart();
        }

        return s.EndsWith('€') ? s[..^1].TrimEnd() : s;
    }

    /// <summary>Splits into the integer digits (thousands separators removed) and the fraction digits.</summary>
    private static (string Integer, string Fraction, bool Ok) Split(string s)
    {
        var dots = s.Count(c => c == '.');
        var commas = s.Count(c => c == ',');
        char? decimalMark = null;
        char? groupMark = null;
        if (dots > 0 && commas > 0)
        {
            decimalMark = s.LastIndexOf('.') > s.LastIndexOf(',') ? '.' : ',';
            groupMark = decimalMark == '.' ? ',' : '.';
            if ((decimalMark == '.' ? dots : commas) > 1)
            {
                return ("", "", false);
            }
        }
        else if (commas == 1)
        {
            decimalMark = ',';
        }
        else if (commas > 1 || dots > 1)
        {
            groupMark = commas > 1 ? ',' : '.';
        }
        else if (dots == 1)
        {
            var dot = s.IndexOf('.', StringComparison.Ordinal);
            var thousands = s.Length - dot - 1 == 3 && s[..dot].TrimStart('0').Length > 0;
            if (thousands)
            {
                groupMark = '.';
            }
            else
            {
                decimalMark = '.';
            }
        }

        var integerPart = s;
        var fraction = "";
        if (decimalMark is { } mark)
        {
            var at = s.LastIndexOf(mark);
            integerPart = s[..at];
            fraction = s[(at + 1)..];
        }

        if (integerPart.Length == 0 || fraction.Any(c => !char.IsAsciiDigit(c)))
        {
            return ("", "", false);
        }

        if (groupMark is not { } group)
        {
            return integerPart.All(char.IsAsciiDigit) ? (integerPart, fraction, true) : ("", "", false);
        }

        var groups = integerPart.Split(group);
        var wellGrouped = groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3) && groups.All(g => g.All(char.IsAsciiDigit));
        return wellGrouped ? (string.Concat(groups), fraction, true) : ("", "", false);
    }
}

/// <summary>The rule for one number field: its range, how many decimals, whether it is in euros and whether it is required.</summary>
/// <param name="Minimum">The smallest value allowed; 0 gives the message "cannot be negative" below it.</param>
/// <param name="Maximum">The largest value allowed, stated in the message when exceeded.</param>
/// <param name="MaxDecimals">Digits allowed after the decimal mark (2 for cents).</param>
/// <param name="Euros">Whether the field is an amount in euros (changes the example in the message).</param>
/// <param name="Required">Whether an empty field is an error.</param>
public sealed record NumberRule(decimal Minimum, decimal Maximum, int MaxDecimals, bool Euros, bool Required);

/// <summary>Reads a number field typed as text (<see cref="DecimalText"/>) and puts a plain message beside it when it is wrong.</summary>
public static class NumberField
{
    /// <summary>
    /// Returns the number in <paramref name="text"/>, or null when it is empty or wrong; when wrong (or empty but
    /// required) adds a message under <paramref name="key"/> that names <paramref name="field"/>.
    /// </summary>
    public static decimal? Read(ModelStateDictionary modelState, string key, string? text, NumberRule rule, string field, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(l);
        var culture = CultureInfo.CurrentCulture;
        var parsed = DecimalText.Parse(text, rule.MaxDecimals);
        string? error = parsed.Outcome switch
        {
            DecimalTextOutcome.Empty => rule.Required ? l["Validation.Required", field].Value : null,
            DecimalTextOutcome.Malformed => (rule.Euros ? l["Validation.AmountFormat", field] : l["Validation.NumberFormat", field]).Value,
            DecimalTextOutcome.TooManyDecimals => rule.MaxDecimals == 0
                ? l["Validation.WholeNumber", field].Value
                : l["Validation.Decimals", field, rule.MaxDecimals.ToString(culture)].Value,
            DecimalTextOutcome.TooLarge => Range(),
            _ when parsed.Value < 0 && rule.Minimum == 0 => l["Validation.Negative", field].Value,
            _ when parsed.Value < rule.Minimum || parsed.Value > rule.Maximum => Range(),
            _ => null,
        };
        if (error is not null)
        {
            modelState.AddModelError(key, error);
            return null;
        }

        return parsed.Outcome == DecimalTextOutcome.Number ? parsed.Value : null;

        string Range() => l["Validation.Range", field, rule.Minimum.ToString("#,0.##", culture), rule.Maximum.ToString("#,0.##", culture)].Value;
    }
}

/// <summary>Checks a date field against a sensible period and puts a plain message beside it when it falls outside.</summary>
public static class DateField
{
    /// <summary>The earliest date any Leerrijk form accepts: older dates are typing slips.</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    /// <summary>
    /// Adds a message under <paramref name="key"/> when <paramref name="value"/> is missing but required, lies after
    /// <paramref name="today"/> while it records something that happened (<paramref name="latest"/> null), or lies
    /// outside <see cref="Earliest"/>..<paramref name="latest"/>. Returns whether the date is fine.
    /// </summary>
    public static bool Check(
        ModelStateDictionary modelState, string key, DateOnly? value, bool required, DateOnly today, DateOnly? latest, string field, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(l);
        if (modelState.GetFieldValidationState(key) == ModelValidationState.Invalid)
        {
            return false; // the binder already said the date could not be read
        }

        var culture = CultureInfo.CurrentCulture;
        string? error = value switch
        {
            null => required ? l["Validation.Required", field].Value : null,
            { } d when latest is null && d > today => l["Validation.DateInFuture", field].Value,
            { } d when d < Earliest || d > (latest ?? today) =>
                l["Validation.DateRange", field, Earliest.ToString("d", culture), (latest ?? today).ToString("d", culture)].Value,
            _ => null,
        };
        if (error is not null)
        {
            modelState.AddModelError(key, error);
        }

        return error is null;
    }
}
