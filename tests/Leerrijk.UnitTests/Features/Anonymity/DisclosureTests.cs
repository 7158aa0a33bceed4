using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Leerrijk.Web.Features.Anonymity;

namespace Leerrijk.UnitTests.Features.Anonymity;

public sealed class DisclosureTests
{
    private static readonly Disclosure K5 = new(5);
    private static readonly Disclosure K3 = new(3);

    private static Visibility[] States(BreakdownPlan plan) => plan.Groups.Select(g => g.Visibility).ToArray();

    private static Visibility[] States(FigureVisibility figure) => figure.Groups.Select(g => g.Visibility).ToArray();

    private static Dictionary<string, int> N(params (string Group, int N)[] groups) =>
        groups.ToDictionary(g => g.Group, g => g.N, StringComparer.Ordinal);

    private const Visibility S = Visibility.Shown;
    private const Visibility H = Visibility.Hidden;
    private const Visibility E = Visibility.Empty;

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_threshold_below_three_is_refused(int k)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Disclosure(k));
    }

    [Fact]
    public void A_threshold_of_three_or_more_is_accepted()
    {
        Assert.Equal(3, new Disclosure(3).Threshold);
        Assert.Equal(10, new Disclosure(10).Threshold);
    }

    [Fact]
    public void A_four_person_firm_shows_nothing()
    {
        Assert.False(K5.MayShowTotal(4));
        Assert.False(K5.MayShowFigure(4));
        Assert.False(K5.BreakdownsAllowed(4));
        Assert.False(K5.MayShowComments(4));

        var plan = K5.Plan("role", 4, [("Employee", 3), ("Owner", 1)]);
        Assert.False(plan.IsAvailable);
        var figure = K5.For(plan, N(("Employee", 3), ("Owner", 1)), 4);
        Assert.False(figure.WholeShown);
        Assert.Null(figure.WholeCount);
        Assert.All(figure.Groups, g => Assert.Null(g.Count));
    }

    [Fact]
    public void A_seven_person_firm_with_two_departments_shows_the_company_total_only()
    {
        Assert.True(K5.MayShowTotal(7));
        Assert.False(K5.BreakdownsAllowed(7));

        // Even the department of five, which is at k, stays hidden: small-firm mode.
        var plan = K5.Plan("department", 7, [("Werkplaats", 5), ("Kantoor", 2)]);
        Assert.False(plan.IsAvailable);
        Assert.Equal([H, H], States(plan));

        var figure = K5.For(plan, N(("Werkplaats", 5), ("Kantoor", 2)), 7);
        Assert.Equal(7, figure.WholeCount);
        Assert.Equal([H, H], States(figure));
    }

    [Fact]
    public void Small_firm_mode_also_hides_empty_groups()
    {
        var plan = K5.Plan("department", 9, [("A", 9), ("B", 0)]);
        Assert.Equal([H, H], States(plan));
    }

    [Fact]
    public void Breakdowns_start_at_twice_k()
    {
        Assert.False(K5.BreakdownsAllowed(9));
        Assert.True(K5.BreakdownsAllowed(10));
        Assert.False(K3.BreakdownsAllowed(5));
        Assert.True(K3.BreakdownsAllowed(6));
    }

    [Fact]
    public void With_k_three_the_boundaries_are_exact()
    {
        Assert.False(K3.MayShowTotal(2));
        Assert.True(K3.MayShowTotal(3));
        Assert.False(K3.MayShowFigure(2));
        Assert.True(K3.MayShowFigure(3));

        Assert.Equal([S, S], States(K3.Plan("role", 6, [("Employee", 3), ("Manager", 3)])));
        Assert.Equal([H, H], States(K3.Plan("role", 6, [("Employee", 4), ("Manager", 2)])));
        Assert.Equal([H, H], States(K3.Plan("role", 5, [("Employee", 3), ("Manager", 2)])));
    }

    [Fact]
    public void A_group_of_exactly_k_is_shown_with_its_count()
    {
        var plan = K5.Plan("role", 10, [("Employee", 5), ("Manager", 5)]);
        Assert.Equal([S, S], States(plan));
        Assert.Equal([5, 5], plan.Groups.Select(g => g.Count));
        Assert.True(plan.IsAvailable);
    }

    [Fact]
    public void One_group_of_one_forces_the_next_smallest_sibling_hidden()
    {
        // Showing A and B would give the owner away as 20 − 12 − 7 = 1.
        var plan = K5.Plan("role", 20, [("Employee", 12), ("Manager", 7), ("Owner", 1)]);
        Assert.Equal([S, H, H], States(plan));
        Assert.Equal([12, null, null], plan.Groups.Select(g => g.Count));
    }

    [Fact]
    public void Siblings_are_hidden_until_the_hidden_groups_hold_k()
    {
        // 1 + 2 = 3 hidden: still under 5, so the smallest shown group (6) goes as well, leaving 9 hidden.
        var plan = K5.Plan("department", 30, [("A", 21), ("B", 6), ("C", 1), ("D", 2)]);
        Assert.Equal([S, H, H, H], States(plan));
    }

    [Fact]
    public void Ties_between_smallest_siblings_hide_the_first_listed()
    {
        var plan = K5.Plan("department", 20, [("A", 8), ("B", 8), ("C", 4)]);
        Assert.Equal([H, S, H], States(plan));
    }

    [Fact]
    public void Respondents_without_a_department_are_a_remainder_that_must_be_zero_or_at_least_k()
    {
        // 20 − 10 − 8 = 2 did not state a department: showing both would reveal those two. Hiding B leaves 10.
        Assert.Equal([S, H], States(K5.Plan("department", 20, [("A", 10), ("B", 8)])));

        // No remainder, or a remainder of k or more, needs nothing hidden.
        Assert.Equal([S, S], States(K5.Plan("department", 18, [("A", 10), ("B", 8)])));
        Assert.Equal([S, S], States(K5.Plan("department", 23, [("A", 10), ("B", 8)])));
    }

    [Fact]
    public void When_only_hiding_everything_is_safe_the_breakdown_is_left_out()
    {
        // Two people did not state a department; the only way to protect them is to hide the one department too.
        var plan = K5.Plan("department", 12, [("A", 10)]);
        Assert.False(plan.IsAvailable);
        Assert.Equal([H], States(plan));
    }

    [Fact]
    public void Empty_groups_read_as_empty_when_nothing_else_is_hidden()
    {
        var plan = K5.Plan("department", 20, [("A", 10), ("B", 0), ("C", 10)]);
        Assert.Equal([S, E, S], States(plan));
        Assert.Equal([10, 0, 10], plan.Groups.Select(g => g.Count));
    }

    [Fact]
    public void Empty_groups_are_hidden_next_to_hidden_groups_so_hidden_never_means_at_least_one()
    {
        // Were E shown as empty, B, C and D would each be known to hold at least one of the 3 hidden: exactly one.
        var plan = K3.Plan("department", 10, [("A", 7), ("B", 1), ("C", 1), ("D", 1), ("E", 0)]);
        Assert.Equal([S, H, H, H, H], States(plan));
    }

    [Fact]
    public void The_issue_example_hides_the_managers_for_a_figure_built_on_four_of_them()
    {
        // The round: 16 employees, 6 managers, 5 did not give a role; both groups may appear.
        var plan = K5.Plan("role", 27, [("Employee", 16), ("Manager", 6)]);
        Assert.Equal([S, S], States(plan));

        // Dimension X: 20 answered, 15 employees, 4 managers, 1 without a role. 20 − 15 = 5 hides managers and
        // the one without a role together, which is k.
        var x = K5.For(plan, N(("Employee", 15), ("Manager", 4)), 20);
        Assert.Equal(20, x.WholeCount);
        Assert.Equal([S, H], States(x));
        Assert.Equal(15, x.Groups[0].Count);

        // Dimension Y: 20 answered, 16 employees, 4 managers: 20 − 16 = 4 would expose the managers, so the
        // employees' figure goes too and only the company figure remains.
        var y = K5.For(plan, N(("Employee", 16), ("Manager", 4)), 20);
        Assert.Equal(20, y.WholeCount);
        Assert.Equal([H, H], States(y));
    }

    [Fact]
    public void A_group_the_plan_hides_stays_hidden_in_every_figure()
    {
        // The manager group of 6 is hidden to protect the owner; it stays hidden where its figure has 6 answers.
        var plan = K5.Plan("role", 20, [("Employee", 12), ("Manager", 6), ("Owner", 2)]);
        Assert.Equal([S, H, H], States(plan));
        var figure = K5.For(plan, N(("Employee", 12), ("Manager", 6), ("Owner", 0)), 18);
        Assert.Equal([S, H, H], States(figure));
    }

    [Fact]
    public void A_figure_whose_whole_is_under_k_shows_no_group_either()
    {
        var plan = K5.Plan("role", 20, [("Employee", 10), ("Manager", 10)]);
        var figure = K5.For(plan, N(("Employee", 4)), 4);
        Assert.False(figure.WholeShown);
        Assert.Equal([H, H], States(figure));
    }

    [Fact]
    public void A_group_nobody_answered_a_figure_for_reads_as_empty_only_when_nothing_is_hidden()
    {
        var plan = K5.Plan("role", 20, [("Employee", 10), ("Manager", 10)]);
        Assert.Equal([S, E], States(K5.For(plan, N(("Employee", 8)), 8)));

        var three = K5.Plan("department", 30, [("A", 10), ("B", 10), ("C", 10)]);
        Assert.Equal([H, H, H], States(K5.For(three, N(("A", 9), ("B", 2)), 11)));
    }

    [Fact]
    public void Related_figures_hide_a_group_in_all_of_them_when_one_hides_it()
    {
        var plan = K5.Plan("role", 30, [("Employee", 12), ("Manager", 9), ("Hr", 9)]);
        var dimension = new FigureCounts(N(("Employee", 12), ("Manager", 9), ("Hr", 9)), 30);
        var item = new FigureCounts(N(("Employee", 12), ("Manager", 9), ("Hr", 2)), 23);

        // On its own the dimension shows all three; the item hides Hr (2) and Manager as its complement.
        Assert.Equal([S, S, S], States(K5.For(plan, dimension.PerGroup, dimension.Whole)));
        Assert.Equal([S, H, H], States(K5.For(plan, item.PerGroup, item.Whole)));

        // Together, the dimension must hide Manager too, or its score and the other items would give the item back.
        var both = K5.ForRelated(plan, [dimension, item]);
        Assert.Equal([S, H, H], States(both[0]));
        Assert.Equal([S, H, H], States(both[1]));
    }

    [Fact]
    public void A_related_figure_on_fewer_than_k_takes_the_smallest_other_and_every_breakdown_with_it()
    {
        var plan = K5.Plan("role", 30, [("Employee", 12), ("Manager", 9), ("Hr", 9)]);
        var dimension = new FigureCounts(N(("Employee", 12), ("Manager", 9), ("Hr", 9)), 30);
        var common = new FigureCounts(N(("Employee", 12), ("Manager", 9), ("Hr", 9)), 30);
        var rare = new FigureCounts(N(("Employee", 2), ("Manager", 1)), 3);

        // Three answered the rare item: with everyone answering the same number of items, the dimension and the
        // common item would give it back. Hiding the common item too (the later of the two tied at 30) leaves
        // one sum over at least k people.
        var family = K5.ForRelated(plan, [dimension, common, rare]);
        Assert.Equal([30, null, null], family.Select(f => f.WholeCount));
        Assert.All(family, f => Assert.All(f.Groups, g => Assert.Equal(Visibility.Hidden, g.Visibility)));

        Assert.Equal([true, false, false], K5.MayShowRelated([30, 30, 3]));
        Assert.Equal([true, false, false], K5.MayShowRelated([30, 20, 3]));
        Assert.Equal([true, true, false], K5.MayShowRelated([30, 20, 0]));
        Assert.Equal([false], K5.MayShowRelated([3]));
        Assert.Equal([false, false], K5.MayShowRelated([4, 3]));
    }

    [Fact]
    public void Comparisons_between_rounds_need_both_at_or_above_their_own_k()
    {
        Assert.True(K5.MayCompare(5, K5, 5));
        Assert.False(K5.MayCompare(5, K5, 4));
        Assert.False(K5.MayCompare(4, K5, 20));

        // The earlier round promised k = 8 to its respondents; seven of them are not enough.
        Assert.False(K5.MayCompare(20, new Disclosure(8), 7));
        Assert.True(K5.MayCompare(20, new Disclosure(8), 8));
    }

    [Fact]
    public void A_group_trend_needs_the_group_shown_in_both_rounds()
    {
        var now = K5.Plan("role", 20, [("Employee", 10), ("Manager", 10)]);
        var before = K5.Plan("role", 20, [("Employee", 16), ("Manager", 4)]);
        var figureNow = K5.For(now, N(("Employee", 10), ("Manager", 10)), 20);
        var figureBefore = K5.For(before, N(("Employee", 16), ("Manager", 4)), 20);

        Assert.False(Disclosure.MayCompare(figureNow, figureBefore, "Manager"));
        Assert.False(Disclosure.MayCompare(figureNow, figureBefore, "Employee"));
        Assert.True(Disclosure.MayCompare(figureNow, figureNow, "Manager"));
        Assert.False(Disclosure.MayCompare(figureNow, figureBefore, "Owner"));
    }

    [Fact]
    public void A_perception_gap_needs_both_groups_shown()
    {
        var plan = K5.Plan("role", 30, [("Employee", 15), ("Manager", 6), ("Owner", 1), ("Hr", 8)]);
        var figure = K5.For(plan, N(("Employee", 15), ("Manager", 6), ("Owner", 1), ("Hr", 8)), 30);
        Assert.Equal([S, H, H, S], States(figure));

        Assert.True(Disclosure.MayShowGap(figure, "Employee", "Hr"));
        Assert.False(Disclosure.MayShowGap(figure, "Employee", "Manager"));
        Assert.False(Disclosure.MayShowGap(figure, "Owner", "Employee"));
        Assert.False(Disclosure.MayShowGap(figure, "Employee", "Employee"));
    }

    [Theory]
    [InlineData(3, 9, false)]
    [InlineData(3, 10, true)]
    [InlineData(5, 9, false)]
    [InlineData(5, 10, true)]
    [InlineData(10, 10, true)]
    [InlineData(12, 11, false)]
    [InlineData(12, 12, true)]
    public void Open_answers_need_max_of_k_and_ten_respondents(int k, int respondents, bool shown)
    {
        Assert.Equal(Math.Max(k, 10), new Disclosure(k).CommentThreshold);
        Assert.Equal(shown, new Disclosure(k).MayShowComments(respondents));
    }

    [Fact]
    public void Ordering_comments_keeps_every_comment_including_duplicates()
    {
        string[] comments = ["a", "b", "b", "c", "", "d"];
        var ordered = Disclosure.OrderComments(comments);
        Assert.Equal(comments.Order(StringComparer.Ordinal), ordered.Order(StringComparer.Ordinal));
        Assert.Empty(Disclosure.OrderComments([]));
    }

    [Fact]
    public void Ordered_comments_do_not_follow_the_submission_order()
    {
        // Spearman's rho between submission position and position on screen. Over 1,000 comments a fair shuffle
        // exceeds |rho| = 0.1 about once in 600 runs; with 10,000 the bound is ten standard deviations out.
        const int count = 10_000;
        var comments = Enumerable.Range(0, count).Select(i => i.ToString("D5", CultureInfo.InvariantCulture)).ToArray();
        var ordered = Disclosure.OrderComments(comments);

        var sumOfSquares = 0.0;
        for (var position = 0; position < count; position++)
        {
            var submitted = int.Parse(ordered[position], CultureInfo.InvariantCulture);
            sumOfSquares += Math.Pow(position - submitted, 2);
        }

        var rho = 1 - 6 * sumOfSquares / (count * ((double)count * count - 1));
        Assert.True(Math.Abs(rho) < 0.1, $"rho = {rho}");

        // And not the same order twice, which a fixed seed would give.
        Assert.NotEqual(ordered, Disclosure.OrderComments(comments));
    }

    [Fact]
    public void Impossible_counts_are_refused()
    {
        Assert.Throws<ArgumentException>(() => K5.Plan("role", 10, [("A", 5), ("A", 5)]));
        Assert.Throws<ArgumentException>(() => K5.Plan("role", 10, [("A", -1)]));
        Assert.Throws<ArgumentException>(() => K5.Plan("role", 10, [("A", 6), ("B", 6)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => K5.Plan("role", -1, []));

        var plan = K5.Plan("role", 20, [("A", 10), ("B", 8)]);
        Assert.Throws<ArgumentException>(() => K5.For(plan, N(("A", 11)), 15));
        Assert.Throws<ArgumentException>(() => K5.For(plan, N(("C", 1)), 15));
        Assert.Throws<ArgumentException>(() => K5.For(plan, N(("A", 10), ("B", 8)), 17));
        Assert.Throws<ArgumentException>(() => K5.For(plan, N(("A", 5)), 21));
        Assert.Throws<ArgumentException>(() => K5.For(plan, N(("A", 5)), 8)); // 3 without a group, but only 2 exist
        Assert.Throws<ArgumentException>(() => new Disclosure(6).For(plan, N(("A", 10)), 10));
    }

    [Fact]
    public void Progress_counts_follow_the_same_rule()
    {
        Assert.Equal([12, null, null], SmallGroupSuppression.Counts([("Employee", 12), ("Manager", 7), ("Owner", 1)], 5).Select(g => g.Count));
        Assert.All(SmallGroupSuppression.Counts([("Werkplaats", 5), ("Kantoor", 2)], 5), g => Assert.True(g.Hidden));
    }

    [Property(MaxTest = 2000)]
    public Property A_differencing_attacker_recovers_no_group_of_1_to_k_minus_1()
    {
        return Prop.ForAll(Organisations.Any.ToArbitrary(), org =>
        {
            var problems = DifferencingAttacker.Attack(org);
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        });
    }

    [Property(MaxTest = 1000)]
    public Property Groups_of_k_or_more_are_all_shown_when_nothing_needs_protecting()
    {
        var cases =
            from k in Gen.Choose(3, 10)
            from sizes in Gen.OneOf(Gen.Constant(0), Gen.Choose(k, 40)).ArrayOf()
            from remainder in Gen.OneOf(Gen.Constant(0), Gen.Choose(k, 20))
            where sizes.Sum() + remainder >= 2 * k
            select (k, sizes, remainder);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var groups = c.sizes.Select((n, g) => ("g" + g.ToString(CultureInfo.InvariantCulture), n)).ToList();
            var plan = new Disclosure(c.k).Plan("a", c.sizes.Sum() + c.remainder, groups);
            Assert.All(plan.Groups, g => Assert.NotEqual(Visibility.Hidden, g.Visibility));
        });
    }
}
