using Leerrijk.Web.Features.Anonymity;

namespace Leerrijk.UnitTests.Features.Anonymity;

/// <summary>Two breakdowns that are each safe can still be subtracted from each other; the guard must see it.</summary>
public sealed class CrossBreakdownGuardTests
{
    [Fact]
    public void Productie_minus_employees_is_the_one_manager_in_productie()
    {
        var cells = new Dictionary<string, long> { ["E·P"] = 15, ["M·P"] = 1, ["M·K"] = 5 };
        HashSet<string> whole = ["E·P", "M·P", "M·K"], employees = ["E·P"], managers = ["M·P", "M·K"], productie = ["E·P", "M·P"], kantoor = ["M·K"];

        Assert.False(CrossBreakdownGuard.Leaks(cells, [whole, employees, managers], 5));
        Assert.False(CrossBreakdownGuard.Leaks(cells, [whole, productie, kantoor], 5));
        Assert.True(CrossBreakdownGuard.Leaks(cells, [whole, employees, managers, productie, kantoor], 5));
    }

    [Fact]
    public void Crossed_groups_of_k_or_more_everywhere_do_not_leak()
    {
        var cells = new Dictionary<string, long> { ["E·P"] = 6, ["E·K"] = 7, ["M·P"] = 5, ["M·K"] = 8 };
        HashSet<string> whole = [.. cells.Keys], e = ["E·P", "E·K"], m = ["M·P", "M·K"], p = ["E·P", "M·P"], k = ["E·K", "M·K"];

        Assert.False(CrossBreakdownGuard.Leaks(cells, [whole, e, m, p, k], 5));
    }

    [Fact]
    public void Agrees_with_trying_every_subset_on_thousands_of_small_random_cases()
    {
        var random = new Random(20261123);
        for (var run = 0; run < 2000; run++)
        {
            var k = random.Next(3, 7);
            var cellCount = random.Next(1, 8);
            var cells = Enumerable.Range(0, cellCount).ToDictionary(c => $"c{c}", _ => (long)random.Next(0, 9));
            var sets = new List<IReadOnlySet<string>> { cells.Keys.ToHashSet() };
            for (var s = random.Next(0, 5); s > 0; s--)
            {
                sets.Add(cells.Keys.Where(_ => random.Next(2) == 0).ToHashSet());
            }

            Assert.True(
                BruteForce(cells, sets, k) == CrossBreakdownGuard.Leaks(cells, sets, k),
                $"run {run}: k={k}, cells {string.Join(",", cells.Select(c => $"{c.Key}={c.Value}"))}, sets {string.Join(" | ", sets.Select(x => string.Join(",", x.Order())))}");
        }
    }

    /// <summary>Independent check: every subset of 1..k−1 people, tested by rank (is it in the span of the shown sets?).</summary>
    private static bool BruteForce(Dictionary<string, long> cells, List<IReadOnlySet<string>> sets, int k)
    {
        var keys = cells.Keys.Where(c => cells[c] > 0).Order(StringComparer.Ordinal).ToArray();
        var rows = sets.Select(s => keys.Select(c => s.Contains(c) ? 1.0 : 0.0).ToArray()).ToList();
        var rank = MatrixRank.Of(rows);
        for (var mask = 1; mask < 1 << keys.Length; mask++)
        {
            var people = keys.Where((_, i) => (mask & (1 << i)) != 0).Sum(c => cells[c]);
            if (people >= 1 && people < k && MatrixRank.Of([.. rows, keys.Select((_, i) => (mask & (1 << i)) != 0 ? 1.0 : 0.0).ToArray()]) == rank)
            {
                return true;
            }
        }

        return false;
    }
}
