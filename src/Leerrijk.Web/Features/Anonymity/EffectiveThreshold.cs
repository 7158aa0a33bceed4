namespace Leerrijk.Web.Features.Anonymity;

/// <summary>
/// The threshold every view of a round works with: the round's k plus the number of people who can read its report
/// (k' = k + r). Every reader may have answered himself and knows his own answers, so he can take them out of any
/// group he belongs to; and respondents choose their role themselves, so any group can hold a reader.
/// </summary>
/// <remarks>
/// With one owner and four managers the leaders group holds 5 people; at k = 5 it would be shown, and the owner,
/// subtracting his own scores, would read the mean of the four managers. A group of at least k + r people still
/// holds k or more people none of the r readers is, even when all readers answered and pooled what they know.
/// Pages, print, PDF, XLSX, CSV, JSON and the round's progress all take their threshold from here (ADR 0008).
/// </remarks>
public static class EffectiveThreshold
{
    /// <summary>k' = k + r.</summary>
    /// <param name="threshold">The round's own k.</param>
    /// <param name="readers">Accounts that can open this round's report (every member of its organisation).</param>
    /// <exception cref="ArgumentOutOfRangeException">k below <see cref="AnonymityOptions.LowestThreshold"/> or a negative number of readers.</exception>
    public static int Of(int threshold, int readers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, AnonymityOptions.LowestThreshold);
        ArgumentOutOfRangeException.ThrowIfNegative(readers);
        return checked(threshold + readers);
    }

    /// <summary>The rule for a round whose own threshold is <paramref name="threshold"/> and whose report <paramref name="readers"/> accounts can read.</summary>
    public static Disclosure Disclosure(int threshold, int readers) => new(Of(threshold, readers));
}
