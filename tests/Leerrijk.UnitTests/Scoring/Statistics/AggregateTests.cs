using Leerrijk.Scoring.Statistics;

namespace Leerrijk.UnitTests.Scoring.Statistics;

public sealed class AggregateTests
{
    // One dimension "leren" with three items on 1..5; five respondents (rows) answered all items.
    private static readonly int[][] Rows =
    [
        [4, 5, 4],
        [3, 3, 2],
        [5, 4, 5],
        [2, 2, 3],
        [4, 4, 4],
    ];

    private static ScoringModel ThreeItemModel(bool thirdReversed = false) => new(
        1,
        5,
        ["leren"],
        [new("a", "leren"), new("b", "leren"), new("c", "leren", thirdReversed)]);

    private static Aggregate FiveRespondents() =>
        Aggregate.Of(ThreeItemModel(), Rows.Select(r => Response.Of(("a", r[0]), ("b", r[1]), ("c", r[2]))));

    [Fact]
    public void Cronbachs_alpha_of_three_items_and_five_respondents_matches_the_hand_calculation()
    {
        // Item a: 4,3,5,2,4 → mean 3.6, squared deviations .16+.36+1.96+2.56+.16 = 5.2 → variance 5.2/4 = 1.3
        // Item b: 5,3,4,2,4 → mean 3.6, squared deviations 1.96+.36+.16+2.56+.16 = 5.2 → variance 1.3
        // Item c: 4,2,5,3,4 → mean 3.6, squared deviations .16+2.56+1.96+.36+.16 = 5.2 → variance 1.3
        // Totals: 13,8,14,7,12 → mean 10.8, squared deviations 4.84+7.84+10.24+14.44+1.44 = 38.8 → variance 9.7
        // α = 3/2 · (1 − 3.9/9.7) = 1.5 · 5.8/9.7 = 8.7/9.7 = 0.896907…
        var summary = FiveRespondents().Summarize("leren");

        Assert.Equal(5, summary.CompleteCases);
        Assert.Equal(8.7 / 9.7, summary.Alpha!.Value, 12);
    }

    [Fact]
    public void The_mean_score_has_a_t_based_95_percent_confidence_interval()
    {
        // Respondent means 13/3, 8/3, 14/3, 7/3, 12/3 → POMP 100·(m − 1)/4 = 100·(total − 3)/12:
        // 83.333, 41.667, 91.667, 33.333, 75 → mean 325/5 = 65.
        // SD = (100/12)·SD(totals) = (100/12)·√9.7 = 25.954019170662…; SE = SD/√5 = 11.607078…
        // t(0.975, 4) = 2.776445105197793 → half width 32.226171212901813 → CI [32.773828787098187, 97.226171212901813].
        var summary = FiveRespondents().Summarize("leren");

        Assert.Equal(5, summary.N);
        Assert.Equal(65.0, summary.Mean!.Value, 12);
        Assert.Equal(100.0 / 12 * Math.Sqrt(9.7), summary.Sd!.Value, 12);
        Assert.Equal(100.0 / 12 * Math.Sqrt(9.7) / Math.Sqrt(5), summary.StandardError!.Value, 12);
        Assert.Equal(32.773828787098187, summary.CiLow!.Value, 10);
        Assert.Equal(97.226171212901813, summary.CiHigh!.Value, 10);
    }

    [Fact]
    public void A_reversed_item_answered_in_mirror_gives_the_same_results()
    {
        // Item c reversed on 1..5: the raw answer x counts as 6 − x, so asking 6 − c gives back the same data.
        var model = ThreeItemModel(thirdReversed: true);
        var aggregate = Aggregate.Of(model, Rows.Select(r => Response.Of(("a", r[0]), ("b", r[1]), ("c", 6 - r[2]))));
        var summary = aggregate.Summarize("leren");

        Assert.Equal(8.7 / 9.7, summary.Alpha!.Value, 12);
        Assert.Equal(65.0, summary.Mean!.Value, 12);

        // The item read-out shows the raw answers (2,4,1,3,2 → mean 2.4) but a score in the dimension's direction (3.6 → 65).
        var item = summary.Items[2];
        Assert.True(item.Reversed);
        Assert.Equal(2.4, item.Mean!.Value, 12);
        Assert.Equal(65.0, item.Score!.Value, 12);
        Assert.Equal(2, item.Distribution.CountOf(2));

        // The dimension distribution is after recoding: item c contributes 4,2,5,3,4.
        Assert.Equal(FiveRespondents().Summarize("leren").Distribution.Counts, summary.Distribution.Counts);
    }

    [Fact]
    public void Dont_know_is_excluded_from_means_but_counted_in_distributions()
    {
        var model = new ScoringModel(1, 5, ["d"], [new("q1", "d"), new("q2", "d")], minAnsweredShare: 0.5);
        var aggregate = Aggregate.Of(
            model,
            [
                Response.Of(("q1", 5), ("q2", 3)),
                Response.Of(("q1", 5), ("q2", Answer.DontKnow)),
                Response.Of(("q1", Answer.DontKnow), ("q2", 1)),
                Response.Of(("q2", Answer.DontKnow)),
            ]);

        var q1 = aggregate.SummarizeItem("q1");
        Assert.Equal(2, q1.Answered);
        Assert.Equal(1, q1.DontKnow);
        Assert.Equal(1, q1.NotAnswered);
        Assert.Equal(5.0, q1.Mean);                        // (5 + 5) / 2: don't-know is not a 3
        Assert.Equal(0.0, q1.Sd);
        Assert.Equal(100.0, q1.Score);
        Assert.Equal([0L, 0, 0, 0, 2], q1.Distribution.Counts);
        Assert.Equal(1.0, q1.Distribution.ShareOf(5));

        var d = aggregate.Summarize("d");
        // Respondent scores: (5+3)/2 = 4 → 75; 5 → 100; 1 → 0; nothing answered → no score.
        Assert.Equal(3, d.N);
        Assert.Equal(1, d.NotScored);
        Assert.Equal(175.0 / 3, d.Mean!.Value, 12);
        Assert.Equal([1L, 0, 1, 0, 2], d.Distribution.Counts);
        Assert.Equal(3, d.Distribution.DontKnow);
        Assert.Equal(1, d.CompleteCases);
        Assert.Null(d.Alpha);                              // fewer than 2 complete cases
    }

    [Fact]
    public void The_75_percent_rule_decides_which_respondents_count()
    {
        // Four items: 3 answered (and 1 don't-know) counts, 2 answered does not.
        var model = new ScoringModel(1, 5, ["d"], [new("q1", "d"), new("q2", "d"), new("q3", "d"), new("q4", "d")]);
        var aggregate = Aggregate.Of(
            model,
            [
                Response.Of(("q1", 5), ("q2", 5), ("q3", 5), ("q4", Answer.DontKnow)),
                Response.Of(("q1", 1), ("q2", 1), ("q3", Answer.DontKnow)),
            ]);

        var summary = aggregate.Summarize("d");
        Assert.Equal(2, summary.Respondents);
        Assert.Equal(1, summary.N);
        Assert.Equal(100.0, summary.Mean);
        Assert.Null(summary.Sd);
        Assert.Null(summary.CiLow);
        Assert.Null(summary.CiHigh);
    }

    [Fact]
    public void An_empty_aggregate_reads_out_nulls_and_zeros()
    {
        var summary = Aggregate.Empty(ThreeItemModel()).Summarize("leren");

        Assert.Equal(0, summary.N);
        Assert.Null(summary.Mean);
        Assert.Null(summary.Sd);
        Assert.Null(summary.Alpha);
        Assert.All(summary.Items, item => Assert.Null(item.Mean));
        Assert.Null(summary.Distribution.ShareOf(3));
    }

    [Fact]
    public void Alpha_is_null_for_a_single_item_or_zero_total_variance()
    {
        var single = new ScoringModel(1, 5, ["d"], [new("q", "d")]);
        Assert.Null(Aggregate.Of(single, [Response.Of(("q", 1)), Response.Of(("q", 5))]).Summarize("d").Alpha);

        var same = Aggregate.Of(ThreeItemModel(), [Response.Of(("a", 3), ("b", 3), ("c", 3)), Response.Of(("a", 3), ("b", 3), ("c", 3))]);
        var summary = same.Summarize("leren");
        Assert.Null(summary.Alpha);
        Assert.Equal(0.0, summary.Sd);
        Assert.Equal(50.0, summary.CiLow);
        Assert.Equal(50.0, summary.CiHigh);
    }

    [Fact]
    public void An_invalid_response_leaves_the_aggregate_unchanged()
    {
        var aggregate = FiveRespondents();
        var before = System.Text.Json.JsonSerializer.Serialize(aggregate.ToData());

        Assert.Throws<InvalidResponseException>(() => aggregate.Add(Response.Of(("a", 4), ("b", 9))));

        Assert.Equal(before, System.Text.Json.JsonSerializer.Serialize(aggregate.ToData()));
    }

    [Fact]
    public void Aggregates_of_different_models_cannot_be_merged()
    {
        var other = new ScoringModel(1, 7, ["leren"], [new("a", "leren"), new("b", "leren"), new("c", "leren")]);

        var error = Assert.Throws<ArgumentException>(() => FiveRespondents().Merge(Aggregate.Empty(other)));
        Assert.Contains("same scoring model", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => FiveRespondents().Merge(Aggregate.Empty(ThreeItemModel(thirdReversed: true))));
    }

    [Fact]
    public void Stored_statistics_that_do_not_fit_the_model_are_refused()
    {
        var data = FiveRespondents().ToData();
        Assert.Throws<ArgumentException>(() => Aggregate.FromData(ThreeItemModel(thirdReversed: true), data));

        data.Respondents = 4;
        var error = Assert.Throws<ArgumentException>(() => Aggregate.FromData(ThreeItemModel(), data));
        Assert.Contains("do not match", error.Message, StringComparison.Ordinal);

        var tampered = FiveRespondents().ToData();
        tampered.Dimensions[0].SumByAnswered[3] = 1_000;
        Assert.Throws<ArgumentException>(() => Aggregate.FromData(ThreeItemModel(), tampered));
    }

    [Fact]
    public void The_stored_statistics_are_copies()
    {
        var aggregate = FiveRespondents();
        var data = aggregate.ToData();
        data.Items[0].Counts[0] = 999;

        Assert.Equal(0, aggregate.ToData().Items[0].Counts[0]);
    }

    [Fact]
    public void A_response_scored_once_counts_fully_in_every_aggregate_it_is_added_to()
    {
        var model = ThreeItemModel(thirdReversed: true);
        var responses = Rows.Select(r => Response.Of(("a", r[0]), ("b", Answer.DontKnow), ("c", r[2]))).ToList();
        var whole = Aggregate.Empty(model);
        var group = Aggregate.Empty(model);

        foreach (var scored in responses.Select(r => ScoredResponse.Of(model, r)))
        {
            whole.Add(scored);
            group.Add(scored);
        }

        var expected = System.Text.Json.JsonSerializer.Serialize(Aggregate.Of(model, responses).ToData());
        Assert.Equal(expected, System.Text.Json.JsonSerializer.Serialize(whole.ToData()));
        Assert.Equal(expected, System.Text.Json.JsonSerializer.Serialize(group.ToData()));
        Assert.Equal(Scorer.Score(model, responses[0]).Dimensions, ScoredResponse.Of(model, responses[0]).Scores.Dimensions);
    }

    [Fact]
    public void A_response_scored_against_another_model_is_refused_and_leaves_the_aggregate_unchanged()
    {
        var aggregate = Aggregate.Empty(ThreeItemModel());

        Assert.Throws<ArgumentException>(() => aggregate.Add(ScoredResponse.Of(ThreeItemModel(thirdReversed: true), Response.Of(("a", 4)))));
        Assert.Equal(0, aggregate.Respondents);
    }
}
