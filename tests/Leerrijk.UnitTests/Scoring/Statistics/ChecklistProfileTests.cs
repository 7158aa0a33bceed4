using Leerrijk.Scoring.Statistics;

namespace Leerrijk.UnitTests.Scoring.Statistics;

public sealed class ChecklistProfileTests
{
    private const int No = ScoringModel.ChecklistNo;
    private const int Partly = ScoringModel.ChecklistPartly;
    private const int Yes = ScoringModel.ChecklistYes;

    [Fact]
    public void The_profile_gives_shares_per_item_and_a_score_per_principle()
    {
        var model = ScoringModel.Checklist(
            ["plan", "doen"],
            [new("p1", "plan"), new("p2", "plan"), new("d1", "doen")],
            minAnsweredShare: 0.5);
        var aggregate = Aggregate.Of(
            model,
            [
                Response.Of(("p1", Yes), ("p2", Partly), ("d1", No)),
                Response.Of(("p1", Yes), ("p2", Answer.DontKnow), ("d1", Partly)),
                Response.Of(("p1", No), ("p2", No), ("d1", Answer.DontKnow)),
            ]);

        var profile = ChecklistProfile.From(aggregate);

        // p1: yes, yes, no → no 1/3, partly 0, yes 2/3.
        var p1 = profile.Items[0];
        Assert.Equal(("p1", "plan", 3L, 0L), (p1.ItemId, p1.DimensionId, p1.Answered, p1.DontKnow));
        Assert.Equal(1.0 / 3, p1.No!.Value, 12);
        Assert.Equal(0.0, p1.Partly);
        Assert.Equal(2.0 / 3, p1.Yes!.Value, 12);

        // p2: partly, don't know, no → shares of the 2 answers: no ½, partly ½, yes 0.
        var p2 = profile.Items[1];
        Assert.Equal(1, p2.DontKnow);
        Assert.Equal((0.5, 0.5, 0.0), (p2.No!.Value, p2.Partly!.Value, p2.Yes!.Value));

        // plan per respondent: (2+1)/2 = 1.5 → 75; 2 (p2 don't know, 1 of 2 = 50% ≥ 50%) → 100; 0 → 0. Mean 175/3.
        // doen: 0 → 0; 1 → 50; don't know → no score. Mean 25.
        Assert.Equal(("plan", 3L), (profile.Principles[0].DimensionId, profile.Principles[0].N));
        Assert.Equal(175.0 / 3, profile.Principles[0].Score!.Value, 12);
        Assert.Equal(2, profile.Principles[1].N);
        Assert.Equal(25.0, profile.Principles[1].Score!.Value, 12);
    }

    [Fact]
    public void An_unanswered_checklist_has_no_shares_or_scores()
    {
        var model = ScoringModel.Checklist(["plan"], [new("p1", "plan")]);
        var profile = ChecklistProfile.From(Aggregate.Of(model, [Response.Of(("p1", Answer.DontKnow))]));

        Assert.Null(profile.Items[0].No);
        Assert.Null(profile.Items[0].Yes);
        Assert.Null(profile.Principles[0].Score);
    }

    [Fact]
    public void Only_a_checklist_scale_makes_a_checklist_profile()
    {
        var likert = new ScoringModel(1, 5, ["d"], [new("q", "d")]);

        Assert.Throws<ArgumentException>(() => ChecklistProfile.From(Aggregate.Empty(likert)));
    }
}
