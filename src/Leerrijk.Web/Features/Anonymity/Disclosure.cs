using System.Security.Cryptography;

namespace Leerrijk.Web.Features.Anonymity;

/// <summary>How one group's figure may appear in a report.</summary>
public enum Visibility
{
    /// <summary>The figure and the n behind it may be shown.</summary>
    Shown,

    /// <summary>Nobody is behind it; it may be shown as "no respondents".</summary>
    Empty,

    /// <summary>Neither the figure nor its n may be shown. Every hidden group gets the same neutral text.</summary>
    Hidden,
}

/// <summary>One group's decision. <see cref="Count"/> is the n that may be shown: 0 when empty, null when hidden.</summary>
public sealed record GroupVisibility(string Group, Visibility Visibility, int? Count)
{
    /// <summary>True when the group's figure may be shown.</summary>
    public bool IsShown => Visibility == Visibility.Shown;
}

/// <summary>The n behind one figure: the whole's and each group's, as counted for that figure only.</summary>
/// <param name="PerGroup">Respondents per group who count for this figure; a missing group counts as 0.</param>
/// <param name="Whole">All respondents who count for this figure, including those in no listed group.</param>
public sealed record FigureCounts(IReadOnlyDictionary<string, int> PerGroup, int Whole);

/// <summary>
/// Which groups of one background attribute may appear in a round's report. Made once per round and attribute by
/// <see cref="Disclosure.Plan"/>, from the number of respondents per group, so a group is either in every
/// figure of the breakdown or in none.
/// </summary>
public sealed class BreakdownPlan
{
    private readonly Dictionary<string, int> _index;

    internal BreakdownPlan(string attribute, int threshold, int total, IReadOnlyList<int> sizes, IReadOnlyList<GroupVisibility> groups)
    {
        Attribute = attribute;
        Threshold = threshold;
        Total = total;
        Sizes = sizes;
        Groups = groups;
        _index = groups.Select((g, i) => (g.Group, i)).ToDictionary(x => x.Group, x => x.i, StringComparer.Ordinal);
        IsAvailable = groups.Any(g => g.IsShown);
    }

    /// <summary>The background attribute (role, department, years employed) the plan splits the round by.</summary>
    public string Attribute { get; }

    /// <summary>The round's k this plan was made with.</summary>
    public int Threshold { get; }

    /// <summary>Each group in the order given, with its respondent count where it may be shown.</summary>
    public IReadOnlyList<GroupVisibility> Groups { get; }

    /// <summary>False when no group may be shown: the report leaves this breakdown out entirely.</summary>
    public bool IsAvailable { get; }

    // The true sizes stay private to the component: they only serve to check the per-figure counts.
    internal int Total { get; }

    internal IReadOnlyList<int> Sizes { get; }

    internal bool TryIndexOf(string group, out int index) => _index.TryGetValue(group, out index);

    /// <summary>The decision for one group of this plan.</summary>
    /// <exception cref="KeyNotFoundException">The group is not in the plan.</exception>
    public Visibility VisibilityOf(string group) => Groups[_index[group]].Visibility;

    /// <summary>True when the group may appear in this breakdown at all.</summary>
    public bool IsShown(string group) => _index.TryGetValue(group, out var i) && Groups[i].IsShown;
}

/// <summary>Which groups of a <see cref="BreakdownPlan"/> may show one particular figure.</summary>
public sealed class FigureVisibility
{
    private readonly Dictionary<string, int> _index;

    internal FigureVisibility(BreakdownPlan plan, int? wholeCount, IReadOnlyList<GroupVisibility> groups)
    {
        Plan = plan;
        WholeCount = wholeCount;
        Groups = groups;
        _index = groups.Select((g, i) => (g.Group, i)).ToDictionary(x => x.Group, x => x.i, StringComparer.Ordinal);
    }

    /// <summary>The plan this decision was made under.</summary>
    public BreakdownPlan Plan { get; }

    /// <summary>True when the whole's figure may be shown.</summary>
    public bool WholeShown => WholeCount is not null;

    /// <summary>The n behind the whole's figure where it may be shown, else null.</summary>
    public int? WholeCount { get; }

    /// <summary>Each group of the plan, in the plan's order, with the n behind this figure where it may be shown.</summary>
    public IReadOnlyList<GroupVisibility> Groups { get; }

    /// <summary>The decision for one group.</summary>
    /// <exception cref="KeyNotFoundException">The group is not in the plan.</exception>
    public Visibility VisibilityOf(string group) => Groups[_index[group]].Visibility;

    /// <summary>True when this group's figure may be shown.</summary>
    public bool IsShown(string group) => _index.TryGetValue(group, out var i) && Groups[i].IsShown;
}

/// <summary>
/// The report's anonymity rule, in one place: what may be shown of a round whose threshold is k. No figure
/// (score, percentage, distribution, count per group, comment) rests on 1 to k − 1 respondents, and no such
/// number can be worked out by subtracting shown figures from each other.
/// </summary>
/// <remarks>
/// <para>
/// The report builder asks this class about every figure. Everything is a pure function of counts, so the same
/// round always gives the same report (except the comment order, which is random on purpose).
/// </para>
/// <para>
/// What this does not cover, because it sees one attribute at a time: two breakdowns of the same round can be
/// subtracted from each other. If the owner works in Productie with all 15 employees, Productie (16) minus
/// Employees (15) is the owner, though each breakdown is safe on its own. Guarding that needs each respondent's
/// attributes together (the smallest set of people any combination of shown sums can single out); until then a
/// report should break a round down by one attribute only, or the caller must check the overlap.
/// </para>
/// <para>
/// Someone who knows this rule can sometimes narrow a hidden group's size further than "fewer than k" (with k = 3
/// and groups of 3, 2 and 2, both hidden groups must hold 2). That reveals how many answered, never what they
/// answered: each figure's hidden part is one sum over k or more people, and one attribute gives no second
/// equation to split it.
/// </para>
/// </remarks>
public sealed class Disclosure
{
    /// <summary>Open answers need at least this many respondents whatever k is (Viva Glint uses 10 as well).</summary>
    public const int LowestCommentThreshold = 10;

    /// <summary>Creates the rule for a round with threshold <paramref name="threshold"/> (k).</summary>
    /// <exception cref="ArgumentOutOfRangeException">k is below <see cref="AnonymityOptions.LowestThreshold"/>.</exception>
    public Disclosure(int threshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, AnonymityOptions.LowestThreshold);
        Threshold = threshold;
    }

    /// <summary>The round's k.</summary>
    public int Threshold { get; }

    /// <summary>Respondents a round needs before any open answer is shown: max(k, 10).</summary>
    public int CommentThreshold => Math.Max(Threshold, LowestCommentThreshold);

    /// <summary>Whether the round's whole-company figures may be shown at all: at least k respondents.</summary>
    public bool MayShowTotal(int respondents) => respondents >= Threshold;

    /// <summary>
    /// Whether one whole-company figure may be shown, given the n behind that figure (people who skipped it or
    /// answered "don't know" do not count): at least k.
    /// </summary>
    public bool MayShowFigure(int n) => n >= Threshold;

    /// <summary>
    /// Small-firm mode: breakdowns need at least 2k respondents. Below that only whole-company results are shown.
    /// </summary>
    /// <remarks>
    /// Two shown groups need k each, so below 2k a breakdown can at best show one group next to a hidden rest
    /// that is also the whole minus that group; such a split says little and invites guessing who is who.
    /// </remarks>
    public bool BreakdownsAllowed(int total) => total >= 2 * Threshold;

    /// <summary>
    /// Decides once per round and attribute which groups may appear, from the number of respondents per group.
    /// Call it before building any figure of the breakdown; use <see cref="For"/> for each figure.
    /// </summary>
    /// <param name="attribute">The attribute's name, for the caller's bookkeeping.</param>
    /// <param name="total">All respondents of the round (the whole).</param>
    /// <param name="groups">
    /// The attribute's groups and their respondents. They must not overlap. Respondents in none of them (who did not
    /// state the attribute) form an unnamed remainder that is never shown; list them as a group of their own (for
    /// example "not stated") if the report should show them.
    /// </param>
    /// <exception cref="ArgumentException">Duplicate group names, negative counts, or groups adding up to more than the total.</exception>
    public BreakdownPlan Plan(string attribute, int total, IReadOnlyList<(string Group, int Count)> groups)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (group, count) in groups)
        {
            ArgumentNullException.ThrowIfNull(group, nameof(groups));
            if (!names.Add(group))
            {
                throw new ArgumentException($"Group '{group}' is listed twice.", nameof(groups));
            }

            if (count < 0)
            {
                throw new ArgumentException($"Group '{group}' has a negative count.", nameof(groups));
            }
        }

        var sizes = groups.Select(g => g.Count).ToArray();
        var remainder = total - sizes.Sum();
        if (remainder < 0)
        {
            throw new ArgumentException("The groups hold more respondents than the total.", nameof(groups));
        }

        // Small firms: no breakdown at all, not even empty groups (an "empty" next to a hidden group would tell
        // that the hidden one is not empty).
        var hidden = BreakdownsAllowed(total)
            ? Suppress(sizes, remainder)
            : Enumerable.Repeat(true, sizes.Length).ToArray();
        return new BreakdownPlan(attribute, Threshold, total, sizes, Decide(groups.Select(g => g.Group).ToArray(), sizes, hidden));
    }

    /// <summary>
    /// Decides which groups of <paramref name="plan"/> may show one figure, from the n behind that figure.
    /// </summary>
    /// <param name="plan">The round's plan for this attribute, made by this same rule.</param>
    /// <param name="nPerGroup">Respondents per group who count for this figure; a group left out counts as 0.</param>
    /// <param name="nWhole">Respondents who count for this figure in the whole round.</param>
    /// <exception cref="ArgumentException">
    /// The plan was made for another k, or the counts cannot be right (a group not in the plan, more than the
    /// group's respondents, groups adding up to more than the whole).
    /// </exception>
    public FigureVisibility For(BreakdownPlan plan, IReadOnlyDictionary<string, int> nPerGroup, int nWhole) =>
        ForRelated(plan, [new FigureCounts(nPerGroup, nWhole)])[0];

    /// <summary>
    /// Like <see cref="For"/>, for a family of figures tied by one sum (a dimension score and its items, a
    /// percentage and the distribution it comes from): a group hidden in one of them is hidden in all, and a
    /// figure resting on 1 to k − 1 people takes another one down with it.
    /// </summary>
    /// <remarks>
    /// <para>
    /// When everyone answered the same number of a dimension's items, the dimension's sum is the items' sums
    /// divided by that number, so any one of them follows from the others. A group hidden in one item only to
    /// protect a sibling (its own n is k or more) would come back from the dimension and the other items, and
    /// with it the sibling; so it is hidden in the whole family.
    /// </para>
    /// <para>
    /// An item answered by 1 to k − 1 people (many chose "not applicable") would come back the same way. Then
    /// the family shows no breakdown at all, and the family figure with the smallest n of k or more is hidden
    /// as well (ties: the one listed last, so list the headline figure first). What is left is one sum over the
    /// few and at least k others. Hiding groups one by one instead would need suppression in two directions
    /// (figures and groups) at once, which is easy to get wrong; families are small and this case is rare.
    /// </para>
    /// </remarks>
    /// <returns>One decision per figure, in the order given.</returns>
    /// <exception cref="ArgumentException">As for <see cref="For"/>.</exception>
    public IReadOnlyList<FigureVisibility> ForRelated(BreakdownPlan plan, IReadOnlyList<FigureCounts> figures)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(figures);
        if (plan.Threshold != Threshold)
        {
            throw new ArgumentException($"The plan was made for k = {plan.Threshold}, not {Threshold}.", nameof(plan));
        }

        var counts = figures.Select(f => CountsFor(plan, f)).ToArray();
        var wholeShown = MayShowRelated(figures.Select(f => f.Whole).ToArray());
        var fewBehindOne = HasFewBehindOne(figures.Select(f => f.Whole).ToArray());

        var planHidden = plan.Groups.Select(g => g.Visibility == Visibility.Hidden).ToArray();
        var hidden = counts.Select((n, f) => wholeShown[f] && !fewBehindOne
            ? SuppressFigure(n, figures[f].Whole, planHidden)
            : Enumerable.Repeat(true, n.Length).ToArray()).ToArray();

        var hiddenInAny = new bool[plan.Groups.Count];
        for (var f = 0; f < figures.Count; f++)
        {
            for (var g = 0; g < hiddenInAny.Length; g++)
            {
                // An empty group adds nobody, so only real hiding spreads across the family.
                hiddenInAny[g] |= wholeShown[f] && hidden[f][g] && counts[f][g] > 0;
            }
        }

        // Hiding more shown groups only adds groups of k or more (or empty ones) to what is hidden, so every
        // figure's hidden part stays 0 or at least k.
        var names = plan.Groups.Select(g => g.Group).ToArray();
        return counts.Select((n, f) =>
        {
            var h = hidden[f].Select((x, g) => x || hiddenInAny[g]).ToArray();
            var whole = wholeShown[f] ? figures[f].Whole : (int?)null;
            return new FigureVisibility(plan, whole, Decide(names, n, h));
        }).ToList();
    }

    /// <summary>
    /// The whole-company half of <see cref="ForRelated"/>, for reports without breakdowns: which figures of a
    /// family may be shown, given the n behind each, in the order given.
    /// </summary>
    public IReadOnlyList<bool> MayShowRelated(IReadOnlyList<int> nPerFigure)
    {
        ArgumentNullException.ThrowIfNull(nPerFigure);
        var shown = nPerFigure.Select(MayShowFigure).ToArray();
        if (HasFewBehindOne(nPerFigure))
        {
            var next = -1;
            for (var f = 0; f < nPerFigure.Count; f++)
            {
                if (shown[f] && (next < 0 || nPerFigure[f] <= nPerFigure[next]))
                {
                    next = f;
                }
            }

            if (next >= 0)
            {
                shown[next] = false;
            }
        }

        return shown;
    }

    private bool HasFewBehindOne(IReadOnlyList<int> nPerFigure) =>
        nPerFigure.Count > 1 && nPerFigure.Any(n => n > 0 && !MayShowFigure(n));

    /// <summary>
    /// Whether a whole-company figure may be compared with the same figure of an earlier round: both rest on at
    /// least their own round's k (respondents of the earlier round were promised that round's k).
    /// </summary>
    public bool MayCompare(int n, Disclosure earlierRound, int earlierN)
    {
        ArgumentNullException.ThrowIfNull(earlierRound);
        return MayShowFigure(n) && earlierRound.MayShowFigure(earlierN);
    }

    /// <summary>Whether a group's figure may be compared with the same group's figure of an earlier round: shown in both.</summary>
    public static bool MayCompare(FigureVisibility figure, FigureVisibility earlierFigure, string group)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(earlierFigure);
        return figure.IsShown(group) && earlierFigure.IsShown(group);
    }

    /// <summary>
    /// Whether a perception gap (for example managers versus employees) may be shown for one figure: both groups
    /// are shown for it. The gap of a hidden group with a shown one would give the hidden figure back.
    /// </summary>
    /// <remarks>
    /// Both groups must come from the same plan. A gap between ad-hoc unions (owner plus managers) is a new
    /// breakdown: make it a group in the plan instead, or the union minus a shown group would expose the rest.
    /// </remarks>
    public static bool MayShowGap(FigureVisibility figure, string groupA, string groupB)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return !string.Equals(groupA, groupB, StringComparison.Ordinal) && figure.IsShown(groupA) && figure.IsShown(groupB);
    }

    /// <summary>
    /// Whether a round's raw rows (the anonymised CSV) may be released at all, carrying exactly the attributes the
    /// report shows: every cell of the cross-tabulation of those attributes holds 0 or at least k people.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Raw rows are microdata, and every group figure the report shows is an equation about them. A reader with
    /// the rows can find a shown group's rows by choosing the subset whose means equal the group's published
    /// means (the JSON gives them in full precision), background column or not. So he is assumed to know the row
    /// set of every shown group, and with it every intersection and difference of them: the cells of the
    /// cross-tabulation of the shown attributes. If each holds 0 or at least k people, the rows add nothing
    /// about fewer than k people that the report's own figures did not already make safe; if one holds 1 to
    /// k − 1, its rows would be those few people's answers (a department of 2 among 17 was read this way).
    /// </para>
    /// <para>
    /// Pass each person (or each cell of people sharing all attributes) with their values of exactly the shown
    /// attributes, in the same order for all. With no attribute shown there is one cell, the whole round.
    /// </para>
    /// </remarks>
    /// <param name="people">Per person or per group of people: their values of the shown attributes, and how many they are.</param>
    public bool MayReleaseRawRows(IEnumerable<(IReadOnlyList<string> ShownValues, long People)> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        return people
            .GroupBy(p => string.Join('\u001f', p.ShownValues), StringComparer.Ordinal)
            .Select(cell => cell.Sum(p => p.People))
            .All(n => n == 0 || n >= Threshold);
    }

    /// <summary>
    /// Whether the round's open answers may be shown: at least max(k, 10) people answered the round. Open
    /// answers are never broken down by group.
    /// </summary>
    /// <remarks>
    /// Counted on the round's respondents, not on how many wrote a comment: a comment is recognised by its words,
    /// not by a count, and the larger crowd is what makes its writer hard to guess.
    /// </remarks>
    public bool MayShowComments(int respondentsInRound) => respondentsInRound >= CommentThreshold;

    /// <summary>
    /// The open answers in a fresh, cryptographically random order, so the order on screen says nothing about
    /// who submitted when. Show the text only: no dates, no groups.
    /// </summary>
    public static IReadOnlyList<string> OrderComments(IEnumerable<string> comments)
    {
        ArgumentNullException.ThrowIfNull(comments);
        var ordered = comments.ToArray();

        // A seeded shuffle could be replayed by anyone who guessed the seed; the OS generator cannot.
        RandomNumberGenerator.Shuffle(ordered.AsSpan());
        return ordered;
    }

    // Complementary suppression on the respondent counts: hide every group of 1 to k − 1, then keep hiding the
    // smallest shown non-empty group while the hidden part, including the remainder nobody can be assigned to,
    // holds 1 to k − 1 people; otherwise the whole minus the shown groups would give it away.
    private bool[] Suppress(IReadOnlyList<int> sizes, int remainder)
    {
        var hidden = sizes.Select(n => n > 0 && n < Threshold).ToArray();
        HideSiblings(sizes, hidden, remainder);
        return hidden;
    }

    // The same rule for one figure: a group the plan hides stays hidden; a shown group whose own n for this figure
    // is 1 to k − 1 is hidden; then the smallest shown groups for this figure go until the whole's n for this
    // figure minus the shown groups' n is 0 or at least k.
    private bool[] SuppressFigure(IReadOnlyList<int> n, int whole, IReadOnlyList<bool> planHidden)
    {
        var hidden = n.Select((x, g) => planHidden[g] || (x > 0 && x < Threshold)).ToArray();
        HideSiblings(n, hidden, whole - n.Sum());
        return hidden;
    }

    private void HideSiblings(IReadOnlyList<int> n, bool[] hidden, int remainder)
    {
        while (remainder + n.Where((_, g) => hidden[g]).Sum() is > 0 and var rest && rest < Threshold)
        {
            // Smallest first keeps the most people visible; ties go to the group listed first, so the same
            // counts always give the same report.
            var next = -1;
            for (var g = 0; g < n.Count; g++)
            {
                if (!hidden[g] && n[g] > 0 && (next < 0 || n[g] < n[next]))
                {
                    next = g;
                }
            }

            if (next < 0)
            {
                // Only reachable when the whole itself holds fewer than k: then nothing of it may be shown.
                Array.Fill(hidden, true);
                return;
            }

            hidden[next] = true;
        }
    }

    // Empty groups are shown as empty only when nothing else is hidden. Next to a hidden group an "empty" label
    // would tell that every hidden group holds at least one person (with k hidden groups adding up to exactly k,
    // each would be known to hold exactly one), or, for one figure, that a hidden group of 1 to k − 1 people all
    // skipped the question.
    private static IReadOnlyList<GroupVisibility> Decide(IReadOnlyList<string> names, IReadOnlyList<int> n, IReadOnlyList<bool> hidden)
    {
        var anyHidden = hidden.Any(h => h);
        return names.Select((name, g) =>
            hidden[g] || (n[g] == 0 && anyHidden) ? new GroupVisibility(name, Visibility.Hidden, null)
            : n[g] == 0 ? new GroupVisibility(name, Visibility.Empty, 0)
            : new GroupVisibility(name, Visibility.Shown, n[g])).ToList();
    }

    private static int[] CountsFor(BreakdownPlan plan, FigureCounts figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(figure.PerGroup);
        if (figure.Whole < 0 || figure.Whole > plan.Total)
        {
            throw new ArgumentException("A figure's whole n must be between 0 and the round's respondents.", nameof(figure));
        }

        var n = new int[plan.Groups.Count];
        foreach (var (group, count) in figure.PerGroup)
        {
            if (!plan.TryIndexOf(group, out var g))
            {
                throw new ArgumentException($"Group '{group}' is not in the plan for {plan.Attribute}.", nameof(figure));
            }

            // A figure's n counts people, each at most once, so it cannot exceed the group's respondents. A larger
            // number means the caller passed answers instead of people, which would make every check here wrong.
            if (count < 0 || count > plan.Sizes[g])
            {
                throw new ArgumentException($"Group '{group}' has {count} for a figure but {plan.Sizes[g]} respondents.", nameof(figure));
            }

            n[g] = count;
        }

        var rest = figure.Whole - n.Sum();
        if (rest < 0 || rest > plan.Total - plan.Sizes.Sum())
        {
            throw new ArgumentException("The groups' n do not fit in the whole's n for this figure.", nameof(figure));
        }

        return n;
    }
}
