namespace Leerrijk.Web.Features.Anonymity;

/// <summary>
/// The anonymity rule for group figures, in one place: no number about a group of fewer than k respondents is shown,
/// and when a group is hidden, the smallest other groups are hidden with it until the hidden ones together hold at
/// least k, so no hidden group can be worked out by subtracting the shown groups from the total.
/// </summary>
public static class SmallGroupSuppression
{
    /// <summary>A group's count as it may be shown; <see cref="Count"/> is null where it must read "fewer than k".</summary>
    public sealed record GroupCount(string Group, int? Count)
    {
        public bool Hidden => Count is null;
    }

    public static IReadOnlyList<GroupCount> Counts(IReadOnlyList<(string Group, int Count)> groups, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, AnonymityOptions.LowestThreshold);

        // An empty group reveals nobody; every other group under k is hidden.
        var hidden = groups.Select(g => g.Count is > 0 && g.Count < k).ToArray();
        int HiddenTotal() => groups.Where((g, i) => hidden[i]).Sum(g => g.Count);

        // Complementary suppression: total minus the shown groups must not reveal a group under k.
        while (HiddenTotal() is > 0 and var total && total < k)
        {
            var next = groups
                .Select((g, i) => (g.Count, i))
                .Where(x => !hidden[x.i] && x.Count > 0)
                .OrderBy(x => x.Count)
                .Select(x => (int?)x.i)
                .FirstOrDefault();
            if (next is null)
            {
                break;
            }

            hidden[next.Value] = true;
        }

        return groups.Select((g, i) => new GroupCount(g.Group, hidden[i] ? null : g.Count)).ToList();
    }
}
