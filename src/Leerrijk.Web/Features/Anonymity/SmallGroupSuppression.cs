namespace Leerrijk.Web.Features.Anonymity;

/// <summary>
/// Group counts for pages that show only how many people responded per group (the round's progress page). The rule
/// itself lives in <see cref="Disclosure"/> and <see cref="CrossBreakdownGuard"/>, so counts and report figures are
/// hidden alike.
/// </summary>
public static class SmallGroupSuppression
{
    /// <summary>A group's count as it may be shown; <see cref="Count"/> is null where it must read "fewer than k".</summary>
    public sealed record GroupCount(string Group, int? Count)
    {
        public bool Hidden => Count is null;
    }

    /// <summary>The counts per role and per department that a progress page may show side by side.</summary>
    /// <param name="ByRole">One entry per role.</param>
    /// <param name="ByDepartment">One entry per department (empty when the round has none).</param>
    public sealed record Progress(IReadOnlyList<GroupCount> ByRole, IReadOnlyList<GroupCount> ByDepartment);

    /// <summary>
    /// The counts that may be shown for one attribute on its own. The groups must cover every respondent (list "not
    /// stated" as a group), because the page shows their sum as the total.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">k is below <see cref="AnonymityOptions.LowestThreshold"/>.</exception>
    public static IReadOnlyList<GroupCount> Counts(IReadOnlyList<(string Group, int Count)> groups, int k)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var plan = new Disclosure(k).Plan("", groups.Sum(g => g.Count), groups);
        return plan.Groups.Select(g => new GroupCount(g.Group, g.Count)).ToList();
    }

    /// <summary>
    /// Counts per role and per department shown side by side: each breakdown passes <see cref="Disclosure"/> on its
    /// own, and both together pass <see cref="CrossBreakdownGuard"/>, because counts are figures too (role minus
    /// department would otherwise tell how many of a role in a small department took part). While they leak, the
    /// department counts go first, then the role counts.
    /// </summary>
    /// <param name="people">Respondents per combination of role and department ("" = department not stated).</param>
    /// <param name="roles">The round's roles, in page order.</param>
    /// <param name="departments">The round's departments in page order, "" (not stated) included; empty when the round has none.</param>
    /// <param name="k">The effective threshold (<see cref="EffectiveThreshold"/>).</param>
    public static Progress CountsSideBySide(
        IReadOnlyList<(string Role, string Department, int Count)> people, IReadOnlyList<string> roles, IReadOnlyList<string> departments, int k)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(departments);
        var byRole = Counts(roles.Select(r => (r, people.Where(p => p.Role == r).Sum(p => p.Count))).ToList(), k);
        var byDepartment = departments.Count == 0
            ? []
            : Counts(departments.Select(d => (d, people.Where(p => p.Department == d).Sum(p => p.Count))).ToList(), k);

        var cellN = people.GroupBy(p => (p.Role, p.Department))
            .ToDictionary(g => g.Key.Role + "\u001f" + g.Key.Department, g => (long)g.Sum(p => p.Count), StringComparer.Ordinal);
        IReadOnlySet<string> Cells(Func<string, string, bool> member) =>
            people.Where(p => member(p.Role, p.Department)).Select(p => p.Role + "\u001f" + p.Department).ToHashSet(StringComparer.Ordinal);
        bool Leaks(IReadOnlyList<GroupCount> r, IReadOnlyList<GroupCount> d)
        {
            // The page shows the sum of each list as the total, so the whole round is a shown set as well.
            List<IReadOnlySet<string>> shown = [Cells((_, _) => true)];
            shown.AddRange(r.Where(g => !g.Hidden).Select(g => Cells((role, _) => role == g.Group)));
            shown.AddRange(d.Where(g => !g.Hidden).Select(g => Cells((_, department) => department == g.Group)));
            return CrossBreakdownGuard.Leaks(cellN, shown, k);
        }

        IReadOnlyList<GroupCount> Hide(IReadOnlyList<GroupCount> groups) => groups.Select(g => g with { Count = null }).ToList();
        if (Leaks(byRole, byDepartment))
        {
            byDepartment = Hide(byDepartment);
            if (Leaks(byRole, byDepartment))
            {
                byRole = Hide(byRole);
            }
        }

        return new Progress(byRole, byDepartment);
    }
}
