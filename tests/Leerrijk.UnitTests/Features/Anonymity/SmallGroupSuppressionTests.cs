using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Leerrijk.Web.Features.Anonymity;

namespace Leerrijk.UnitTests.Features.Anonymity;

public sealed class SmallGroupSuppressionTests
{
    private static int?[] Shown(int k, params (string, int)[] groups) =>
        SmallGroupSuppression.Counts(groups, k).Select(g => g.Count).ToArray();

    [Fact]
    public void Groups_of_at_least_k_are_shown()
    {
        Assert.Equal([5, 6], Shown(5, ("A", 5), ("B", 6)));
    }

    [Fact]
    public void A_small_group_is_hidden_and_so_is_the_smallest_other_group_needed_to_stop_subtraction()
    {
        // Total 15: showing A (6) and B (7) would reveal C = 2. Hiding A as well leaves 8 hidden, which is safe.
        Assert.Equal([null, 7, null], Shown(5, ("A", 6), ("B", 7), ("C", 2)));
    }

    [Fact]
    public void With_two_groups_one_small_group_hides_both()
    {
        Assert.Equal([null, null], Shown(5, ("Werkplaats", 9), ("Kantoor", 3)));
    }

    [Fact]
    public void Two_small_groups_that_together_reach_k_hide_only_themselves()
    {
        Assert.Equal([null, null, 12], Shown(5, ("A", 3), ("B", 4), ("C", 12)));
    }

    [Fact]
    public void An_empty_group_reveals_nobody_and_stays_visible()
    {
        Assert.Equal([10, 0], Shown(5, ("A", 10), ("B", 0)));
    }

    [Fact]
    public void A_threshold_below_three_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SmallGroupSuppression.Counts([("A", 10)], 2));
    }

    [Property]
    public Property No_shown_count_is_below_k_and_the_hidden_ones_add_up_to_k_or_more()
    {
        var groups = Gen.Choose(0, 15).ListOf().Where(l => l.Count is > 0 and < 8);
        var thresholds = Gen.Choose(3, 8);
        return Prop.ForAll(groups.ToArbitrary(), thresholds.ToArbitrary(), (counts, k) =>
        {
            var input = counts.Select((c, i) => ($"g{i}", c)).ToList();
            var output = SmallGroupSuppression.Counts(input, k);
            var shownOk = output.All(g => g.Count is null or 0 || g.Count >= k);
            var hiddenTotal = output.Where(g => g.Hidden).Sum(g => input.Single(x => x.Item1 == g.Group).c);
            // Below k in hidden groups is only possible when all respondents together are fewer than k: then
            // nothing is left to hide (reports show no groups at all in that case).
            return shownOk && (hiddenTotal == 0 || hiddenTotal >= k || hiddenTotal == counts.Sum());
        });
    }
}
