using System.Text.Json;
using FsCheck.Xunit;
using Leerrijk.Scoring.Statistics;

namespace Leerrijk.UnitTests.Scoring.Statistics;

[Properties(Arbitrary = [typeof(StatisticsGenerators)])]
public sealed class AggregatePropertyTests
{
    [Property]
    public void Scores_always_lie_between_0_and_100(Scenario scenario)
    {
        foreach (var response in scenario.All)
        {
            foreach (var score in Scorer.Score(scenario.Model, response).Dimensions)
            {
                Assert.True(score.Score is null or >= 0 and <= 100, $"Respondent score {score.Score}");
            }
        }

        foreach (var summary in Aggregate.Of(scenario.Model, scenario.All).Summarize())
        {
            Assert.True(summary.Mean is null or >= 0 and <= 100, $"Mean {summary.Mean}");
            Assert.All(summary.Items, item => Assert.True(item.Score is null or >= 0 and <= 100, $"Item score {item.Score}"));
        }
    }

    [Property]
    public void Reversing_an_item_twice_is_the_identity(Scenario scenario)
    {
        var model = scenario.Model;
        foreach (var item in model.Items)
        {
            for (var point = model.Min; point <= model.Max; point++)
            {
                var once = model.Recode(item.Id, point);
                Assert.Equal(item.Reversed ? model.Min + model.Max - point : point, once);
                Assert.Equal(point, model.Recode(item.Id, once));
            }
        }
    }

    [Property]
    public void Answering_x_on_a_reversed_item_scores_as_answering_min_plus_max_minus_x_on_a_normal_one(Scenario scenario)
    {
        // Flip every item's reverse flag and mirror every answer: all scores and aggregates must stay the same.
        var model = scenario.Model;
        var flippedModel = new ScoringModel(
            model.Min,
            model.Max,
            model.DimensionIds,
            model.Items.Select(i => i with { Reversed = !i.Reversed }),
            model.MinAnsweredShare);
        var mirrored = scenario.All.Select(r => new Response(r.Answers.Select(a =>
            a.Answer.Point is { } x ? a with { Answer = model.Min + model.Max - x } : a))).ToArray();

        for (var r = 0; r < mirrored.Length; r++)
        {
            Assert.Equal(
                Scorer.Score(model, scenario.All[r]).Dimensions,
                Scorer.Score(flippedModel, mirrored[r]).Dimensions);
        }

        var original = Aggregate.Of(model, scenario.All).Summarize();
        var flipped = Aggregate.Of(flippedModel, mirrored).Summarize();
        for (var d = 0; d < original.Count; d++)
        {
            Assert.Equal(original[d].Mean, flipped[d].Mean);
            Assert.Equal(original[d].Sd, flipped[d].Sd);
            Assert.Equal(original[d].Alpha, flipped[d].Alpha);
            Assert.Equal(original[d].Distribution.Counts, flipped[d].Distribution.Counts);
        }
    }

    [Property]
    public void The_order_of_responses_does_not_matter(Scenario scenario)
    {
        var shuffled = scenario.All.ToArray();
        new Random(scenario.Seed).Shuffle(shuffled);

        AssertSameData(Aggregate.Of(scenario.Model, scenario.All), Aggregate.Of(scenario.Model, shuffled));
    }

    [Property]
    public void The_order_of_answers_within_a_response_does_not_matter(Scenario scenario)
    {
        var random = new Random(scenario.Seed);
        foreach (var response in scenario.All)
        {
            var answers = response.Answers.ToArray();
            random.Shuffle(answers);
            Assert.Equal(
                Scorer.Score(scenario.Model, response).Dimensions,
                Scorer.Score(scenario.Model, new Response(answers)).Dimensions);
        }
    }

    [Property]
    public void Merging_equals_aggregating_the_concatenated_responses(Scenario scenario)
    {
        var model = scenario.Model;
        var merged = Aggregate.Of(model, scenario.A).Merge(Aggregate.Of(model, scenario.B));
        var direct = Aggregate.Of(model, [.. scenario.A, .. scenario.B]);

        AssertSameData(direct, merged);
        AssertSameReadOuts(direct, merged);
    }

    [Property]
    public void Merge_is_commutative_and_associative(Scenario scenario)
    {
        var model = scenario.Model;
        var a = Aggregate.Of(model, scenario.A);
        var b = Aggregate.Of(model, scenario.B);
        var c = Aggregate.Of(model, scenario.C);

        AssertSameData(a.Merge(b), b.Merge(a));
        AssertSameData(a.Merge(b).Merge(c), a.Merge(b.Merge(c)));
        AssertSameReadOuts(a.Merge(b).Merge(c), c.Merge(a).Merge(b));
        AssertSameData(a, a.Merge(Aggregate.Empty(model)));
    }

    [Property]
    public void Merging_leaves_its_inputs_unchanged(Scenario scenario)
    {
        var a = Aggregate.Of(scenario.Model, scenario.A);
        var b = Aggregate.Of(scenario.Model, scenario.B);
        var before = JsonSerializer.Serialize(a.ToData()) + JsonSerializer.Serialize(b.ToData());

        _ = a.Merge(b);

        Assert.Equal(before, JsonSerializer.Serialize(a.ToData()) + JsonSerializer.Serialize(b.ToData()));
    }

    [Property]
    public void Read_outs_match_a_direct_two_pass_computation_on_the_raw_answers(Scenario scenario)
    {
        var model = scenario.Model;
        var aggregate = Aggregate.Of(model, scenario.All);
        foreach (var dimension in model.DimensionIds)
        {
            var summary = aggregate.Summarize(dimension);
            var scores = scenario.All
                .Select(r => Scorer.Score(model, r).ScoreOf(dimension))
                .Where(s => s is not null)
                .Select(s => s!.Value)
                .ToArray();

            Assert.Equal(scores.Length, summary.N);
            Assert.Equal(scenario.All.Length, summary.Respondents);
            Close.Equal(scores.Length == 0 ? null : scores.Average(), summary.Mean);
            Close.Equal(SampleSd(scores), summary.Sd);
            if (scores.Length >= 2)
            {
                var t = StudentT.Quantile(0.975, scores.Length - 1);
                var half = t * SampleSd(scores)!.Value / Math.Sqrt(scores.Length);
                Close.Equal(scores.Average() - half, summary.CiLow);
                Close.Equal(scores.Average() + half, summary.CiHigh);
            }

            var (completeCases, alpha) = DirectAlpha(model, dimension, scenario.All);
            Assert.Equal(completeCases, summary.CompleteCases);
            Close.Equal(alpha, summary.Alpha);
        }
    }

    [Property]
    public void Distributions_count_every_answer_and_dont_know(Scenario scenario)
    {
        var model = scenario.Model;
        var aggregate = Aggregate.Of(model, scenario.All);
        foreach (var item in model.Items)
        {
            var answers = scenario.All
                .SelectMany(r => r.Answers)
                .Where(a => a.ItemId == item.Id)
                .Select(a => a.Answer)
                .ToArray();
            var summary = aggregate.SummarizeItem(item.Id);

            Assert.Equal(answers.Count(a => a.IsDontKnow), summary.DontKnow);
            Assert.Equal(scenario.All.Length - answers.Length, summary.NotAnswered);
            for (var point = model.Min; point <= model.Max; point++)
            {
                Assert.Equal(answers.Count(a => a.Point == point), summary.Distribution.CountOf(point));
            }

            var points = answers.Where(a => !a.IsDontKnow).Select(a => (double)a.Point!.Value).ToArray();
            Close.Equal(points.Length == 0 ? null : points.Average(), summary.Mean);
            Close.Equal(SampleSd(points), summary.Sd);
        }

        foreach (var summary in aggregate.Summarize())
        {
            Assert.Equal(summary.Items.Sum(i => i.Distribution.Answered), summary.Distribution.Answered);
            Assert.Equal(summary.Items.Sum(i => i.DontKnow), summary.Distribution.DontKnow);
        }
    }

    [Property]
    public void Read_outs_are_never_NaN_and_null_exactly_where_undefined(Scenario scenario)
    {
        var aggregate = Aggregate.Of(scenario.Model, scenario.All);
        foreach (var summary in aggregate.Summarize())
        {
            double?[] values = [summary.Mean, summary.Sd, summary.StandardError, summary.CiLow, summary.CiHigh, summary.Alpha];
            Assert.All(values, v => Assert.True(v is null || double.IsFinite(v.Value), $"Not finite: {v}"));

            Assert.Equal(summary.N == 0, summary.Mean is null);
            Assert.Equal(summary.N < 2, summary.Sd is null);
            Assert.Equal(summary.N < 2, summary.CiLow is null);
            Assert.Equal(summary.N < 2, summary.CiHigh is null);
            if (summary.ItemCount < 2 || summary.CompleteCases < 2)
            {
                Assert.Null(summary.Alpha);
            }

            foreach (var item in summary.Items)
            {
                double?[] itemValues = [item.Mean, item.Sd, item.Score];
                Assert.All(itemValues, v => Assert.True(v is null || double.IsFinite(v.Value), $"Not finite: {v}"));
                Assert.Equal(item.Answered == 0, item.Mean is null);
                Assert.Equal(item.Answered < 2, item.Sd is null);
            }
        }
    }

    [Property]
    public void Stored_statistics_restore_the_same_aggregate_also_through_json(Scenario scenario)
    {
        var aggregate = Aggregate.Of(scenario.Model, scenario.A);
        var json = JsonSerializer.Serialize(aggregate.ToData());
        var restored = Aggregate.FromData(scenario.Model, JsonSerializer.Deserialize<AggregateData>(json)!);

        AssertSameData(aggregate, restored);

        // Streaming continues where it stopped.
        foreach (var response in scenario.B)
        {
            restored.Add(response);
        }

        AssertSameData(Aggregate.Of(scenario.Model, [.. scenario.A, .. scenario.B]), restored);
    }

    private static void AssertSameData(Aggregate expected, Aggregate actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected.ToData()), JsonSerializer.Serialize(actual.ToData()));

    private static void AssertSameReadOuts(Aggregate expected, Aggregate actual)
    {
        var left = expected.Summarize();
        var right = actual.Summarize();
        Assert.Equal(left.Count, right.Count);
        for (var d = 0; d < left.Count; d++)
        {
            Assert.Equal(left[d].N, right[d].N);
            Close.Equal(left[d].Mean, right[d].Mean);
            Close.Equal(left[d].Sd, right[d].Sd);
            Close.Equal(left[d].CiLow, right[d].CiLow);
            Close.Equal(left[d].CiHigh, right[d].CiHigh);
            Close.Equal(left[d].Alpha, right[d].Alpha);
            Assert.Equal(left[d].Distribution.Counts, right[d].Distribution.Counts);
            Assert.Equal(left[d].Distribution.DontKnow, right[d].Distribution.DontKnow);
        }
    }

    private static double? SampleSd(double[] values)
    {
        if (values.Length < 2)
        {
            return null;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    /// <summary>Textbook alpha: item variances and the variance of the totals over the complete cases, two-pass.</summary>
    private static (long CompleteCases, double? Alpha) DirectAlpha(ScoringModel model, string dimension, Response[] responses)
    {
        var items = model.ItemsOf(dimension);
        var complete = new List<double[]>();
        foreach (var response in responses)
        {
            var row = items
                .Select(item => response.Answers.FirstOrDefault(a => a.ItemId == item.Id).Answer.Point is { } x
                    ? model.Recode(item.Id, x)
                    : (double?)null)
                .ToArray();
            if (row.All(x => x is not null))
            {
                complete.Add(row.Select(x => x!.Value).ToArray());
            }
        }

        var k = items.Count;
        if (k < 2 || complete.Count < 2)
        {
            return (complete.Count, null);
        }

        var itemVariances = Enumerable.Range(0, k).Sum(i => Variance(complete.Select(row => row[i]).ToArray()));
        var totalVariance = Variance(complete.Select(row => row.Sum()).ToArray());
        return totalVariance == 0
            ? (complete.Count, null)
            : (complete.Count, k / (k - 1.0) * (1 - (itemVariances / totalVariance)));
    }

    private static double Variance(double[] values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
    }
}
