using Leerrijk.Web.Features.Reports;

namespace Leerrijk.Web.Features.Menukaart;

/// <summary>Why an intervention was recommended: the dimension it strengthens and what the report said about it.</summary>
public enum RecommendationReason
{
    /// <summary>The dimension is one of the two that need attention most.</summary>
    Attention,

    /// <summary>Leaders and employees see the dimension clearly differently.</summary>
    Gap,

    /// <summary>Neither: the next-lowest dimension, for variety.</summary>
    Lower,
}

/// <summary>A dimension with a score that may be shown.</summary>
public sealed record ScoredDimension(string Id, string Name, double Score);

public sealed record Recommendation(Intervention Intervention, RecommendationReason Reason, string DimensionId, string DimensionName, double Score, bool FitsSize);

/// <summary>
/// Turns a report's weak spots into a few first steps. A pure function, so the ranking is tested on its own:
/// dimensions that need attention first, then perception gaps, then the other dimensions from low to high; within
/// a dimension, steps that fit the company's size before others, then the least effort; and one step per dimension
/// before a second, so the advice does not all pull one way.
/// </summary>
public static class Recommender
{
    public const int Fewest = 3;
    public const int Most = 5;

    public static IReadOnlyList<Recommendation> Rank(RoundReport report, IReadOnlyList<Intervention> interventions, string? companySize, int most = Most) =>
        Rank(
            report.InstrumentId,
            report.Dimensions.Where(d => !d.IsModule && d.Score is not null).Select(d => new ScoredDimension(d.Id, d.Name, d.Score!.Value)).ToList(),
            report.NeedsAttention,
            report.Gaps.Where(g => g.Flagged).OrderByDescending(g => Math.Abs(g.Difference)).Select(g => g.DimensionId).ToList(),
            interventions,
            companySize,
            most);

    /// <summary>The ranking for any set of scored dimensions (a round's report, or the owner's quick scan).</summary>
    /// <param name="instrumentId">The instrument the dimensions belong to.</param>
    /// <param name="dimensions">The dimensions that may be shown, with their 0–100 scores.</param>
    /// <param name="attention">Dimension ids that need attention most.</param>
    /// <param name="gaps">Dimension ids with a flagged perception gap, largest first.</param>
    /// <param name="interventions">The menukaart.</param>
    /// <param name="companySize">micro, small or medium; null when unknown.</param>
    /// <param name="most">At most this many.</param>
    public static IReadOnlyList<Recommendation> Rank(
        string instrumentId,
        IReadOnlyList<ScoredDimension> dimensions,
        IReadOnlyList<string> attention,
        IReadOnlyList<string> gaps,
        IReadOnlyList<Intervention> interventions,
        string? companySize,
        int most = Most)
    {
        var shown = dimensions.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var targets = new List<(string Id, RecommendationReason Reason)>();
        void Add(string id, RecommendationReason reason)
        {
            if (shown.ContainsKey(id) && targets.All(t => t.Id != id))
            {
                targets.Add((id, reason));
            }
        }

        foreach (var id in attention.OrderBy(id => shown.TryGetValue(id, out var d) ? d.Score : double.MaxValue))
        {
            Add(id, RecommendationReason.Attention);
        }

        foreach (var id in gaps)
        {
            Add(id, RecommendationReason.Gap);
        }

        foreach (var dimension in shown.Values.OrderBy(d => d.Score).ThenBy(d => d.Id, StringComparer.Ordinal))
        {
            Add(dimension.Id, RecommendationReason.Lower);
        }

        bool Fits(Intervention i) => companySize is null || i.Sizes.Contains(companySize);
        IEnumerable<Intervention> CandidatesFor(string dimensionId) => interventions
            .Where(i => i.Strengthens(instrumentId, dimensionId))
            .OrderByDescending(Fits)
            .ThenBy(i => i.EffortPoints)
            .ThenBy(i => i.Slug, StringComparer.Ordinal);

        var chosen = new List<Recommendation>();

        // Round robin over the targets in their order: the first pass gives each dimension one step.
        for (var pass = 0; pass < 2 && chosen.Count < most; pass++)
        {
            foreach (var (id, reason) in targets)
            {
                if (chosen.Count >= most)
                {
                    break;
                }

                // Steps for the dimensions that matter most come first; the "lower" ones only fill up to the minimum.
                if (reason == RecommendationReason.Lower && chosen.Count >= Fewest)
                {
                    break;
                }

                var next = CandidatesFor(id).FirstOrDefault(i => chosen.All(c => c.Intervention.Slug != i.Slug));
                if (next is not null)
                {
                    var dimension = shown[id];
                    chosen.Add(new Recommendation(next, reason, id, dimension.Name, dimension.Score, Fits(next)));
                }
            }
        }

        return chosen;
    }
}
