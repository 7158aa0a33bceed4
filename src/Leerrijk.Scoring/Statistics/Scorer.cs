using System.Globalization;

namespace Leerrijk.Scoring.Statistics;

/// <summary>One respondent's result on one dimension.</summary>
/// <param name="DimensionId">The dimension.</param>
/// <param name="ItemCount">Number of items in the dimension (k).</param>
/// <param name="Answered">Items answered with a point (don't-know and skipped items are missing).</param>
/// <param name="DontKnow">Items answered with don't-know.</param>
/// <param name="Required">Items that must be answered for the score to count.</param>
/// <param name="Mean">Mean of the answered items after reverse scoring, on the answer scale; null when too few answered.</param>
/// <param name="Score">That mean on 0–100 (POMP); null when too few answered.</param>
public sealed record DimensionScore(
    string DimensionId,
    int ItemCount,
    int Answered,
    int DontKnow,
    int Required,
    double? Mean,
    double? Score);

/// <summary>A respondent's dimension scores, in model order.</summary>
public sealed class RespondentScores
{
    internal RespondentScores(IReadOnlyList<DimensionScore> dimensions) => Dimensions = dimensions;

    public IReadOnlyList<DimensionScore> Dimensions { get; }

    /// <exception cref="KeyNotFoundException">Unknown dimension.</exception>
    public DimensionScore this[string dimensionId] =>
        Dimensions.FirstOrDefault(d => string.Equals(d.DimensionId, dimensionId, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"Unknown dimension '{dimensionId}'.");

    /// <summary>The 0–100 score of a dimension, or null when too few of its items were answered.</summary>
    public double? ScoreOf(string dimensionId) => this[dimensionId].Score;
}

/// <summary>Scores single responses against a <see cref="ScoringModel"/>.</summary>
public static class Scorer
{
    /// <summary>
    /// Scores a response: per dimension the mean of the answered items after reverse scoring, converted to 0–100,
    /// or null when fewer than <see cref="ScoringModel.RequiredAnswers(string)"/> items were answered.
    /// </summary>
    /// <exception cref="InvalidResponseException">Unknown item, item answered twice, or a point outside the scale.</exception>
    public static RespondentScores Score(ScoringModel model, Response response) => ScoredResponse.Of(model, response).Scores;
}

/// <summary>
/// A response checked and scored once against one model, so it can be added to every group it counts in (and its
/// cell) without being parsed and scored again for each.
/// </summary>
public sealed class ScoredResponse
{
    private ScoredResponse(ScoringModel model, ParsedResponse parsed, ParsedResponse.DimensionTally[] tallies, RespondentScores scores)
    {
        Model = model;
        Parsed = parsed;
        Tallies = tallies;
        Scores = scores;
    }

    /// <summary>The model it was scored against; only aggregates of this same model instance take it.</summary>
    public ScoringModel Model { get; }

    /// <summary>The respondent's dimension scores, in model order.</summary>
    public RespondentScores Scores { get; }

    internal ParsedResponse Parsed { get; }

    /// <summary>Per dimension, in model order: items answered with a point and their recoded sum.</summary>
    internal ParsedResponse.DimensionTally[] Tallies { get; }

    /// <exception cref="InvalidResponseException">Unknown item, item answered twice, or a point outside the scale.</exception>
    public static ScoredResponse Of(ScoringModel model, Response response)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(response);

        var parsed = ParsedResponse.Parse(model, response);
        var tallies = new ParsedResponse.DimensionTally[model.DimensionIds.Count];
        var scores = new DimensionScore[model.DimensionIds.Count];
        for (var d = 0; d < scores.Length; d++)
        {
            var tally = tallies[d] = parsed.Tally(model, d);
            var required = model.RequiredAnswers(d);
            double? mean = null;
            double? score = null;
            if (tally.Answered >= required)
            {
                mean = (double)tally.Sum / tally.Answered;

                // 100 · (S − a·min) / (a · (max − min)): integer numerator and denominator, one rounding, never above 100.
                var numerator = tally.Sum - ((long)tally.Answered * model.Min);
                var denominator = (long)tally.Answered * (model.Max - model.Min);
                score = 100.0 * numerator / denominator;
            }

            scores[d] = new DimensionScore(
                model.DimensionIds[d],
                model.ItemIndicesOf(d).Length,
                tally.Answered,
                tally.DontKnow,
                required,
                mean,
                score);
        }

        return new ScoredResponse(model, parsed, tallies, new RespondentScores(scores));
    }
}

/// <summary>A response checked against the model, indexed by the model's item order.</summary>
internal sealed class ParsedResponse
{
    internal const int NotAnswered = int.MinValue;
    internal const int DontKnowMark = int.MinValue + 1;

    private ParsedResponse(int[] raw) => Raw = raw;

    /// <summary>Per model item: the raw point, <see cref="NotAnswered"/> or <see cref="DontKnowMark"/>.</summary>
    internal int[] Raw { get; }

    internal static ParsedResponse Parse(ScoringModel model, Response response)
    {
        var raw = new int[model.Items.Count];
        Array.Fill(raw, NotAnswered);
        foreach (var (itemId, answer) in response.Answers)
        {
            var index = itemId is null ? -1 : model.ItemIndex(itemId);
            if (index < 0)
            {
                throw new InvalidResponseException(
                    itemId ?? string.Empty,
                    ResponseProblem.UnknownItem,
                    $"Item '{itemId}' is not part of the scoring model.");
            }

            if (raw[index] != NotAnswered)
            {
                throw new InvalidResponseException(
                    itemId!,
                    ResponseProblem.DuplicateItem,
                    $"Item '{itemId}' is answered more than once.");
            }

            if (answer.Point is { } point)
            {
                if (point < model.Min || point > model.Max)
                {
                    throw new InvalidResponseException(
                        itemId!,
                        ResponseProblem.OutOfScale,
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"Item '{itemId}' is answered {point}, outside the scale {model.Min}..{model.Max}."));
                }

                raw[index] = point;
            }
            else
            {
                raw[index] = DontKnowMark;
            }
        }

        return new ParsedResponse(raw);
    }

    internal bool IsPoint(int item) => Raw[item] > DontKnowMark;

    /// <summary>The recoded point of an answered item (reverse scoring applied).</summary>
    internal int Recoded(ScoringModel model, int item) =>
        model.Items[item].Reversed ? model.Min + model.Max - Raw[item] : Raw[item];

    internal DimensionTally Tally(ScoringModel model, int dimension)
    {
        int answered = 0, dontKnow = 0;
        long sum = 0;
        foreach (var item in model.ItemIndicesOf(dimension))
        {
            if (IsPoint(item))
            {
                answered++;
                sum += Recoded(model, item);
            }
            else if (Raw[item] == DontKnowMark)
            {
                dontKnow++;
            }
        }

        return new DimensionTally(answered, dontKnow, sum);
    }

    internal readonly record struct DimensionTally(int Answered, int DontKnow, long Sum);
}
