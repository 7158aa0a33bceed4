using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Leerrijk.Web.Features.Anonymity;

namespace Leerrijk.UnitTests.Features.Anonymity;

/// <summary>One background attribute: each respondent's group index, or −1 for "not stated".</summary>
public sealed record Background(string Name, string[] Groups, int[] GroupOf)
{
    public int Size(int group) => GroupOf.Count(g => g == group);

    public int NotStated => GroupOf.Count(g => g < 0);
}

/// <summary>A generated organisation's round: its k, who is in which group, and who counts for which figure.</summary>
public sealed record Organisation(int K, int Respondents, Background[] Backgrounds, bool[][] Answered)
{
    public override string ToString()
    {
        var backgrounds = Backgrounds.Select(b =>
            b.Name + "[" + string.Join(",", b.Groups.Select((g, i) => g + "=" + b.Size(i).ToString(CultureInfo.InvariantCulture)))
            + ",none=" + b.NotStated.ToString(CultureInfo.InvariantCulture) + "]");
        var figures = Answered.Select((a, f) => "f" + f.ToString(CultureInfo.InvariantCulture) + ":" +
            string.Join(",", Enumerable.Range(0, Respondents).Where(r => a[r]).Select(r => r.ToString(CultureInfo.InvariantCulture))));
        return string.Create(CultureInfo.InvariantCulture, $"k={K} n={Respondents} {string.Join(" ", backgrounds)} | {string.Join(" | ", figures)}");
    }
}

/// <summary>Generates organisations of 3–60 respondents with small groups, unstated attributes and skipped questions.</summary>
public static class Organisations
{
    public static Gen<Organisation> Any =>
        from k in Gen.Choose(3, 10)
        from n in Gen.Choose(3, 60)
        from attributes in Gen.Choose(0, 3)
        from backgrounds in Gen.CollectToArray(Enumerable.Range(0, attributes), a => BackgroundOf(a, n))
        from figures in Gen.Choose(1, 4)
        from answered in Gen.CollectToArray(Enumerable.Range(0, figures), _ => AnsweredOf(n))
        select new Organisation(k, n, backgrounds, answered);

    private static Gen<Background> BackgroundOf(int attribute, int n) =>
        from groups in Gen.Choose(1, 6)
        // Many groups of 1–3 (a role with one owner and two managers), some larger, now and then an empty one.
        from sizes in Gen.Frequency((4, Gen.Choose(1, 3)), (4, Gen.Choose(4, 15)), (1, Gen.Constant(0))).ArrayOf(groups)
        from notStated in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(1, 3)), (1, Gen.Choose(4, 12)))
        from overflow in Gen.Choose(-1, groups - 1)
        from order in Gen.Shuffle(Enumerable.Range(0, n))
        select Assign(attribute, n, sizes, notStated, overflow, order);

    private static Background Assign(int attribute, int n, int[] sizes, int notStated, int overflow, int[] order)
    {
        var groupOf = new int[n];
        var slots = sizes.SelectMany((size, g) => Enumerable.Repeat(g, size)).Concat(Enumerable.Repeat(-1, notStated)).ToArray();
        for (var i = 0; i < n; i++)
        {
            groupOf[order[i]] = i < slots.Length ? slots[i] : overflow;
        }

        var names = sizes.Select((_, g) => "a" + attribute.ToString(CultureInfo.InvariantCulture) + "g" + g.ToString(CultureInfo.InvariantCulture)).ToArray();
        return new Background("a" + attribute.ToString(CultureInfo.InvariantCulture), names, groupOf);
    }

    // Per figure a share of people skips it ("don't know", not answered, too few items for a dimension score).
    private static Gen<bool[]> AnsweredOf(int n) =>
        from skipTenths in Gen.Elements(0, 0, 1, 2, 5, 9)
        from draws in Gen.Choose(0, 9).ArrayOf(n)
        select draws.Select(d => d >= skipTenths).ToArray();
}

/// <summary>
/// Looks at everything the component lets a report show (the whole's n, each shown group's n, per attribute and
/// per figure) and tries to work out a hidden group's n by subtraction and by bounds. Returns what it found.
/// </summary>
public static class DifferencingAttacker
{
    public static IReadOnlyList<string> Attack(Organisation org)
    {
        var problems = new List<string>();
        var d = new Disclosure(org.K);
        var k = org.K;
        var total = org.Respondents;
        Expect(d.MayShowTotal(total) == total >= k, "total shown below k", problems);

        var wholeN = org.Answered.Select(a => a.Count(x => x)).ToArray();
        for (var f = 0; f < wholeN.Length; f++)
        {
            Expect(d.MayShowFigure(wholeN[f]) == wholeN[f] >= k, $"figure {f} shown on {wholeN[f]}", problems);
        }

        foreach (var b in org.Backgrounds)
        {
            var sizes = b.Groups.Select((_, g) => b.Size(g)).ToArray();
            var plan = d.Plan(b.Name, total, b.Groups.Zip(sizes).ToList());
            CheckShown($"{b.Name} counts", plan.Groups, sizes, k, problems);
            if (total < 2 * k)
            {
                Expect(plan.Groups.All(g => g.Visibility == Visibility.Hidden), $"{b.Name}: a group appears in small-firm mode", problems);
            }

            // The attacker is assumed to know whether anyone can lack this attribute (a mandatory role cannot).
            var remainderPossible = b.NotStated > 0;
            if (total >= k)
            {
                Solve($"{b.Name} counts", total, plan.Groups, sizes, b.NotStated, remainderPossible, _ => null, null, k, problems);
            }

            var perFigure = org.Answered
                .Select(a => b.Groups.Select((_, g) => Enumerable.Range(0, total).Count(r => a[r] && b.GroupOf[r] == g)).ToArray())
                .ToArray();
            var counts = perFigure.Select((n, f) => new FigureCounts(
                b.Groups.Select((name, g) => (name, n[g])).Where(x => x.Item2 > 0).ToDictionary(x => x.name, x => x.Item2, StringComparer.Ordinal),
                wholeN[f])).ToList();
            var alone = counts.Select(c => d.For(plan, c.PerGroup, c.Whole)).ToList();
            var related = d.ForRelated(plan, counts);

            // Whatever the plan hides, every figure also hides; the hidden part's true sum bounds each of them.
            var planHiddenSum = total - plan.Groups.Sum(g => g.Count ?? 0);
            int? UpperBound(int g) => plan.Groups[g].IsShown ? sizes[g] : planHiddenSum;
            foreach (var (figures, label) in new[] { (alone, "alone"), (related, "related") })
            {
                for (var f = 0; f < figures.Count; f++)
                {
                    var fig = figures[f];
                    var what = $"{b.Name} figure {f} ({label})";
                    // A related figure may lose its whole to protect a family member; it never gains one.
                    Expect(label == "related" ? !fig.WholeShown || wholeN[f] >= k : fig.WholeShown == wholeN[f] >= k, $"{what}: whole shown on {wholeN[f]}", problems);
                    CheckShown(what, fig.Groups, perFigure[f], k, problems);
                    for (var g = 0; g < sizes.Length; g++)
                    {
                        Expect(fig.Groups[g].Visibility != Visibility.Shown || plan.Groups[g].IsShown, $"{what}: {b.Groups[g]} shown against the plan", problems);
                        Expect(alone[f].Groups[g].IsShown || !fig.Groups[g].IsShown, $"{what}: {b.Groups[g]} shown though hidden alone", problems);
                    }

                    if (!fig.WholeShown)
                    {
                        Expect(fig.Groups.All(g => g.Visibility == Visibility.Hidden), $"{what}: a group appears without the whole", problems);
                        continue;
                    }

                    var remainder = wholeN[f] - perFigure[f].Sum();
                    Solve(what, wholeN[f], fig.Groups, perFigure[f], remainder, remainderPossible, UpperBound, planHiddenSum, k, problems);
                }
            }

            // Related figures: a figure on 1..k−1 people takes another of k or more with it, and all breakdowns.
            if (related.Count > 1 && wholeN.Any(n => n > 0 && n < k))
            {
                Expect(related.All(r => r.Groups.All(g => g.Visibility == Visibility.Hidden)), $"{b.Name}: a breakdown next to a figure on fewer than k", problems);
                Expect(!wholeN.Any(n => n >= k) || Enumerable.Range(0, related.Count).Any(f => !related[f].WholeShown && wholeN[f] >= k), $"{b.Name}: no figure hidden with the one on fewer than k", problems);
            }

            // Related figures: a group hidden (with people behind it) in one figure whose whole is shown is hidden in all.
            for (var g = 0; g < sizes.Length; g++)
            {
                var hiddenSomewhere = Enumerable.Range(0, related.Count)
                    .Any(f => related[f].WholeShown && related[f].Groups[g].Visibility == Visibility.Hidden && perFigure[f][g] > 0);
                Expect(!hiddenSomewhere || related.All(r => !r.Groups[g].IsShown), $"{b.Name}: {b.Groups[g]} hidden in one related figure, shown in another", problems);
            }
        }

        return problems;
    }

    // No shown figure rests on 1..k−1 people, and what is shown is the truth.
    private static void CheckShown(string what, IReadOnlyList<GroupVisibility> groups, int[] n, int k, List<string> problems)
    {
        for (var g = 0; g < groups.Count; g++)
        {
            var shown = groups[g];
            switch (shown.Visibility)
            {
                case Visibility.Shown:
                    Expect(shown.Count == n[g] && n[g] >= k, $"{what}: {shown.Group} shown on {n[g]}", problems);
                    break;
                case Visibility.Empty:
                    Expect(shown.Count == 0 && n[g] == 0, $"{what}: {shown.Group} empty but holds {n[g]}", problems);
                    break;
                default:
                    Expect(shown.Count is null, $"{what}: {shown.Group} hidden with a count", problems);
                    break;
            }
        }
    }

    // Whole minus the shown groups gives the hidden part; it must be 0 or at least k. Then bounds: each unknown
    // lies between its lower bound and its upper bound and they add up to the hidden part, which can pin one.
    private static void Solve(
        string what, int whole, IReadOnlyList<GroupVisibility> groups, int[] truth, int remainder, bool remainderPossible,
        Func<int, int?> upperBound, int? remainderUpperBound, int k, List<string> problems)
    {
        var hiddenPart = whole - groups.Sum(g => g.Count ?? 0);
        Expect(hiddenPart == truth.Where((_, g) => groups[g].Count is null).Sum() + remainder, $"{what}: bookkeeping", problems);
        Expect(hiddenPart == 0 || hiddenPart >= k, $"{what}: whole {whole} minus the shown groups leaves {hiddenPart}", problems);

        // If the report shows "no respondents" anywhere here, the attacker reads every hidden group as non-empty.
        var emptyShown = groups.Any(g => g.Visibility == Visibility.Empty);
        var unknowns = new List<(string Name, int Low, int High)>();
        for (var g = 0; g < groups.Count; g++)
        {
            if (groups[g].Count is null)
            {
                unknowns.Add((groups[g].Group, emptyShown ? 1 : 0, Math.Min(hiddenPart, upperBound(g) ?? hiddenPart)));
            }
        }

        if (remainderPossible)
        {
            unknowns.Add(("(not stated)", 0, Math.Min(hiddenPart, remainderUpperBound ?? hiddenPart)));
        }

        for (var i = 0; i < unknowns.Count; i++)
        {
            var othersHigh = unknowns.Where((_, j) => j != i).Sum(u => u.High);
            var othersLow = unknowns.Where((_, j) => j != i).Sum(u => u.Low);
            var low = Math.Max(unknowns[i].Low, hiddenPart - othersHigh);
            var high = Math.Min(unknowns[i].High, hiddenPart - othersLow);
            Expect(!(low == high && low is > 0 && low < k), $"{what}: {unknowns[i].Name} is pinned to {low}", problems);
        }
    }

    private static void Expect(bool condition, string problem, List<string> problems)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }
}

/// <summary>
/// The attacker of the whole round at once (ADR 0008): each shown figure is an equation over the people in its
/// set, people are unknowns grouped into columns (people who share every attribute, each reader a column of his
/// own because he knows his own answers), and a set of 1 to k − 1 people is recovered when its indicator lies in
/// the row space of what is known. Raw rows add more than equations: their attribute columns and the shown groups'
/// row sets (found by matching published means) are known row sets, so every intersection of them is known too.
/// Independent of the code under test: it only uses ranks (<see cref="MatrixRank"/>) and counting.
/// </summary>
public static class SetAttacker
{
    /// <summary>
    /// Tries every set of non-reader columns holding 1 to k − 1 people and asks whether its indicator is a linear
    /// combination of the known sets (adding it does not raise the rank). Returns such a set, or null.
    /// </summary>
    /// <param name="people">People per column.</param>
    /// <param name="known">Every set whose total is known, as sets of columns (a reader's own column included).</param>
    /// <param name="isReader">Columns the attacker himself is: they are known, never a recovery.</param>
    /// <param name="k">The round's own k: the smallest set of other people any figure may be about.</param>
    public static List<string>? Recoverable(IReadOnlyDictionary<string, int> people, IReadOnlyList<IReadOnlySet<string>> known, Func<string, bool> isReader, int k)
    {
        var keys = people.Keys.Where(c => people[c] > 0).Order(StringComparer.Ordinal).ToList();
        if (keys.Count == 0 || known.Count == 0)
        {
            return null;
        }

        var rows = known.Select(set => keys.Select(c => set.Contains(c) ? 1.0 : 0.0).ToArray()).ToList();

        // A vector lies in the row space exactly when reducing it by the echelon form leaves nothing. Reduction is
        // linear, so a set's remainder is the sum of its columns' remainders: compute those once.
        var echelon = MatrixRank.Echelon(rows);
        var small = keys.Where(c => !isReader(c) && people[c] < k).ToList();
        var remainders = small.Select(c => MatrixRank.Reduce(echelon, keys.Select(x => x == c ? 1.0 : 0.0).ToArray())).ToList();
        var sum = new double[keys.Count];
        var chosen = new List<string>();

        List<string>? Search(int from, int count)
        {
            if (chosen.Count > 0 && sum.All(x => Math.Abs(x) < 1e-7))
            {
                return [.. chosen];
            }

            for (var i = from; i < small.Count; i++)
            {
                var n = people[small[i]];
                if (count + n >= k)
                {
                    continue;
                }

                chosen.Add(small[i]);
                Add(remainders[i], 1);
                var found = Search(i + 1, count + n);
                Add(remainders[i], -1);
                chosen.RemoveAt(chosen.Count - 1);
                if (found is not null)
                {
                    return found;
                }
            }

            return null;
        }

        void Add(double[] v, int sign)
        {
            for (var j = 0; j < v.Length; j++)
            {
                sum[j] += sign * v[j];
            }
        }

        var found = Search(0, 0);

        // Confirm by rank, independently of the shortcut: adding the set does not raise the rank.
        if (found is not null && MatrixRank.Of([.. rows, keys.Select(c => found.Contains(c) ? 1.0 : 0.0).ToArray()]) != MatrixRank.Of(rows))
        {
            throw new InvalidOperationException("The attacker's shortcut disagrees with the rank.");
        }

        return found;
    }

    /// <summary>
    /// With raw rows: every person's signature is what the attacker can tell about his row (the values of the
    /// released columns, membership of each shown group, or "that is me"). People with the same signature form one
    /// known row set; one that holds 1 to k − 1 people other than the readers gives their answers away.
    /// Returns such a signature with its size, or null.
    /// </summary>
    public static (string Signature, int People)? SmallRowSet(IEnumerable<(string Signature, bool Reader)> people, int k)
    {
        ArgumentNullException.ThrowIfNull(people);
        return people.Where(p => !p.Reader)
            .GroupBy(p => p.Signature, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()))
            .Where(g => g.Item2 < k)
            .Select(g => ((string, int)?)g)
            .FirstOrDefault();
    }
}
