using System.Xml.Linq;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Tracks;

namespace Leerrijk.UnitTests.Features.Tracks;

/// <summary>
/// The close-out compares two reports: a change only where both scores are shown, and for every other dimension the
/// reason. It never sees a hidden figure, because a report carries none.
/// </summary>
public sealed class TrackComparisonTests
{
    [Fact]
    public void A_change_is_the_difference_of_the_two_whole_scores_the_reader_sees()
    {
        var comparison = TrackComparison.Between(
            Report(ReportStatus.Full, Dimension("a", 50.4), Dimension("b", 70.5)),
            Report(ReportStatus.Full, Dimension("a", 61.6), Dimension("b", 70.4)));

        Assert.Equal(
            [new DimensionChange("A", 50, 62, 12, null), new DimensionChange("B", 71, 70, -1, null)],
            comparison.Dimensions);
    }

    [Fact]
    public void A_dimension_hidden_in_either_round_has_no_figures_only_the_reason()
    {
        var comparison = TrackComparison.Between(
            Report(ReportStatus.Full, Dimension("a", null), Dimension("b", 60), Dimension("c", null)),
            Report(ReportStatus.Full, Dimension("a", 55), Dimension("b", null), Dimension("c", null)));

        Assert.Equal(
            [new DimensionChange("A", null, null, null, ChangeGap.HiddenInBaseline), new DimensionChange("B", null, null, null, ChangeGap.HiddenInFollowUp), new DimensionChange("C", null, null, null, ChangeGap.HiddenInBoth)],
            comparison.Dimensions);
    }

    [Fact]
    public void Dimensions_of_only_one_scan_and_rounds_with_too_few_responses_say_why()
    {
        var other = TrackComparison.Between(
            Report(ReportStatus.Full, Dimension("a", 50), Dimension("old", 40)),
            Report(ReportStatus.CompanyOnly, Dimension("a", 52), Dimension("new", 60)));
        var tooFew = TrackComparison.Between(Report(ReportStatus.TooFew), Report(ReportStatus.Full, Dimension("a", 52)));

        Assert.Equal(
            [new DimensionChange("A", 50, 52, 2, null), new DimensionChange("New", null, null, null, ChangeGap.OnlyInFollowUp), new DimensionChange("Old", null, null, null, ChangeGap.OnlyInBaseline)],
            other.Dimensions);
        Assert.True(tooFew.BaselineTooFew);
        Assert.Equal([new DimensionChange("A", null, null, null, ChangeGap.BaselineTooFew)], tooFew.Dimensions);
    }

    [Fact]
    public void Every_stage_gap_and_hours_problem_has_its_text_in_both_languages()
    {
        foreach (var file in new[] { "SharedResource.resx", "SharedResource.en.resx" })
        {
            var keys = XDocument.Load(RepositoryPaths.Of("src", "Leerrijk.Web", "Resources", file)).Root!
                .Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
            var needed = Enum.GetNames<TrackStage>().SelectMany(s => new[] { "Track.Stage." + s, "Track.StageHint." + s })
                .Concat(Enum.GetNames<ChangeGap>().Select(g => "Track.Gap." + g))
                .Concat(Enum.GetValues<HoursText.Problem>().Where(p => p != HoursText.Problem.None).Select(p => "Track.Hours." + p))
                .Concat(new[] { HoursText.Problem.Malformed, HoursText.Problem.NotQuarter }.Select(p => "Track.Budget." + p));
            Assert.All(needed, key => Assert.True(keys.Contains(key), $"{file}: {key}"));
        }
    }

    private static DimensionResult Dimension(string id, double? score) =>
        new("leerrijk-teamscan", id, id.Length == 1 ? id.ToUpperInvariant() : char.ToUpperInvariant(id[0]) + id[1..], "", false,
            score is null ? null : 20, score, null, null, null, null, false, null, null, []);

    private static RoundReport Report(ReportStatus status, params DimensionResult[] dimensions) =>
        new(Guid.NewGuid(), "Meting", "leerrijk-teamscan", "Teamscan", "nl", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 14), 6, status,
            status == ReportStatus.TooFew ? 3 : 20, null, null, null, dimensions, [], [], [], [], null, null, false, 6, []);
}
