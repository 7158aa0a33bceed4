using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Features.Menukaart;
using Leerrijk.Web.Features.Reports;

namespace Leerrijk.UnitTests.Features.Menukaart;

/// <summary>The ranking of first steps: attention first, then gaps, size fit, low effort, and variety.</summary>
public sealed class RecommenderTests
{
    private static Intervention Step(string slug, int hours, string[] dimensions, params string[] sizes) => new(
        slug, new LocalizedText(slug, slug), new LocalizedText("belofte", "promise"), new LocalizedText("waarom", "why"),
        [new("a", "a"), new("b", "b"), new("c", "c")], hours, 0, sizes.Length == 0 ? [CompanySizes.Small] : sizes, [],
        new Dictionary<string, IReadOnlyList<string>> { ["scan"] = dimensions });

    private static DimensionResult Dimension(string id, double? score) =>
        new("scan", id, "naam " + id, "betekenis", false, score is null ? null : 20, score, null, null, null, null, false, null, null, []);

    private static RoundReport Report(IReadOnlyList<DimensionResult> dimensions, IReadOnlyList<string> attention, IReadOnlyList<GapResult>? gaps = null) => new(
        Guid.NewGuid(), "Meting", "scan", "Scan", "nl", default, default, 5, ReportStatus.Full, 20, null, null, null,
        dimensions, [], attention, [], gaps ?? [], null, null, false, 10, []);

    [Fact]
    public void Attention_dimensions_come_first_then_gaps_each_once_before_any_gets_a_second_step()
    {
        var report = Report(
            [Dimension("a", 40), Dimension("b", 45), Dimension("c", 80), Dimension("d", 70)],
            attention: ["a", "b"],
            gaps: [new GapResult("c", "naam c", 90, 70, 20, Flagged: true)]);
        Intervention[] all = [Step("a1", 2, ["a"]), Step("a2", 3, ["a"]), Step("b1", 2, ["b"]), Step("c1", 2, ["c"]), Step("d1", 1, ["d"])];

        var ranked = Recommender.Rank(report, all, CompanySizes.Small);

        Assert.Equal(["a1", "b1", "c1", "a2"], ranked.Select(r => r.Intervention.Slug));
        Assert.Equal([RecommendationReason.Attention, RecommendationReason.Attention, RecommendationReason.Gap, RecommendationReason.Attention], ranked.Select(r => r.Reason));
        Assert.Equal(40, ranked[0].Score);
    }

    [Fact]
    public void Within_a_dimension_size_fit_beats_effort_and_effort_beats_the_name()
    {
        var report = Report([Dimension("a", 30)], attention: ["a"]);
        Intervention[] all = [Step("cheap-but-big-firms", 1, ["a"], CompanySizes.Medium), Step("z-fits", 8, ["a"], CompanySizes.Micro), Step("a-fits", 8, ["a"], CompanySizes.Micro), Step("fits-cheaper", 4, ["a"], CompanySizes.Micro)];

        var ranked = Recommender.Rank(report, all, CompanySizes.Micro);

        Assert.Equal(["fits-cheaper", "a-fits"], ranked.Select(r => r.Intervention.Slug));
        Assert.All(ranked, r => Assert.True(r.FitsSize));
    }

    [Fact]
    public void At_least_three_and_at_most_five_when_there_is_enough_to_choose_from_and_hidden_dimensions_are_never_a_reason()
    {
        var report = Report([Dimension("a", 30), Dimension("b", 35), Dimension("c", 60), Dimension("d", 70), Dimension("hidden", null)], attention: ["a", "b"]);
        var all = new[] { "a", "b", "c", "d", "hidden" }.SelectMany(d => Enumerable.Range(1, 3).Select(n => Step($"{d}{n}", n, [d]))).ToArray();

        var ranked = Recommender.Rank(report, all, CompanySizes.Small);

        Assert.InRange(ranked.Count, Recommender.Fewest, Recommender.Most);
        Assert.DoesNotContain(ranked, r => r.DimensionId == "hidden");
        Assert.Equal(ranked.Count, ranked.Select(r => r.Intervention.Slug).Distinct().Count());
        Assert.Equal(["a", "b", "c"], ranked.Take(3).Select(r => r.DimensionId));
    }

    [Fact]
    public void A_report_without_scores_gives_no_steps()
    {
        Assert.Empty(Recommender.Rank(Report([Dimension("a", null)], attention: []), [Step("a1", 1, ["a"])], null));
    }
}
