namespace Leerrijk.Scoring.Statistics;

/// <summary>
/// The sufficient statistics of an <see cref="Aggregate"/> as plain data (public properties, arrays of integers),
/// so the app can store them and later continue adding responses or merge them, without the raw answers.
/// </summary>
/// <remarks>
/// Every number is an exact integer count or sum, so adding and merging are exact and therefore associative and
/// commutative bit for bit; the read-outs (<see cref="Aggregate.Summarize(string)"/>) are computed from them.
/// Get one with <see cref="Aggregate.ToData"/> and turn it back into an aggregate with
/// <see cref="Aggregate.FromData"/>; both copy, so an instance is never shared with a live aggregate.
/// </remarks>
public sealed class AggregateData
{
    /// <summary>Scale minimum of the model the statistics were collected with.</summary>
    public int Min { get; set; }

    /// <summary>Scale maximum of the model the statistics were collected with.</summary>
    public int Max { get; set; }

    /// <summary>Number of responses added.</summary>
    public long Respondents { get; set; }

    /// <summary>Per item, in model order.</summary>
    public ItemStats[] Items { get; set; } = [];

    /// <summary>Per dimension, in model order.</summary>
    public DimensionStats[] Dimensions { get; set; } = [];
}

/// <summary>
/// Answer counts of one item. The answered count, sum and sum of squares follow from the counts
/// (Σ count, Σ count·point, Σ count·point²), so they are not stored twice.
/// </summary>
public sealed class ItemStats
{
    public string ItemId { get; set; } = string.Empty;

    /// <summary>Reverse flag of the item when the statistics were collected (merging checks it).</summary>
    public bool Reversed { get; set; }

    /// <summary>Counts per RAW point as answered: Counts[p − Min] for p = Min..Max.</summary>
    public long[] Counts { get; set; } = [];

    /// <summary>Number of don't-know answers.</summary>
    public long DontKnow { get; set; }
}

/// <summary>
/// Respondent-level statistics of one dimension with k items. All sums are over item points AFTER reverse scoring.
/// </summary>
/// <remarks>
/// A respondent who answered a items with sum S has dimension mean S / a. Keeping the count, Σ S and Σ S² per
/// answered count a (instead of Σ score and Σ score²) keeps everything in exact integers and lets the read-out apply
/// the model's minimum answered share. The complete cases (a = k) also feed Cronbach's alpha.
/// </remarks>
public sealed class DimensionStats
{
    public string DimensionId { get; set; } = string.Empty;

    /// <summary>[a] = number of respondents who answered exactly a of the k items with a point, a = 0..k.</summary>
    public long[] RespondentsByAnswered { get; set; } = [];

    /// <summary>[a] = Σ over those respondents of their sum of (recoded) points.</summary>
    public long[] SumByAnswered { get; set; } = [];

    /// <summary>[a] = Σ over those respondents of the square of that sum.</summary>
    public long[] SumOfSquaresByAnswered { get; set; } = [];

    /// <summary>[i] = Σ x_i over the complete cases (respondents who answered all k items; their number is RespondentsByAnswered[k]).</summary>
    public long[] CompleteSums { get; set; } = [];

    /// <summary>[i·k + j] = Σ x_i·x_j over the complete cases (a symmetric k×k matrix, row by row).</summary>
    public long[] CompleteCrossProducts { get; set; } = [];
}
