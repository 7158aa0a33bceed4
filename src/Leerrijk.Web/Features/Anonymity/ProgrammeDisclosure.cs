namespace Leerrijk.Web.Features.Anonymity;

/// <summary>
/// The second level of the anonymity rule, for figures over several companies (a programme's monitor and funder
/// report). Inside each company the first level already holds (a company's dimension result is only used where its
/// own report shows it). On top, every programme figure rests on at least k companies, where k is the programme's
/// fixed minimum plus the companies whose own results a reader of the programme can see anyway (they could take
/// those out, as a respondent takes out his own answers: <see cref="EffectiveThreshold"/>).
/// </summary>
/// <remarks>
/// <para>
/// Companies play the part respondents play in a round, so the same components decide: <see cref="Disclosure"/>
/// plans each breakdown (small groups hidden, and a second group hidden where one hidden group could be worked out
/// from the total: complementary suppression), and <see cref="CrossBreakdownGuard"/> checks the shown sets of all
/// breakdowns together. A dimension's figures are one family: the baseline over every company with a baseline (B),
/// and the paired block over companies with both measurements (P ⊆ B): baseline, follow-up and change. The change
/// and the follow-up give the baseline over P, so B minus P is a set the reader can compute, and the guard sees it
/// because cells carry "paired or not".
/// </para>
/// <para>
/// Figures are recomputed once a night. Two computations of one figure are two sums; their difference must not be one
/// company either (<see cref="Follows"/>).
/// </para>
/// </remarks>
public static class ProgrammeDisclosure
{
    /// <summary>The attributes a programme breaks its figures down by, in the order they are given up when they leak together.</summary>
    public static readonly IReadOnlyList<string> Attributes = ["sector", "size", "region"];

    /// <summary>k for one programme: its fixed minimum plus the companies a reader knows otherwise.</summary>
    /// <param name="minCompanies">The programme's own minimum (at least 5, fixed per period).</param>
    /// <param name="knownCompanies">Companies in the figures whose results some reader of the programme can read elsewhere.</param>
    public static int Threshold(int minCompanies, int knownCompanies) => EffectiveThreshold.Of(minCompanies, knownCompanies);

    /// <summary>Which figures of one dimension may be shown.</summary>
    /// <param name="companies">Every company with a baseline result for the dimension, with its groups and whether it has a paired follow-up.</param>
    /// <param name="threshold">k from <see cref="Threshold"/>.</param>
    public static DimensionRelease Release(IReadOnlyList<CompanyUnit> companies, int threshold)
    {
        ArgumentNullException.ThrowIfNull(companies);
        var disclosure = new Disclosure(threshold);
        var baseline = companies.Count;
        var paired = companies.Count(c => c.Paired);
        var baselineShown = disclosure.MayShowTotal(baseline);
        var pairedShown = disclosure.MayShowTotal(paired);

        var breakdowns = new Dictionary<string, (BreakdownPlan Plan, HashSet<string> PairedGroups)>(StringComparer.Ordinal);
        if (disclosure.BreakdownsAllowed(baseline))
        {
            foreach (var attribute in Attributes)
            {
                var groups = companies.GroupBy(c => c.ValueOf(attribute), StringComparer.Ordinal)
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => (g.Key, g.Count()))
                    .ToList();
                var plan = disclosure.Plan(attribute, baseline, groups);
                var pairedPerGroup = companies.Where(c => c.Paired).GroupBy(c => c.ValueOf(attribute), StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
                var pairedFigure = disclosure.For(plan, pairedPerGroup, paired);

                // A group's baseline minus its paired baseline is the group's companies without a follow-up: it must be
                // none or at least k, or the group's paired block stays hidden (the guard below checks what remains).
                var baselinePerGroup = groups.ToDictionary(g => g.Key, g => g.Item2, StringComparer.Ordinal);
                var pairedGroups = pairedFigure.Groups
                    .Where(g => g.IsShown && (baselinePerGroup[g.Group] - pairedPerGroup.GetValueOrDefault(g.Group)) is var rest && (rest == 0 || rest >= threshold))
                    .Select(g => g.Group)
                    .ToHashSet(StringComparer.Ordinal);
                if (plan.IsAvailable)
                {
                    breakdowns[attribute] = (plan, pairedGroups);
                }
            }
        }

        // Cells: one combination of sector, size, region and "paired"; a company is one unit.
        var cellN = companies.GroupBy(Cell, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        while (true)
        {
            var sets = new List<IReadOnlySet<string>>();
            if (baselineShown)
            {
                sets.Add(cellN.Keys.ToHashSet(StringComparer.Ordinal));
            }

            if (pairedShown)
            {
                sets.Add(cellN.Keys.Where(k => k.EndsWith("|1", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal));
            }

            foreach (var (attribute, (plan, pairedGroups)) in breakdowns)
            {
                var index = Attributes.ToList().IndexOf(attribute);
                foreach (var group in plan.Groups.Where(g => g.IsShown))
                {
                    sets.Add(cellN.Keys.Where(k => k.Split('|')[index] == group.Group).ToHashSet(StringComparer.Ordinal));
                }

                foreach (var group in pairedGroups.Where(_ => pairedShown))
                {
                    sets.Add(cellN.Keys.Where(k => k.Split('|')[index] == group && k.EndsWith("|1", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal));
                }
            }

            if (sets.Count == 0 || !CrossBreakdownGuard.Leaks(cellN, sets, threshold))
            {
                break;
            }

            // Give up the finest detail first: the last breakdown, then the baseline over every company (the paired
            // block is what a programme is judged on), then everything.
            if (breakdowns.Count > 0)
            {
                breakdowns.Remove(Attributes.Last(breakdowns.ContainsKey));
            }
            else if (baselineShown && pairedShown)
            {
                baselineShown = false;
            }
            else
            {
                baselineShown = pairedShown = false;
            }
        }

        return new DimensionRelease(baselineShown, pairedShown, breakdowns.ToDictionary(
            b => b.Key,
            b => new BreakdownRelease(
                b.Value.Plan.Groups.Where(g => g.IsShown).Select(g => g.Group).ToHashSet(StringComparer.Ordinal),
                pairedShown ? b.Value.PairedGroups : new HashSet<string>(StringComparer.Ordinal)),
            StringComparer.Ordinal), threshold);

        static string Cell(CompanyUnit c) => string.Join('|', Attributes.Select(c.ValueOf)) + (c.Paired ? "|1" : "|0");
    }

    /// <summary>
    /// Whether a figure computed over <paramref name="current"/> may follow one published over <paramref name="previous"/>:
    /// the same companies, or at least k companies different (the difference of the two sums is then about k or more).
    /// </summary>
    public static bool Follows(IReadOnlySet<Guid> previous, IReadOnlySet<Guid> current, int threshold)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var changed = previous.Count(c => !current.Contains(c)) + current.Count(c => !previous.Contains(c));
        return changed == 0 || changed >= threshold;
    }
}

/// <summary>A company as a unit of a programme figure: its groups and whether it has both measurements.</summary>
public sealed record CompanyUnit(Guid Id, string Sector, string Size, string Region, bool Paired)
{
    public string ValueOf(string attribute) => attribute switch
    {
        "sector" => Sector,
        "size" => Size,
        "region" => Region,
        _ => throw new ArgumentOutOfRangeException(nameof(attribute), attribute, "Unknown attribute."),
    };
}

/// <summary>What one dimension may show: the baseline over every company, the paired block, and per attribute the shown groups of each.</summary>
public sealed record DimensionRelease(bool Baseline, bool Paired, IReadOnlyDictionary<string, BreakdownRelease> Breakdowns, int Threshold);

/// <summary>The groups of one attribute that may show their baseline, and those that may show their paired block.</summary>
public sealed record BreakdownRelease(IReadOnlySet<string> BaselineGroups, IReadOnlySet<string> PairedGroups);
