namespace Leerrijk.Scoring.Statistics;

/// <summary>Counts per answer point plus don't-know. Shares are of the answers with a point (don't-know excluded).</summary>
/// <param name="Min">The lowest point; <see cref="Counts"/>[0] belongs to it.</param>
/// <param name="Max">The highest point.</param>
/// <param name="Counts">Count per point Min..Max.</param>
/// <param name="DontKnow">Number of don't-know answers.</param>
public sealed record Distribution(int Min, int Max, IReadOnlyList<long> Counts, long DontKnow)
{
    /// <summary>Number of answers with a point.</summary>
    public long Answered => Counts.Sum();

    /// <summary>Answers with a point plus don't-know.</summary>
    public long Total => Answered + DontKnow;

    /// <exception cref="ArgumentOutOfRangeException">The point is not on the scale.</exception>
    public long CountOf(int point) =>
        point < Min || point > Max
            ? throw new ArgumentOutOfRangeException(nameof(point), point, "The point is not on the scale.")
            : Counts[point - Min];

    /// <summary>Share (0–1) of the answers with a point that chose <paramref name="point"/>; null when there are none.</summary>
    public double? ShareOf(int point)
    {
        var answered = Answered;
        return answered == 0 ? null : (double)CountOf(point) / answered;
    }
}
