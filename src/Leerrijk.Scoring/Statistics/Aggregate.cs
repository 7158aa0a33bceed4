using System.Numerics;

namespace Leerrijk.Scoring.Statistics;

/// <summary>
/// Streamed sufficient statistics of a set of responses under one <see cref="ScoringModel"/>: add responses one at a
/// time, merge aggregates of groups or rounds, and read out means, SDs, confidence intervals, alpha and distributions
/// without the raw answers.
/// </summary>
/// <remarks>
/// <see cref="Add(Response)"/> updates this aggregate in place; <see cref="Merge"/> returns a new one and leaves both inputs
/// unchanged. All statistics are exact integers (see <see cref="AggregateData"/>), so merging is associative and
/// commutative exactly, and an aggregate does not depend on the order of its responses. Not thread-safe.
/// </remarks>
public sealed class Aggregate
{
    private readonly AggregateData _data;

    private Aggregate(ScoringModel model, AggregateData data)
    {
        Model = model;
        _data = data;
    }

    public ScoringModel Model { get; }

    /// <summary>Number of responses added.</summary>
    public long Respondents => _data.Respondents;

    /// <summary>An aggregate without responses.</summary>
    public static Aggregate Empty(ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var data = new AggregateData
        {
            Min = model.Min,
            Max = model.Max,
            Items = model.Items
                .Select(item => new ItemStats { ItemId = item.Id, Reversed = item.Reversed, Counts = new long[model.Points] })
                .ToArray(),
            Dimensions = model.DimensionIds
                .Select(id =>
                {
                    var k = model.ItemsOf(id).Count;
                    return new DimensionStats
                    {
                        DimensionId = id,
                        RespondentsByAnswered = new long[k + 1],
                        SumByAnswered = new long[k + 1],
                        SumOfSquaresByAnswered = new long[k + 1],
                        CompleteSums = new long[k],
                        CompleteCrossProducts = new long[k * k],
                    };
                })
                .ToArray(),
        };
        return new Aggregate(model, data);
    }

    /// <summary>An aggregate of the given responses.</summary>
    /// <exception cref="InvalidResponseException">A response does not fit the model.</exception>
    public static Aggregate Of(ScoringModel model, IEnumerable<Response> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var aggregate = Empty(model);
        foreach (var response in responses)
        {
            aggregate.Add(response);
        }

        return aggregate;
    }

    /// <summary>Restores an aggregate from stored statistics (copied and checked against the model).</summary>
    /// <exception cref="ArgumentException">The statistics do not belong to this model or are inconsistent.</exception>
    public static Aggregate FromData(ScoringModel model, AggregateData data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var copy = Copy(data);
        Validate(model, copy);
        return new Aggregate(model, copy);
    }

    /// <summary>A copy of the statistics as plain data, e.g. to store.</summary>
    public AggregateData ToData() => Copy(_data);

    /// <summary>Adds one response (in place).</summary>
    /// <exception cref="InvalidResponseException">The response does not fit the model; the aggregate is unchanged.</exception>
    /// <exception cref="OverflowException">A count or sum no longer fits in 64 bits (far beyond any real survey).</exception>
    public void Add(Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Add(ScoredResponse.Of(Model, response));
    }

    /// <summary>Adds one response scored before against this aggregate's model (in place).</summary>
    /// <exception cref="ArgumentException">It was scored against another model instance.</exception>
    /// <exception cref="OverflowException">A count or sum no longer fits in 64 bits (far beyond any real survey).</exception>
    public void Add(ScoredResponse scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        if (!ReferenceEquals(scored.Model, Model))
        {
            throw new ArgumentException("The response was scored against another model than this aggregate's.", nameof(scored));
        }

        var parsed = scored.Parsed;
        checked
        {
            _data.Respondents++;
            for (var i = 0; i < _data.Items.Length; i++)
            {
                var raw = parsed.Raw[i];
                if (raw == ParsedResponse.DontKnowMark)
                {
                    _data.Items[i].DontKnow++;
                }
                else if (raw != ParsedResponse.NotAnswered)
                {
                    _data.Items[i].Counts[raw - Model.Min]++;
                }
            }

            for (var d = 0; d < _data.Dimensions.Length; d++)
            {
                var stats = _data.Dimensions[d];
                var tally = scored.Tallies[d];
                stats.RespondentsByAnswered[tally.Answered]++;
                stats.SumByAnswered[tally.Answered] += tally.Sum;
                stats.SumOfSquaresByAnswered[tally.Answered] += tally.Sum * tally.Sum;

                var items = Model.ItemIndicesOf(d);
                var k = items.Length;
                if (tally.Answered == k)
                {
                    for (var i = 0; i < k; i++)
                    {
                        long xi = parsed.Recoded(Model, items[i]);
                        stats.CompleteSums[i] += xi;
                        for (var j = 0; j < k; j++)
                        {
                            stats.CompleteCrossProducts[(i * k) + j] += xi * parsed.Recoded(Model, items[j]);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// A new aggregate holding the responses of both (e.g. two teams, or two rounds pooled); both inputs stay
    /// unchanged. Both must have been collected with the same model structure (scale, items, reverse flags,
    /// dimensions); read-outs use this aggregate's <see cref="Model"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The aggregates do not have the same structure.</exception>
    public Aggregate Merge(Aggregate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var a = _data;
        var b = other._data;
        if (!SameShape(a, b))
        {
            throw new ArgumentException("Only aggregates collected with the same scoring model structure can be merged.", nameof(other));
        }

        var result = Copy(a);
        checked
        {
            result.Respondents += b.Respondents;
            for (var i = 0; i < result.Items.Length; i++)
            {
                AddInto(result.Items[i].Counts, b.Items[i].Counts);
                result.Items[i].DontKnow += b.Items[i].DontKnow;
            }

            for (var d = 0; d < result.Dimensions.Length; d++)
            {
                var target = result.Dimensions[d];
                var source = b.Dimensions[d];
                AddInto(target.RespondentsByAnswered, source.RespondentsByAnswered);
                AddInto(target.SumByAnswered, source.SumByAnswered);
                AddInto(target.SumOfSquaresByAnswered, source.SumOfSquaresByAnswered);
                AddInto(target.CompleteSums, source.CompleteSums);
                AddInto(target.CompleteCrossProducts, source.CompleteCrossProducts);
            }
        }

        return new Aggregate(Model, result);
    }

    /// <summary>Read-outs of all dimensions, in model order.</summary>
    public IReadOnlyList<DimensionSummary> Summarize() => Model.DimensionIds.Select(Summarize).ToArray();

    /// <summary>Read-out of one dimension: N, mean, SD and 95% CI of the respondents' 0–100 scores, alpha, distributions.</summary>
    /// <exception cref="ArgumentException">Unknown dimension.</exception>
    public DimensionSummary Summarize(string dimensionId)
    {
        var d = Model.DimensionIndex(dimensionId);
        var stats = _data.Dimensions[d];
        var itemIndices = Model.ItemIndicesOf(d);
        var k = itemIndices.Length;
        var (n, mean, sd) = DimensionScoreMoments(stats, Model.RequiredAnswers(d), k);

        double? standardError = null, ciLow = null, ciHigh = null;
        if (n >= 2 && mean is { } m && sd is { } s)
        {
            var se = s / Math.Sqrt(n);
            var t = StudentT.Quantile(0.5 + (DimensionSummary.ConfidenceLevel / 2), n - 1);
            standardError = se;
            ciLow = m - (t * se);
            ciHigh = m + (t * se);
        }

        var counts = new long[Model.Points];
        long dontKnow = 0;
        foreach (var i in itemIndices)
        {
            var itemStats = _data.Items[i];
            var reversed = Model.Items[i].Reversed;
            for (var c = 0; c < counts.Length; c++)
            {
                // A reversed item's raw point min + c counts as max − c, i.e. index (points − 1 − c).
                counts[reversed ? counts.Length - 1 - c : c] += itemStats.Counts[c];
            }

            dontKnow += itemStats.DontKnow;
        }

        return new DimensionSummary(
            DimensionId: dimensionId,
            ItemCount: k,
            Respondents: _data.Respondents,
            N: n,
            Mean: mean,
            Sd: sd,
            StandardError: standardError,
            CiLow: ciLow,
            CiHigh: ciHigh,
            CompleteCases: stats.RespondentsByAnswered[k],
            Alpha: CronbachAlpha(stats, k),
            Distribution: new Distribution(Model.Min, Model.Max, counts, dontKnow),
            Items: itemIndices.Select(SummarizeItem).ToArray());
    }

    /// <summary>Read-out of one item.</summary>
    /// <exception cref="ArgumentException">Unknown item.</exception>
    public ItemSummary SummarizeItem(string itemId) => SummarizeItem(Model.ItemIndexOrThrow(itemId));

    private ItemSummary SummarizeItem(int index)
    {
        var item = Model.Items[index];
        var stats = _data.Items[index];
        long n = 0;
        BigInteger sum = 0, sumOfSquares = 0;
        for (var c = 0; c < stats.Counts.Length; c++)
        {
            long point = Model.Min + c;
            n += stats.Counts[c];
            sum += (BigInteger)stats.Counts[c] * point;
            sumOfSquares += (BigInteger)stats.Counts[c] * point * point;
        }

        double? mean = null, sd = null, score = null;
        if (n > 0)
        {
            mean = ExactArithmetic.Ratio(sum, n);
            var above = item.Reversed ? ((BigInteger)n * Model.Max) - sum : sum - ((BigInteger)n * Model.Min);
            score = Math.Clamp(ExactArithmetic.Ratio(100 * above, (BigInteger)n * (Model.Max - Model.Min)), 0.0, 100.0);
        }

        if (n > 1)
        {
            sd = Math.Sqrt(ExactArithmetic.Ratio((n * sumOfSquares) - (sum * sum), (BigInteger)n * (n - 1)));
        }

        return new ItemSummary(
            item.Id,
            item.Reversed,
            n,
            stats.DontKnow,
            _data.Respondents - n - stats.DontKnow,
            mean,
            sd,
            score,
            new Distribution(Model.Min, Model.Max, stats.Counts.ToArray(), stats.DontKnow));
    }

    /// <summary>N, mean and SD of the respondents' 0–100 dimension scores, computed exactly from the integer sums.</summary>
    /// <remarks>
    /// A respondent with a answered items and sum S has u = (S − a·min) / a on 0..range and score 100·u / range.
    /// With L the least common multiple of the answered counts that occur, L·Σu and L²·Σu² are integers, so
    /// the mean 100·Σu / (N·range) and the variance (100/range)²·(N·Σu² − (Σu)²) / (N·(N − 1)) are exact fractions.
    /// </remarks>
    private (long N, double? Mean, double? Sd) DimensionScoreMoments(DimensionStats stats, int required, int k)
    {
        long n = 0;
        BigInteger lcm = 1;
        for (var a = required; a <= k; a++)
        {
            if (stats.RespondentsByAnswered[a] > 0)
            {
                n += stats.RespondentsByAnswered[a];
                lcm = ExactArithmetic.Lcm(lcm, a);
            }
        }

        if (n == 0)
        {
            return (0, null, null);
        }

        BigInteger sumU = 0, sumU2 = 0; // L·Σu and L²·Σu²
        for (var a = required; a <= k; a++)
        {
            var count = stats.RespondentsByAnswered[a];
            if (count == 0)
            {
                continue;
            }

            var shift = (BigInteger)a * Model.Min;
            BigInteger sumS = stats.SumByAnswered[a];
            BigInteger sumS2 = stats.SumOfSquaresByAnswered[a];
            var shifted = sumS - (count * shift);                                   // Σ (S − a·min)
            var shiftedSquares = sumS2 - (2 * shift * sumS) + (count * shift * shift); // Σ (S − a·min)²
            var factor = lcm / a;
            sumU += shifted * factor;
            sumU2 += shiftedSquares * factor * factor;
        }

        var range = Model.Max - Model.Min;
        var mean = Math.Clamp(ExactArithmetic.Ratio(100 * sumU, lcm * n * range), 0.0, 100.0);
        if (n < 2)
        {
            return (n, mean, null);
        }

        var numerator = 10_000 * ((n * sumU2) - (sumU * sumU));
        var denominator = (BigInteger)range * range * lcm * lcm * n * (n - 1);
        var sd = Math.Sqrt(Math.Max(0.0, ExactArithmetic.Ratio(numerator, denominator)));
        return (n, mean, sd);
    }

    /// <summary>
    /// α = k/(k−1) · (1 − Σ var_i / var_total) over the complete cases. With n cases, sums S_i and cross products
    /// C_ij, n·(n−1)·cov_ij = n·C_ij − S_i·S_j, so α = k · (T − V) / ((k − 1) · T) with V = Σ_i (n·C_ii − S_i²)
    /// and T = Σ_ij (n·C_ij − S_i·S_j) = n·(n−1)·var_total, exact in integers.
    /// </summary>
    private static double? CronbachAlpha(DimensionStats stats, int k)
    {
        var n = stats.RespondentsByAnswered[k];
        if (k < 2 || n < 2)
        {
            return null;
        }

        BigInteger itemVariances = 0, total = 0;
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                var centred = ((BigInteger)n * stats.CompleteCrossProducts[(i * k) + j])
                    - ((BigInteger)stats.CompleteSums[i] * stats.CompleteSums[j]);
                total += centred;
                if (i == j)
                {
                    itemVariances += centred;
                }
            }
        }

        if (total.Sign <= 0)
        {
            return null;
        }

        return ExactArithmetic.Ratio(k * (total - itemVariances), (k - 1) * total);
    }

    private static void AddInto(long[] target, long[] source)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = checked(target[i] + source[i]);
        }
    }

    private static bool SameShape(AggregateData a, AggregateData b)
    {
        if (a.Min != b.Min || a.Max != b.Max || a.Items.Length != b.Items.Length || a.Dimensions.Length != b.Dimensions.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Items.Length; i++)
        {
            if (!string.Equals(a.Items[i].ItemId, b.Items[i].ItemId, StringComparison.Ordinal) || a.Items[i].Reversed != b.Items[i].Reversed)
            {
                return false;
            }
        }

        for (var d = 0; d < a.Dimensions.Length; d++)
        {
            if (!string.Equals(a.Dimensions[d].DimensionId, b.Dimensions[d].DimensionId, StringComparison.Ordinal)
                || a.Dimensions[d].CompleteSums.Length != b.Dimensions[d].CompleteSums.Length)
            {
                return false;
            }
        }

        return true;
    }

    private static void Validate(ScoringModel model, AggregateData data)
    {
        static ArgumentException Mismatch(string what) =>
            new($"The stored statistics do not match the scoring model: {what}.", nameof(data));

        if (data.Min != model.Min || data.Max != model.Max)
        {
            throw Mismatch("different scale");
        }

        if (data.Respondents < 0)
        {
            throw Mismatch("negative number of respondents");
        }

        if (data.Items is null || data.Items.Length != model.Items.Count)
        {
            throw Mismatch("different number of items");
        }

        for (var i = 0; i < data.Items.Length; i++)
        {
            var stats = data.Items[i] ?? throw Mismatch($"item {i} is missing");
            var item = model.Items[i];
            if (!string.Equals(stats.ItemId, item.Id, StringComparison.Ordinal) || stats.Reversed != item.Reversed)
            {
                throw Mismatch($"item '{stats.ItemId}' is not '{item.Id}' with the same reverse flag");
            }

            if (stats.Counts is null || stats.Counts.Length != model.Points || stats.Counts.Any(c => c < 0) || stats.DontKnow < 0)
            {
                throw Mismatch($"counts of item '{item.Id}'");
            }

            if (stats.Counts.Sum() + stats.DontKnow > data.Respondents)
            {
                throw Mismatch($"item '{item.Id}' has more answers than respondents");
            }
        }

        if (data.Dimensions is null || data.Dimensions.Length != model.DimensionIds.Count)
        {
            throw Mismatch("different number of dimensions");
        }

        for (var d = 0; d < data.Dimensions.Length; d++)
        {
            var stats = data.Dimensions[d] ?? throw Mismatch($"dimension {d} is missing");
            var id = model.DimensionIds[d];
            var k = model.ItemIndicesOf(d).Length;
            if (!string.Equals(stats.DimensionId, id, StringComparison.Ordinal))
            {
                throw Mismatch($"dimension '{stats.DimensionId}' is not '{id}'");
            }

            if (stats.RespondentsByAnswered?.Length != k + 1
                || stats.SumByAnswered?.Length != k + 1
                || stats.SumOfSquaresByAnswered?.Length != k + 1
                || stats.CompleteSums?.Length != k
                || stats.CompleteCrossProducts?.Length != k * k)
            {
                throw Mismatch($"array lengths of dimension '{id}'");
            }

            if (stats.RespondentsByAnswered.Any(c => c < 0) || stats.RespondentsByAnswered.Sum() != data.Respondents)
            {
                throw Mismatch($"respondent counts of dimension '{id}'");
            }

            for (var a = 0; a <= k; a++)
            {
                // Each of the respondents with a answers has a sum between a·min and a·max.
                var count = (BigInteger)stats.RespondentsByAnswered[a];
                var sum = (BigInteger)stats.SumByAnswered[a];
                if (sum < count * a * model.Min || sum > count * a * model.Max || stats.SumOfSquaresByAnswered[a] < 0)
                {
                    throw Mismatch($"sums of dimension '{id}'");
                }
            }
        }
    }

    private static AggregateData Copy(AggregateData data) => new()
    {
        Min = data.Min,
        Max = data.Max,
        Respondents = data.Respondents,
        Items = data.Items?.Select(item => item is null ? null! : new ItemStats
        {
            ItemId = item.ItemId,
            Reversed = item.Reversed,
            Counts = item.Counts?.ToArray()!,
            DontKnow = item.DontKnow,
        }).ToArray()!,
        Dimensions = data.Dimensions?.Select(stats => stats is null ? null! : new DimensionStats
        {
            DimensionId = stats.DimensionId,
            RespondentsByAnswered = stats.RespondentsByAnswered?.ToArray()!,
            SumByAnswered = stats.SumByAnswered?.ToArray()!,
            SumOfSquaresByAnswered = stats.SumOfSquaresByAnswered?.ToArray()!,
            CompleteSums = stats.CompleteSums?.ToArray()!,
            CompleteCrossProducts = stats.CompleteCrossProducts?.ToArray()!,
        }).ToArray()!,
    };
}
