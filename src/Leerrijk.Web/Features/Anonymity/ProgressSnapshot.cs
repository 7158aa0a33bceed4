namespace Leerrijk.Web.Features.Anonymity;

/// <summary>
/// The moment up to which an open round's group counts are published. Counts that moved with every response would
/// let someone compare two views and see which group the latest respondent is in; so the counts stand still until
/// at least k' new answers came in, and then move at most once a day.
/// </summary>
/// <remarks>
/// Computed from the day each response was stored (responses keep no finer time), so every view on the same day
/// shows the same snapshot and no table is needed: walk the days before today in order and move the snapshot to a
/// day only when at least k' responses arrived since the previous snapshot day. Responses of today never count.
/// </remarks>
public static class ProgressSnapshot
{
    /// <summary>The last day whose responses the group counts include, or null when no snapshot has been taken yet.</summary>
    /// <param name="responsesPerDay">How many responses were stored on each day (any order; days may repeat).</param>
    /// <param name="today">Today in the round's time zone.</param>
    /// <param name="threshold">k', the effective threshold (<see cref="EffectiveThreshold"/>).</param>
    public static DateOnly? Day(IEnumerable<(DateOnly Day, int Count)> responsesPerDay, DateOnly today, int threshold)
    {
        ArgumentNullException.ThrowIfNull(responsesPerDay);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        DateOnly? snapshot = null;
        var since = 0;
        foreach (var (day, count) in responsesPerDay.Where(d => d.Day < today).GroupBy(d => d.Day).Select(g => (g.Key, g.Sum(x => x.Count))).OrderBy(d => d.Key))
        {
            since += count;
            if (since >= threshold)
            {
                snapshot = day;
                since = 0;
            }
        }

        return snapshot;
    }
}
