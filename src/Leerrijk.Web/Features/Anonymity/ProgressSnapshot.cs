namespace Leerrijk.Web.Features.Anonymity;

/// <summary>
/// The group counts an open round's progress page may show. Counts that moved with every response would let someone
/// compare two views and see which group the latest respondent is in; so they come from a published snapshot that
/// moves only after at least k' new answers, at most once a day, and pass the same rule as the report.
/// </summary>
/// <remarks>
/// <para>
/// Computed from the day each response was stored (responses keep no finer time), so every view on the same day
/// shows the same snapshot and no table is needed: walk the days before today in order and move the snapshot to a
/// day only when at least k' responses arrived since the previous snapshot day. Responses of today never count.
/// </para>
/// <para>
/// Counts are figures too. Role and department counts of one snapshot pass <see cref="Disclosure"/> per breakdown
/// and <see cref="CrossBreakdownGuard"/> together (role minus department would otherwise tell how many of a role in
/// a small department took part); and since anyone may have seen every earlier snapshot, the guard looks at them
/// all at once, with the people of each period between snapshots as separate unknowns (managers now minus managers
/// at the previous snapshot must not single out one or two). While they leak, department counts go first, then
/// role counts. Each snapshot's decision depends only on responses up to its day, so it never changes afterwards.
/// </para>
/// </remarks>
public static class ProgressSnapshot
{
    /// <summary>What the page shows: the snapshot day (null before the first) and the counts per role and per department.</summary>
    public sealed record Published(DateOnly? Day, IReadOnlyList<SmallGroupSuppression.GroupCount> ByRole, IReadOnlyList<SmallGroupSuppression.GroupCount> ByDepartment);

    /// <summary>Every snapshot day up to today, in order.</summary>
    /// <param name="responsesPerDay">How many responses were stored on each day (any order; days may repeat).</param>
    /// <param name="today">Today in the round's time zone; its responses never count.</param>
    /// <param name="threshold">k', the effective threshold (<see cref="EffectiveThreshold"/>).</param>
    public static IReadOnlyList<DateOnly> Days(IEnumerable<(DateOnly Day, int Count)> responsesPerDay, DateOnly today, int threshold)
    {
        ArgumentNullException.ThrowIfNull(responsesPerDay);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        var days = new List<DateOnly>();
        var since = 0;
        foreach (var (day, count) in responsesPerDay.Where(d => d.Day < today).GroupBy(d => d.Day).Select(g => (g.Key, g.Sum(x => x.Count))).OrderBy(d => d.Key))
        {
            since += count;
            if (since >= threshold)
            {
                days.Add(day);
                since = 0;
            }
        }

        return days;
    }

    /// <summary>The counts the page shows today.</summary>
    /// <param name="responses">Responses per day, role and department ("" = department not stated).</param>
    /// <param name="roles">The round's roles, in page order.</param>
    /// <param name="departments">The round's departments in page order, "" (not stated) included; empty when the round has none.</param>
    /// <param name="today">Today in the round's time zone.</param>
    /// <param name="threshold">k', the effective threshold (<see cref="EffectiveThreshold"/>).</param>
    /// <param name="readers">How many who can see the page may have answered: r in k' = k + r (see <see cref="CrossBreakdownGuard.Leaks"/>).</param>
    public static Published Publish(
        IReadOnlyList<(DateOnly Day, string Role, string Department, int Count)> responses,
        IReadOnlyList<string> roles,
        IReadOnlyList<string> departments,
        DateOnly today,
        int threshold,
        int readers)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(departments);
        var days = Days(responses.Select(r => (r.Day, r.Count)), today, threshold);
        var hidden = new Published(null, roles.Select(r => new SmallGroupSuppression.GroupCount(r, null)).ToList(), departments.Select(d => new SmallGroupSuppression.GroupCount(d, null)).ToList());
        if (days.Count == 0)
        {
            return hidden;
        }

        // Unknowns: people per role, department and period (period p = after snapshot p − 1, up to snapshot p).
        int PeriodOf(DateOnly day)
        {
            var p = 0;
            while (p < days.Count && day > days[p])
            {
                p++;
            }

            return p;
        }

        static string Column(string role, string department, int period) =>
            string.Join('\u001f', role, department, period.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var people = responses.Where(r => r.Day <= days[^1])
            .Select(r => (r.Role, r.Department, Period: PeriodOf(r.Day), r.Count))
            .ToList();
        var shownBefore = new List<IReadOnlySet<string>>();
        var published = hidden;
        for (var s = 0; s < days.Count; s++)
        {
            var upTo = people.Where(p => p.Period <= s).ToList();
            var cellN = upTo.GroupBy(p => Column(p.Role, p.Department, p.Period)).ToDictionary(g => g.Key, g => (long)g.Sum(p => p.Count), StringComparer.Ordinal);
            IReadOnlySet<string> Set(Func<string, string, bool> member) =>
                upTo.Where(p => member(p.Role, p.Department)).Select(p => Column(p.Role, p.Department, p.Period)).ToHashSet(StringComparer.Ordinal);

            var byRole = SmallGroupSuppression.Counts(roles.Select(r => (r, upTo.Where(p => p.Role == r).Sum(p => p.Count))).ToList(), threshold);
            var byDepartment = departments.Count == 0
                ? []
                : SmallGroupSuppression.Counts(departments.Select(d => (d, upTo.Where(p => p.Department == d).Sum(p => p.Count))).ToList(), threshold);

            List<IReadOnlySet<string>> Shown(IReadOnlyList<SmallGroupSuppression.GroupCount> r, IReadOnlyList<SmallGroupSuppression.GroupCount> d)
            {
                // The live total is on the page every day, so each snapshot's whole counts as shown.
                List<IReadOnlySet<string>> shown = [.. shownBefore, Set((_, _) => true)];
                shown.AddRange(r.Where(g => !g.Hidden).Select(g => Set((role, _) => role == g.Group)));
                shown.AddRange(d.Where(g => !g.Hidden).Select(g => Set((_, department) => department == g.Group)));
                return shown;
            }

            static IReadOnlyList<SmallGroupSuppression.GroupCount> Hide(IReadOnlyList<SmallGroupSuppression.GroupCount> groups) =>
                groups.Select(g => g with { Count = null }).ToList();
            if (CrossBreakdownGuard.Leaks(cellN, Shown(byRole, byDepartment), threshold, readers: readers))
            {
                byDepartment = Hide(byDepartment);
                if (CrossBreakdownGuard.Leaks(cellN, Shown(byRole, byDepartment), threshold, readers: readers))
                {
                    byRole = Hide(byRole);
                }
            }

            shownBefore = Shown(byRole, byDepartment);
            published = new Published(days[s], byRole, byDepartment);
        }

        return published;
    }
}
