namespace Leerrijk.Scoring;

/// <summary>Converts a mean on a Likert scale to Leerrijk's 0–100 dimension score.</summary>
/// <remarks>
/// The scoring engine (issue "Instrument engine") grows here; this first piece fixes the convention every
/// report uses: the lowest answer is 0, the highest is 100, linearly in between.
/// </remarks>
public static class ScoreScale
{
    public static double ToScore(double mean, int points)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        if (double.IsNaN(mean) || mean < 1 || mean > points)
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, $"A mean on a {points}-point scale lies between 1 and {points}.");
        }

        return (mean - 1) / (points - 1) * 100;
    }
}
