using Leerrijk.Web.Features.ActionPlan;

namespace Leerrijk.Web.Features.Programmes;

/// <summary>
/// One published computation of a programme's monitor: only figures that passed both levels of the anonymity rule,
/// so the dashboard, the funder report and any export can show all of it as it is.
/// </summary>
public sealed record MonitorData(
    DateTime ComputedAtUtc,
    DateOnly Today,
    int MinCompanies,
    int Threshold,
    int KnownCompanies,
    FunnelData Funnel,
    IReadOnlyList<IndicatorData> Indicators,
    IReadOnlyList<InstrumentData> Instruments,
    SupportUsedData Support);

/// <summary>
/// The reach funnel. Invited and joined count every company; the later stages count companies that share their
/// results, since only they allow the programme to see how far they are.
/// </summary>
public sealed record FunnelData(
    int Invited, int Joined, int Sharing, int Baseline, int Plan, int FollowUp,
    int? TargetCompanies, int? TargetBaselines, int? TargetPlans, int? TargetFollowUps);

/// <summary>
/// A programme indicator (share of staff with a development plan, share trained) per quarter, against its target.
/// NoNewData is true when the last quarter up to today has no figure: the chart says so instead of drawing on.
/// </summary>
public sealed record IndicatorData(IndicatorKind Kind, decimal? Target, IReadOnlyList<IndicatorPoint> Points, bool NoNewData);

/// <summary>
/// One quarter: the mean over companies of their last measurement in it, or null with the reason. Companies is shown
/// only with the figure.
/// </summary>
public sealed record IndicatorPoint(string Quarter, DateOnly Ends, int? Companies, double? Value, FigureState State);

/// <summary>The results of one instrument the programme uses.</summary>
public sealed record InstrumentData(string InstrumentId, int BaselineCompanies, int PairedCompanies, IReadOnlyList<DimensionData> Dimensions);

/// <summary>
/// One dimension: the baseline over every company with a baseline, the paired block (baseline, follow-up and change
/// over companies with both), breakdowns, and the share of agreeing answers for the national reference. AsOf is set
/// for a figure carried over from an earlier computation: the day it was computed.
/// </summary>
public sealed record DimensionData(
    string InstrumentId,
    string DimensionId,
    FigureState State,
    DateOnly? AsOf,
    Stat? Baseline,
    PairedStat? Paired,
    Stat? AgreeShare,
    IReadOnlyList<BreakdownData> Breakdowns);

/// <summary>A mean over companies (each company weighs the same) with its 95 % interval.</summary>
public sealed record Stat(int Companies, double Mean, double? Low, double? High);

/// <summary>Baseline and follow-up of the same companies, and the mean of their own changes with its 95 % interval.</summary>
public sealed record PairedStat(int Companies, double Baseline, double FollowUp, double Change, double? ChangeLow, double? ChangeHigh);

/// <summary>One attribute's groups (sector, size, region); a hidden group has no figures.</summary>
public sealed record BreakdownData(string Attribute, IReadOnlyList<GroupData> Groups);

/// <summary>One group: its baseline and paired block, each null when hidden.</summary>
public sealed record GroupData(string Group, Stat? Baseline, PairedStat? Paired);

/// <summary>Companies that used support, as totals over at least k companies.</summary>
/// <remarks>The community figures count sharing companies that took part in a learning community, the communities and the people taking part for them; each is null below k companies (and in snapshots from before communities existed).</remarks>
public sealed record SupportUsedData(
    int? CoachHoursCompanies,
    decimal? CoachHours,
    IReadOnlyList<SchemeUse> Vouchers,
    int? OtherSchemeCompanies,
    int? CommunityCompanies = null,
    int? Communities = null,
    int? CommunityParticipants = null);

/// <summary>Vouchers of one scheme: companies, vouchers and the amount granted.</summary>
public sealed record SchemeUse(string Scheme, int Companies, int Vouchers, decimal Granted);

/// <summary>Why a figure is, or is not, shown as computed now.</summary>
public enum FigureState
{
    /// <summary>Computed in this computation.</summary>
    Current = 1,

    /// <summary>Fewer than k companies changed since it was last published: the earlier figure stays (only companies were added).</summary>
    Carried = 2,

    /// <summary>Fewer than k companies changed, and some left: hidden until enough has changed.</summary>
    Waiting = 3,

    /// <summary>Fewer than k companies.</summary>
    TooFew = 4,
}
