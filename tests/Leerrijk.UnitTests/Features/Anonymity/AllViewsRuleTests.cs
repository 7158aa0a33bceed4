using Leerrijk.Web.Features.Anonymity;

namespace Leerrijk.UnitTests.Features.Anonymity;

/// <summary>The parts of the rule that look at every view together: k' = k + r, raw rows, readers alone in their cell.</summary>
public sealed class AllViewsRuleTests
{
    private static HashSet<string> Set(params string[] cells) => new(cells, StringComparer.Ordinal);

    [Fact]
    public void The_effective_threshold_adds_one_for_every_reader()
    {
        Assert.Equal(6, EffectiveThreshold.Of(5, 1));
        Assert.Equal(5, EffectiveThreshold.Of(5, 0));
        Assert.Equal(8, EffectiveThreshold.Disclosure(3, 5).Threshold);
        Assert.Throws<ArgumentOutOfRangeException>(() => EffectiveThreshold.Of(5, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => EffectiveThreshold.Of(2, 4));
    }

    [Fact]
    public void Raw_rows_are_released_only_when_every_cell_of_the_shown_attributes_holds_0_or_k()
    {
        var rule = new Disclosure(6);
        (IReadOnlyList<string>, long) Cell(long n, params string[] values) => (values, n);

        Assert.True(rule.MayReleaseRawRows([Cell(17)]));
        Assert.True(rule.MayReleaseRawRows([Cell(10, "Employee", "Werkplaats"), Cell(6, "Manager", "Werkplaats"), Cell(0, "Manager", "Kantoor")]));
        Assert.False(rule.MayReleaseRawRows([Cell(7, "Werkplaats"), Cell(5, "Kantoor"), Cell(2, "Buiten"), Cell(3, "")]));

        // People given one by one add up per combination of values.
        Assert.True(rule.MayReleaseRawRows(Enumerable.Repeat(Cell(1, "Werkplaats"), 6)));
        Assert.False(rule.MayReleaseRawRows(Enumerable.Repeat(Cell(1, "Werkplaats"), 5)));
    }

    [Fact]
    public void A_reader_alone_in_his_cell_makes_group_minus_me_a_known_difference()
    {
        // Leaders = the one manager with 1-5 years (the reader) plus 5 managers with less than a year; less than a
        // year = those 5 plus one employee. Leaders minus me gives the 5; less than a year minus them, the employee.
        var cells = new Dictionary<string, long> { ["M|1-5"] = 1, ["M|lt1"] = 5, ["E|lt1"] = 1, ["E|5-10"] = 6 };
        IReadOnlySet<string>[] shown = [Set("M|1-5", "M|lt1", "E|lt1", "E|5-10"), Set("M|1-5", "M|lt1"), Set("M|lt1", "E|lt1")];

        Assert.False(CrossBreakdownGuard.Leaks(cells, shown, 6));
        Assert.True(CrossBreakdownGuard.Leaks(cells, shown, 6, readers: 1));
    }

    [Fact]
    public void Progress_counts_are_empty_before_the_first_snapshot_and_ignore_today()
    {
        var today = new DateOnly(2026, 12, 2);
        (DateOnly, string, string, int)[] responses = [(today, "Employee", "", 20)];

        var page = ProgressSnapshot.Publish(responses, ["Employee"], [], today, 6, 1);

        Assert.Null(page.Day);
        Assert.All(page.ByRole, g => Assert.True(g.Hidden));
        Assert.Equal(today, ProgressSnapshot.Publish(responses, ["Employee"], [], today.AddDays(1), 6, 1).Day);
    }
}
