using Leerrijk.Web.Features.Reports;

namespace Leerrijk.Web.Features.Tracks;

/// <summary>
/// The measured change of a track: per dimension, the follow-up round's score against the baseline round's. It is built
/// only from two reports as <see cref="ReportQueries"/> gives them, so only from figures the anonymity rule shows; the
/// difference of two shown figures tells nobody anything new. Where either figure is hidden there is no change, only why.
/// </summary>
public sealed record TrackComparison(IReadOnlyList<DimensionChange> Dimensions, bool BaselineTooFew, bool FollowUpTooFew)
{
    /// <summary>Compares two closed rounds' reports dimension by dimension (same scan and dimension id).</summary>
    public static TrackComparison Between(RoundReport baseline, RoundReport followUp)
    {
        var baselineTooFew = baseline.Status == ReportStatus.TooFew;
        var followUpTooFew = followUp.Status == ReportStatus.TooFew;
        var before = baseline.Dimensions.ToDictionary(d => (d.InstrumentId, d.Id));
        var after = followUp.Dimensions.ToDictionary(d => (d.InstrumentId, d.Id));
        var rows = new List<DimensionChange>();

        // The follow-up's order first: it is the report the reader has just been given.
        foreach (var now in followUp.Dimensions)
        {
            if (!before.TryGetValue((now.InstrumentId, now.Id), out var then))
            {
                rows.Add(new DimensionChange(now.Name, null, null, null, baselineTooFew ? ChangeGap.BaselineTooFew : ChangeGap.OnlyInFollowUp));
                continue;
            }

            var gap = (then.Score, now.Score) switch
            {
                (null, null) => ChangeGap.HiddenInBoth,
                (null, _) => ChangeGap.HiddenInBaseline,
                (_, null) => ChangeGap.HiddenInFollowUp,
                _ => (ChangeGap?)null,
            };
            rows.Add(gap is null
                ? new DimensionChange(now.Name, Rounded(then.Score!.Value), Rounded(now.Score!.Value), Rounded(now.Score.Value) - Rounded(then.Score.Value), null)
                : new DimensionChange(now.Name, null, null, null, gap));
        }

        foreach (var then in baseline.Dimensions.Where(d => !after.ContainsKey((d.InstrumentId, d.Id))))
        {
            rows.Add(new DimensionChange(then.Name, null, null, null, followUpTooFew ? ChangeGap.FollowUpTooFew : ChangeGap.OnlyInBaseline));
        }

        return new TrackComparison(rows, baselineTooFew, followUpTooFew);
    }

    // Scores are shown as whole points, so the change is the difference of the two numbers the reader sees.
    private static double Rounded(double score) => Math.Round(score, MidpointRounding.AwayFromZero);
}

/// <summary>One dimension's change; every figure is null when <see cref="Gap"/> says why it cannot be compared.</summary>
public sealed record DimensionChange(string Name, double? Baseline, double? FollowUp, double? Change, ChangeGap? Gap);

/// <summary>Why a dimension cannot be compared between the baseline and the follow-up round.</summary>
public enum ChangeGap
{
    /// <summary>The anonymity rule hides the dimension's score in the baseline round.</summary>
    HiddenInBaseline,

    /// <summary>The anonymity rule hides the dimension's score in the follow-up round.</summary>
    HiddenInFollowUp,

    /// <summary>Hidden in both rounds.</summary>
    HiddenInBoth,

    /// <summary>The baseline round had too few responses for any figure.</summary>
    BaselineTooFew,

    /// <summary>The follow-up round had too few responses for any figure.</summary>
    FollowUpTooFew,

    /// <summary>Only the follow-up round's scan (or module) measures it.</summary>
    OnlyInFollowUp,

    /// <summary>Only the baseline round's scan (or module) measures it.</summary>
    OnlyInBaseline,
}
