namespace Leerrijk.Scoring.Statistics;

/// <summary>Read-out of one item over the respondents of an aggregate.</summary>
/// <param name="ItemId">The item.</param>
/// <param name="Reversed">Whether the item is reverse-scored.</param>
/// <param name="Answered">Answers with a point.</param>
/// <param name="DontKnow">Don't-know answers.</param>
/// <param name="NotAnswered">Respondents who skipped the item (neither a point nor don't-know).</param>
/// <param name="Mean">Mean of the RAW points as answered (before reverse scoring); null when none.</param>
/// <param name="Sd">Sample standard deviation (n − 1) of the raw points; null when fewer than 2.</param>
/// <param name="Score">0–100 of the mean AFTER reverse scoring, i.e. in the dimension's direction; null when none.</param>
/// <param name="Distribution">Counts per RAW point (what respondents ticked) and don't-know.</param>
public sealed record ItemSummary(
    string ItemId,
    bool Reversed,
    long Answered,
    long DontKnow,
    long NotAnswered,
    double? Mean,
    double? Sd,
    double? Score,
    Distribution Distribution);

/// <summary>Read-out of one dimension over the respondents of an aggregate. Scores are on 0–100.</summary>
/// <param name="DimensionId">The dimension.</param>
/// <param name="ItemCount">Number of items (k).</param>
/// <param name="Respondents">Responses in the aggregate.</param>
/// <param name="N">Respondents whose dimension score counts (enough items answered).</param>
/// <param name="Mean">Mean of the respondents' dimension scores (0–100); null when N = 0.</param>
/// <param name="Sd">Sample standard deviation (n − 1) of those scores; null when N &lt; 2.</param>
/// <param name="StandardError">Sd / √N; null when N &lt; 2.</param>
/// <param name="CiLow">Lower end of the 95% confidence interval Mean − t(0.975, N − 1)·SE; null when N &lt; 2. Not clamped to 0–100.</param>
/// <param name="CiHigh">Upper end of that interval; null when N &lt; 2. Not clamped to 0–100.</param>
/// <param name="CompleteCases">Respondents who answered all k items (the basis of alpha).</param>
/// <param name="Alpha">Cronbach's alpha over the complete cases; null when k &lt; 2, fewer than 2 complete cases or zero total variance.</param>
/// <param name="Distribution">Counts per point AFTER reverse scoring, summed over the items, and don't-know.</param>
/// <param name="Items">The items, in model order.</param>
public sealed record DimensionSummary(
    string DimensionId,
    int ItemCount,
    long Respondents,
    long N,
    double? Mean,
    double? Sd,
    double? StandardError,
    double? CiLow,
    double? CiHigh,
    long CompleteCases,
    double? Alpha,
    Distribution Distribution,
    IReadOnlyList<ItemSummary> Items)
{
    /// <summary>Confidence level of <see cref="CiLow"/>..<see cref="CiHigh"/>.</summary>
    public const double ConfidenceLevel = 0.95;

    /// <summary>Respondents without a dimension score (too few items answered).</summary>
    public long NotScored => Respondents - N;
}
