using System.Text.Json.Serialization;

namespace Leerrijk.Web.Features.Reports;

/// <summary>
/// A round's report as every view shows it: the page, the print view and PDF, the exports and the JSON API all
/// render this one object, and <see cref="ReportBuilder"/> puts only figures the anonymity rule allows into it.
/// A hidden figure is null; nothing else about it is kept.
/// </summary>
public sealed record RoundReport(
    Guid RoundId,
    string Title,
    string InstrumentId,
    string InstrumentTitle,
    string Language,
    DateOnly OpensOn,
    DateOnly ClosesOn,
    int Threshold,
    ReportStatus Status,
    int Respondents,
    int? ExpectedRespondents,
    double? ResponseRate,
    int? MoreNeeded,
    IReadOnlyList<DimensionResult> Dimensions,
    IReadOnlyList<string> Strongest,
    IReadOnlyList<string> NeedsAttention,
    IReadOnlyList<BreakdownResult> Breakdowns,
    IReadOnlyList<GapResult> Gaps,
    PhaseResult? Phase,
    TrendResult? Trend,
    bool CommentsShown,
    int CommentThreshold,
    IReadOnlyList<string> Comments)
{
    /// <summary>Differences of at least this many points, with intervals that do not overlap, are flagged as perception gaps.</summary>
    public const double GapPoints = 10;

    /// <summary>The round's own k; <see cref="Threshold"/> is k' = k + <see cref="Readers"/> (ADR 0008).</summary>
    public int BaseThreshold { get; init; }

    /// <summary>Accounts that can read this report; each may know his own answers, so each raises the threshold by one.</summary>
    public int Readers { get; init; }

    /// <summary>Whether the anonymised raw rows (CSV) may be downloaded: only when every cell of the shown breakdowns holds 0 or at least k'.</summary>
    public bool RawRowsReleased { get; init; }

    /// <summary>The background attributes the raw rows carry when released: exactly the breakdowns the report shows.</summary>
    public IReadOnlyList<string> RawRowAttributes { get; init; } = [];

    /// <summary>In plain words, why figures are hidden below <see cref="Threshold"/> (the reader's language).</summary>
    public string? ThresholdExplanation { get; init; }

    /// <summary>In plain words, why the raw rows cannot be downloaded; null when they can.</summary>
    public string? RawRowsExplanation { get; init; }

    /// <summary>The day (Dutch calendar) the retention period removed the raw answers; the figures come from the folded statistics since.</summary>
    public DateOnly? RawAnswersRemovedOn { get; init; }

    /// <summary>Below this Cronbach's alpha a dimension's items may not measure one thing; the report says so.</summary>
    public const double LowAlpha = 0.6;
}

[JsonConverter(typeof(JsonStringEnumConverter<ReportStatus>))]
public enum ReportStatus
{
    /// <summary>The round is still open: only the count of responses is shown (no figure changes as people answer).</summary>
    Open,

    /// <summary>Fewer than k responses: nothing but how many more were needed.</summary>
    TooFew,

    /// <summary>Fewer than 2k responses: only whole-company results.</summary>
    CompanyOnly,

    Full,
}

/// <summary>One dimension for the whole company; null figures are hidden by the anonymity rule.</summary>
public sealed record DimensionResult(
    string InstrumentId,
    string Id,
    string Name,
    string Meaning,
    bool IsModule,
    int? N,
    double? Score,
    double? Low,
    double? High,
    string? Band,
    double? Alpha,
    bool LowReliability,
    IReadOnlyList<long>? Distribution,
    long? DontKnow,
    IReadOnlyList<ItemResult> Items);

/// <summary>One item for the whole company, as ticked (counts per raw point) and as scored (0–100 in the dimension's direction).</summary>
public sealed record ItemResult(string Id, string Text, bool Reversed, int? N, double? Score, IReadOnlyList<long>? Counts, long? DontKnow);

/// <summary>The groups of one background attribute that may be shown, with their scores per dimension (in report order).</summary>
public sealed record BreakdownResult(string Attribute, IReadOnlyList<GroupResult> Groups);

/// <summary>A group: its respondents and its score per dimension; null where hidden.</summary>
public sealed record GroupResult(string Value, string Label, int? Respondents, IReadOnlyList<double?> Scores);

/// <summary>How leaders and employees see one dimension; <see cref="Flagged"/> when the gap is at least 10 points and the intervals do not overlap.</summary>
public sealed record GapResult(string DimensionId, string DimensionName, double Leaders, double Employees, double Difference, bool Flagged);

public sealed record PhaseResult(int Number, int Count, string Name, string Description, IReadOnlyList<string> NextSteps);

/// <summary>The change since an earlier round of the same scan, per dimension where both rounds may be shown.</summary>
public sealed record TrendResult(Guid PreviousRoundId, string PreviousTitle, DateOnly PreviousClosesOn, IReadOnlyList<TrendDimension> Dimensions);

public sealed record TrendDimension(string Id, string Name, double? Previous, double? Current, double? Change, double? Low, double? High, bool? Significant);
