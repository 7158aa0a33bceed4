using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Infrastructure.Forms;

namespace Leerrijk.Web.Features.Responses;

/// <summary>
/// What a respondent may send, decided in one place for the answering pages and the JSON API alike: the same role,
/// department, years employed, scale point or comment is accepted (and stored in the same canonical form) or refused
/// on every path. Callers word the refusal for their reader; the decision is made here.
/// </summary>
public static class ResponseRules
{
    /// <summary>The bands of years employed, as stored and as the API spells them.</summary>
    public static readonly IReadOnlyList<string> YearsBands = ["lt1", "1-5", "5-10", "10plus"];

    /// <summary>
    /// The round's role meant by <paramref name="given"/>: case, surrounding spaces and hyphens do not matter
    /// ("employee", " Manager ", "works-council"). Nothing given means the round's only role, if it has one.
    /// </summary>
    public static bool TryRole(Round round, string? given, out string role)
    {
        var found = string.IsNullOrWhiteSpace(given)
            ? round.Roles.Count == 1 ? round.Roles[0] : null
            : round.Roles.FirstOrDefault(r => string.Equals(r, given.Trim().Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
        role = found ?? "";
        return found is not null;
    }

    /// <summary>
    /// The round's department meant by <paramref name="given"/> (case and surrounding spaces do not matter), or null
    /// when none is given: naming a department is always optional.
    /// </summary>
    public static bool TryDepartment(Round round, string? given, out string? department)
    {
        department = null;
        if (string.IsNullOrWhiteSpace(given))
        {
            return true;
        }

        department = round.Departments.FirstOrDefault(d => string.Equals(d, given.Trim(), StringComparison.OrdinalIgnoreCase));
        return department is not null;
    }

    /// <summary>
    /// The band of years employed meant by <paramref name="given"/> (case and surrounding spaces do not matter), or null
    /// when none is given; a band is refused when the instrument does not ask for it.
    /// </summary>
    public static bool TryYears(Instrument instrument, string? given, out string? years)
    {
        years = null;
        if (string.IsNullOrWhiteSpace(given))
        {
            return true;
        }

        years = instrument.Background.YearsEmployed
            ? YearsBands.FirstOrDefault(b => string.Equals(b, given.Trim(), StringComparison.OrdinalIgnoreCase))
            : null;
        return years is not null;
    }

    /// <summary>Whether a point lies on the instrument's scale (null, "don't know", always does).</summary>
    public static bool IsOnScale(Instrument instrument, int? point) =>
        point is not { } p || (p >= instrument.ScaleMin && p <= instrument.ScaleMax);

    /// <summary>What is wrong with an answer to an open question, if anything.</summary>
    public enum CommentProblem
    {
        None,
        TooLong,
        /// <summary>A character that cannot be stored safely (control, noncharacter, bidirectional override): <see cref="StorableText"/>.</summary>
        Unstorable,
    }

    /// <summary>
    /// Checks an open answer and gives what is stored: the text without surrounding spaces, or null when nothing but
    /// spaces was written. The length counts what is stored, so spaces around the text never make it too long.
    /// </summary>
    public static CommentProblem CheckComment(string? text, out string? kept)
    {
        kept = null;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return CommentProblem.None;
        }

        if (trimmed.Length > ResponseComment.MaxLength)
        {
            return CommentProblem.TooLong;
        }

        // The same rule as every name or text a person types elsewhere, so an open answer cannot carry a character
        // that reverses how the report or an export reads.
        if (!StorableText.IsStorable(trimmed, allowLineBreaks: true))
        {
            return CommentProblem.Unstorable;
        }

        kept = trimmed;
        return CommentProblem.None;
    }
}
