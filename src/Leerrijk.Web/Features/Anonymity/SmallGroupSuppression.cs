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
}
