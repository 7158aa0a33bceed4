namespace Leerrijk.Scoring.Statistics;

/// <summary>One checklist item: shares of no / partly / yes among the answers with a point (don't-know excluded).</summary>
/// <param name="ItemId">The item.</param>
/// <param name="DimensionId">Its principle (dimension).</param>
/// <param name="Answered">Answers no, partly or yes.</param>
/// <param name="DontKnow">Don't-know / not-applicable answers.</param>
/// <param name="No">Share (0–1) of "no"; null when nobody answered.</param>
/// <param name="Partly">Share of "partly"; null when nobody answered.</param>
/// <param name="Yes">Share of "yes"; null when nobody answered.</param>
public sealed record ChecklistItemProfile(
    string ItemId,
    string DimensionId,
    long Answered,
    long DontKnow,
    double? No,
    double? Partly,
    double? Yes);

/// <summary>One checklist principle (dimension): its 0–100 score over the respondents whose score counts.</summary>
/// <param name="DimensionId">The principle.</param>
/// <param name="N">Respondents whose principle score counts.</param>
/// <param name="Score">Mean 0–100 score (no = 0, partly = 50, yes = 100 per item, after reverse scoring); null when N = 0.</param>
public sealed record ChecklistPrincipleProfile(string DimensionId, long N, double? Score);

/// <summary>The profile of a checklist (scale no = 0 / partly = 1 / yes = 2): per item the shares, per principle the score.</summary>
/// <param name="Items">Items in model order. Shares are of the raw answers, as ticked (reverse scoring not applied).</param>
/// <param name="Principles">Principles in model order.</param>
public sealed record ChecklistProfile(IReadOnlyList<ChecklistItemProfile> Items, IReadOnlyList<ChecklistPrincipleProfile> Principles)
{
    /// <summary>The profile of an aggregate of checklist responses.</summary>
    /// <exception cref="ArgumentException">The aggregate's model is not a 0..2 checklist scale.</exception>
    public static ChecklistProfile From(Aggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var model = aggregate.Model;
        if (model.Min != ScoringModel.ChecklistNo || model.Max != ScoringModel.ChecklistYes)
        {
            throw new ArgumentException("A checklist profile needs the checklist scale no = 0, partly = 1, yes = 2.", nameof(aggregate));
        }

        var items = model.Items
            .Select(item =>
            {
                var summary = aggregate.SummarizeItem(item.Id);
                var distribution = summary.Distribution;
                return new ChecklistItemProfile(
                    item.Id,
                    item.DimensionId,
                    summary.Answered,
                    summary.DontKnow,
                    distribution.ShareOf(ScoringModel.ChecklistNo),
                    distribution.ShareOf(ScoringModel.ChecklistPartly),
                    distribution.ShareOf(ScoringModel.ChecklistYes));
            })
            .ToArray();

        var principles = aggregate.Summarize()
            .Select(summary => new ChecklistPrincipleProfile(summary.DimensionId, summary.N, summary.Mean))
            .ToArray();

        return new ChecklistProfile(items, principles);
    }
}
