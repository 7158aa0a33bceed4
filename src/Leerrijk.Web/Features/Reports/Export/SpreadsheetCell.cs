using Leerrijk.Web.Infrastructure.Forms;

namespace Leerrijk.Web.Features.Reports.Export;

/// <summary>
/// Protection against formula ("CSV") injection: text from respondents or admins that a spreadsheet program would
/// otherwise run as a formula, such as <c>=HYPERLINK(...)</c>, is made to read as plain text.
/// </summary>
/// <remarks>
/// <para>Follows OWASP's advice: a text cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage
/// return gets a leading apostrophe. Excel shows the apostrophe in a CSV file; that visible mark is the price of a
/// file that is safe to double-click.</para>
/// <para>Two decisions beyond that list, both erring on the safe side because a stray apostrophe costs little and a
/// formula can leak data or start a program:</para>
/// <list type="bullet">
/// <item>Leading whitespace does not hide a trigger: <c>" =1+1"</c> and <c>"\n@cmd"</c> are escaped too, because
/// some importers trim cells before they look for a formula.</item>
/// <item>The full-width forms ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20) count as triggers, because East Asian
/// input and some spreadsheet locales turn them into their ASCII forms.</item>
/// </list>
/// <para>Only text is escaped: a number written as a number (e.g. -3) cannot hold a formula and stays a number.</para>
/// <para>Characters <see cref="StorableText"/> refuses (control characters other than line breaks and tabs,
/// noncharacters, bidirectional overrides) are dropped first: forms refuse them, but text stored before that rule, or
/// arriving by another way, must not reach a spreadsheet where it can hide or reverse what a cell says.</para>
/// </remarks>
public static class SpreadsheetCell
{
    /// <summary>
    /// Returns <paramref name="text"/> without characters that cannot be shown as typed, and with a leading apostrophe
    /// when a spreadsheet could read it as a formula.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = StorableText.Strip(text, allowLineBreaks: true);
        return NeedsPrefix(text) ? "'" + text : text;
    }

    private static bool NeedsPrefix(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        if (text[0] is '\t' or '\r')
        {
            return true;
        }

        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                return c is '=' or '+' or '-' or '@' or '\uFF1D' or '\uFF0B' or '\uFF0D' or '\uFF20';
            }
        }

        return false;
    }
}
