using Leerrijk.Scoring.Statistics;

namespace Leerrijk.UnitTests.Scoring.Statistics;

public sealed class ScorerTests
{
    private static readonly ScoringModel Model = new(
        1,
        5,
        ["leren", "delen"],
        [
            new("l1", "leren"),
            new("l2", "leren", Reversed: true),
            new("l3", "leren"),
            new("l4", "leren"),
            new("d1", "delen"),
            new("d2", "delen"),
        ]);

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(2.0, 25.0)]
    [InlineData(3.0, 50.0)]
    [InlineData(3.6, 65.0)]
    [InlineData(5.0, 100.0)]
    public void A_mean_converts_to_0_to_100_as_POMP(double mean, double expected)
    {
        // 100 · (m − 1) / (5 − 1)
        Assert.Equal(expected, Model.ToScore(mean), 12);
    }

    [Fact]
    public void A_checklist_mean_converts_to_0_to_100_on_its_0_to_2_scale()
    {
        var checklist = ScoringModel.Checklist(["p"], [new("c", "p")]);

        Assert.Equal(0.0, checklist.ToScore(0));
        Assert.Equal(50.0, checklist.ToScore(1));
        Assert.Equal(75.0, checklist.ToScore(1.5));
        Assert.Equal(100.0, checklist.ToScore(2));
    }

    [Fact]
    public void A_reversed_item_is_recoded_before_the_mean()
    {
        // l1 = 4, l2 = 2 reversed → 6 − 2 = 4, l3 = don't know, l4 = 5: three of four answered (≥ 75%).
        // Mean (4 + 4 + 5) / 3 = 13/3; POMP 100 · (13/3 − 1) / 4 = 250/3 = 83.33…
        var scores = Scorer.Score(Model, Response.Of(("l1", 4), ("l2", 2), ("l3", Answer.DontKnow), ("l4", 5)));
        var leren = scores["leren"];

        Assert.Equal(3, leren.Answered);
        Assert.Equal(1, leren.DontKnow);
        Assert.Equal(3, leren.Required);
        Assert.Equal(13.0 / 3, leren.Mean!.Value, 12);
        Assert.Equal(250.0 / 3, leren.Score!.Value, 12);
        Assert.Null(scores.ScoreOf("delen"));
    }

    [Fact]
    public void A_dimension_counts_with_3_of_4_items_answered_but_not_with_2()
    {
        var three = Scorer.Score(Model, Response.Of(("l1", 3), ("l3", 3), ("l4", 3)));
        var two = Scorer.Score(Model, Response.Of(("l1", 3), ("l3", 3), ("l4", Answer.DontKnow)));

        Assert.Equal(50.0, three.ScoreOf("leren"));
        Assert.Null(two.ScoreOf("leren"));
        Assert.Null(two["leren"].Mean);
        Assert.Equal(2, two["leren"].Answered);
        Assert.Equal(1, two["leren"].DontKnow);
    }

    [Fact]
    public void The_required_number_of_answers_follows_the_share()
    {
        Assert.Equal(3, Model.RequiredAnswers("leren"));   // ⌈0.75 · 4⌉
        Assert.Equal(2, Model.RequiredAnswers("delen"));   // ⌈0.75 · 2⌉

        var half = new ScoringModel(1, 5, ["d"], Enumerable.Range(1, 3).Select(i => new ItemDefinition("q" + i, "d")), 0.5);
        Assert.Equal(2, half.RequiredAnswers("d"));        // ⌈0.5 · 3⌉
    }

    [Fact]
    public void Dont_know_is_never_the_midpoint()
    {
        // d1 = 5, d2 = don't know: only 1 of 2 answered, below 75%, so no score (a midpoint would have given 87.5).
        Assert.Null(Scorer.Score(Model, Response.Of(("d1", 5), ("d2", Answer.DontKnow))).ScoreOf("delen"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-3)]
    public void An_answer_outside_the_scale_is_refused(int point)
    {
        var error = Assert.Throws<InvalidResponseException>(() => Scorer.Score(Model, Response.Of(("l1", point))));

        Assert.Equal(ResponseProblem.OutOfScale, error.Problem);
        Assert.Equal("l1", error.ItemId);
        Assert.Contains("outside the scale 1..5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_item_is_refused()
    {
        var error = Assert.Throws<InvalidResponseException>(() => Scorer.Score(Model, Response.Of(("x9", 3))));

        Assert.Equal(ResponseProblem.UnknownItem, error.Problem);
        Assert.Equal("x9", error.ItemId);
        Assert.Contains("'x9'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_answered_twice_is_refused_even_as_dont_know()
    {
        var error = Assert.Throws<InvalidResponseException>(
            () => Scorer.Score(Model, Response.Of(("l1", 3), ("l1", Answer.DontKnow))));

        Assert.Equal(ResponseProblem.DuplicateItem, error.Problem);
        Assert.Equal("l1", error.ItemId);
    }

    [Fact]
    public void Item_ids_are_case_sensitive()
    {
        var error = Assert.Throws<InvalidResponseException>(() => Scorer.Score(Model, Response.Of(("L1", 3))));

        Assert.Equal(ResponseProblem.UnknownItem, error.Problem);
    }

    [Fact]
    public void Recoding_checks_the_item_and_the_scale()
    {
        Assert.Equal(5, Model.Recode("l2", 1));
        Assert.Equal(1, Model.Recode("l1", 1));
        Assert.Throws<ArgumentException>(() => Model.Recode("nope", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.Recode("l1", 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.ToScore(5.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.ToScore(double.NaN));
    }
}
