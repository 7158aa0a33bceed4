using Leerrijk.Scoring.Instruments;
using Leerrijk.Scoring.Statistics;
using Leerrijk.Web.Features.Anonymity;
using Leerrijk.Web.Features.Responses;
using Leerrijk.Web.Features.Rounds;

namespace Leerrijk.Web.Features.Reports;

/// <summary>What the report builder needs besides the numbers: texts in the reader's language.</summary>
/// <param name="Language">"nl" or "en".</param>
/// <param name="GroupLabel">The label of a group value of an attribute (role names are translated; departments are as HR typed them).</param>
public sealed record ReportTexts(string Language, Func<string, string, string> GroupLabel);

/// <summary>An earlier round of the same scan to compare with, and its statistics.</summary>
public sealed record PreviousRound(Round Round, RoundData Data);

/// <summary>
/// Builds a <see cref="RoundReport"/> from a round's statistics. Every figure passes <see cref="Disclosure"/>
/// (each breakdown on its own) and <see cref="CrossBreakdownGuard"/> (all shown breakdowns together) before it is
/// put in; what they hide never enters the report, so no view built on it can show it.
/// </summary>
public static class ReportBuilder
{
    /// <summary>The perception gap compares these two groups, made from roles (works council members are in neither).</summary>
    public const string Perspective = "perspective";
    public const string Leaders = "leaders";
    public const string Employees = "employees";

    /// <summary>Breakdowns in the order they are given up when together they would expose someone: the last goes first.</summary>
    private static readonly string[] BreakdownPriority = [GroupAttribute.Role, Perspective, GroupAttribute.Department, GroupAttribute.Years];

    /// <summary>The report of a round that is still open: its count and nothing else (ADR 0008); readers as for <see cref="Build"/>.</summary>
    public static RoundReport Open(Round round, Instrument instrument, int respondents, string language, int readers = 0) =>
        WithoutFigures(round, instrument, ReportStatus.Open, respondents, null, language, EffectiveThreshold.Disclosure(round.AnonymityThreshold, readers), readers);

    /// <summary>What every report says, whatever it may show: the round, its count and rate, its threshold.</summary>
    private static RoundReport WithoutFigures(
        Round round, Instrument instrument, ReportStatus status, int respondents, int? moreNeeded, string language, Disclosure disclosure, int readers) => new(
        round.Id, round.Title, instrument.Id, instrument.Title.For(language), language, round.OpensOn, round.ClosesOn,
        disclosure.Threshold, status, respondents, round.ExpectedRespondents,
        round.ExpectedRespondents is > 0 and var expected ? respondents / (double)expected : null, moreNeeded,
        [], [], [], [], [], null, null, false, disclosure.CommentThreshold, [])
        {
            BaseThreshold = round.AnonymityThreshold,
            Readers = readers,
        };

    public static RoundReport Build(
        Round round,
        Instrument instrument,
        Instrument? module,
        RoundData data,
        PreviousRound? previous,
        IReadOnlyList<string> comments,
        ReportTexts texts,
        DateOnly today,
        int readers = 0)
    {
        var language = texts.Language;

        // Every figure below, the earlier round's included, uses k' = k + readers (ADR 0008).
        var disclosure = EffectiveThreshold.Disclosure(round.AnonymityThreshold, readers);
        var whole = data.Whole(instrument.Id);
        var respondents = (int)whole.Respondents;
        var status = round.StatusOn(today) != RoundStatus.Closed ? ReportStatus.Open
            : !disclosure.MayShowTotal(respondents) ? ReportStatus.TooFew
            : !disclosure.BreakdownsAllowed(respondents) ? ReportStatus.CompanyOnly
            : ReportStatus.Full;
        if (status is ReportStatus.Open or ReportStatus.TooFew)
        {
            return WithoutFigures(round, instrument, status, respondents, status == ReportStatus.TooFew ? disclosure.Threshold - respondents : null, language, disclosure, readers);
        }

        var dimensions = Dimensions(instrument, whole, disclosure, language, isModule: false).ToList();
        if (module is not null)
        {
            dimensions.AddRange(Dimensions(module, data.Whole(module.Id), disclosure, language, isModule: true));
        }

        var ranked = dimensions.Where(d => !d.IsModule && d.Score is not null).OrderByDescending(d => d.Score).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        var strongest = ranked.Take(2).Select(d => d.Id).ToList();
        var attention = ranked.AsEnumerable().Reverse().Take(2).Where(d => !strongest.Contains(d.Id)).Select(d => d.Id).ToList();

        var groups = status == ReportStatus.Full ? Groups(round, instrument, data, disclosure, readers) : [];
        var breakdowns = groups.Where(g => g.Attribute != Perspective).Select(g => g.ToResult(instrument, texts)).Where(b => b.Groups.Count > 0).ToList();
        var gaps = groups.FirstOrDefault(g => g.Attribute == Perspective) is { } perspective ? Gaps(instrument, perspective, language) : [];

        var commentsShown = disclosure.MayShowComments(respondents) && comments.Count > 0;
        var rawRowAttributes = RawRowAttributes(breakdowns, gaps);
        return WithoutFigures(round, instrument, status, respondents, null, language, disclosure, readers) with
        {
            RawRowsReleased = RawRowsReleased(data.Cells(instrument.Id), respondents, rawRowAttributes, disclosure),
            RawRowAttributes = rawRowAttributes,
            Dimensions = dimensions,
            Strongest = strongest,
            NeedsAttention = attention,
            Breakdowns = breakdowns,
            Gaps = gaps,
            Phase = Phase(instrument, dimensions, language),
            Trend = Trend(instrument, whole, disclosure, previous, language, readers),
            CommentsShown = commentsShown,
            Comments = commentsShown ? Disclosure.OrderComments(comments) : [],
        };
    }

    /// <summary>
    /// A round's whole-company dimension figures exactly as its report shows them (a hidden figure has no mean), for
    /// views that show a company's results outside the report, such as an adviser's caseload.
    /// </summary>
    public static IReadOnlyList<DimensionResult> WholeRoundDimensions(Instrument instrument, Aggregate whole, Disclosure disclosure, string language) =>
        Dimensions(instrument, whole, disclosure, language, isModule: false).ToList();

    private static IEnumerable<DimensionResult> Dimensions(Instrument instrument, Aggregate whole, Disclosure disclosure, string language, bool isModule)
    {
        foreach (var dimension in instrument.Dimensions)
        {
            var summary = whole.Summarize(dimension.Id);

            // A dimension and its items are one family: each item's n could otherwise be worked out from the rest.
            var shown = disclosure.MayShowRelated([(int)summary.N, .. summary.Items.Select(i => (int)i.Answered)]);
            var dimensionShown = shown[0];
            var items = summary.Items.Select((item, i) =>
            {
                var itemShown = dimensionShown && shown[i + 1];
                var text = instrument.Items.First(x => x.Id == item.ItemId).Text.For(language);
                return new ItemResult(
                    item.ItemId, text, item.Reversed,
                    itemShown ? (int)item.Answered : null,
                    itemShown ? item.Score : null,
                    itemShown ? item.Distribution.Counts : null,
                    itemShown ? item.Distribution.DontKnow : null);
            }).ToList();
            var alphaShown = dimensionShown && disclosure.MayShowFigure((int)summary.CompleteCases);
            var alpha = alphaShown ? summary.Alpha : null;
            yield return new DimensionResult(
                instrument.Id, dimension.Id, dimension.Name.For(language), dimension.Meaning.For(language), isModule,
                dimensionShown ? (int)summary.N : null,
                dimensionShown ? summary.Mean : null,
                dimensionShown ? summary.CiLow is { } low ? Math.Max(0, low) : null : null,
                dimensionShown ? summary.CiHigh is { } high ? Math.Min(100, high) : null : null,
                dimensionShown && summary.Mean is { } mean ? BandOf(instrument, mean, language) : null,
                alpha,
                alpha is { } a && a < RoundReport.LowAlpha,
                dimensionShown ? summary.Distribution.Counts : null,
                dimensionShown ? summary.Distribution.DontKnow : null,
                items);
        }
    }

    /// <summary>
    /// The attributes the report shows, in breakdown order: role, the leaders/employees split behind the perception
    /// gap, department, years. Raw rows are released with exactly these, or not at all (<see cref="Disclosure.MayReleaseRawRows"/>).
    /// </summary>
    private static List<string> RawRowAttributes(IReadOnlyList<BreakdownResult> breakdowns, IReadOnlyList<GapResult> gaps) =>
        BreakdownPriority.Where(a => a == Perspective ? gaps.Count > 0 : breakdowns.Any(b => b.Attribute == a && b.Groups.Count > 0)).ToList();

    /// <summary>A cell's (or a person's) value of one raw-row attribute; "" = not stated or, for the perspective, neither group.</summary>
    public static string RawRowValue(string role, string? department, string? years, string attribute) => attribute switch
    {
        GroupAttribute.Role => role,
        Perspective => PerspectiveOf(role) ?? "",
        GroupAttribute.Department => department ?? "",
        GroupAttribute.Years => years ?? "",
        _ => throw new ArgumentOutOfRangeException(nameof(attribute), attribute, "Not a raw-row attribute."),
    };

    private static bool RawRowsReleased(CellCounts cells, int respondents, List<string> attributes, Disclosure disclosure) =>
        // Cell counts that do not add up to the round (never expected) would make the check meaningless: refuse.
        cells.Cells.Values.Sum(c => c[CellCounts.RespondentsFigure]) == respondents
        && disclosure.MayReleaseRawRows(cells.Cells.Select(c =>
            ((IReadOnlyList<string>)attributes.Select(a => RawRowValue(c.Key, a)).ToList(), c.Value[CellCounts.RespondentsFigure])));

    private static string RawRowValue(string cellKey, string attribute) => RawRowValue(
        CellCounts.ValueOf(cellKey, GroupAttribute.Role), CellCounts.ValueOf(cellKey, GroupAttribute.Department), CellCounts.ValueOf(cellKey, GroupAttribute.Years), attribute);

    private static string? BandOf(Instrument instrument, double score, string language) =>
        instrument.Bands.LastOrDefault(b => score >= b.From)?.Label.For(language);

    /// <summary>One breakdown while the report is built: its plan, its groups' statistics and its per-figure decisions.</summary>
    private sealed record Breakdown(string Attribute, BreakdownPlan Plan, IReadOnlyDictionary<string, Aggregate> Aggregates, IReadOnlyList<FigureVisibility> Figures)
    {
        public BreakdownResult ToResult(Instrument instrument, ReportTexts texts) => new(
            Attribute,
            Plan.Groups.Where(g => g.IsShown).Select(g => new GroupResult(
                g.Group,
                texts.GroupLabel(Attribute, g.Group),
                g.Count,
                instrument.Dimensions.Select((d, i) => Figures[i].IsShown(g.Group) ? Aggregates[g.Group].Summarize(d.Id).Mean : null).ToList()))
            .ToList());
    }

    /// <summary>
    /// The breakdowns that may be shown: each made safe by <see cref="Disclosure"/>, then checked together by
    /// <see cref="CrossBreakdownGuard"/> for every figure; while they leak, the last breakdown by priority is dropped.
    /// </summary>
    private static int YearsOrder(string band)
    {
        for (var i = 0; i < ResponseRules.YearsBands.Count; i++)
        {
            if (ResponseRules.YearsBands[i] == band)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static List<Breakdown> Groups(Round round, Instrument instrument, RoundData data, Disclosure disclosure, int readers)
    {
        var whole = data.Whole(instrument.Id);
        var total = (int)whole.Respondents;
        var cells = data.Cells(instrument.Id);
        var candidates = new List<(string Attribute, Dictionary<string, Aggregate> Groups, Func<string, string?> ValueOfCell)>();
        foreach (var attribute in BreakdownPriority)
        {
            if (attribute == GroupAttribute.Department && round.Departments.Count == 0)
            {
                continue;
            }

            if (attribute == GroupAttribute.Years && !instrument.Background.YearsEmployed)
            {
                continue;
            }

            if (attribute == Perspective)
            {
                var roles = data.Groups(instrument.Id, GroupAttribute.Role);
                Aggregate Union(IEnumerable<string> names) => names.Where(roles.ContainsKey).Select(n => roles[n])
                    .Aggregate(Aggregate.Empty(whole.Model), (sum, next) => sum.Merge(next));
                candidates.Add((attribute, new Dictionary<string, Aggregate>(StringComparer.Ordinal)
                {
                    [Leaders] = Union(LeaderRoles),
                    [Employees] = Union([nameof(RespondentRole.Employee)]),
                }, key => PerspectiveOf(CellCounts.ValueOf(key, GroupAttribute.Role))));
                continue;
            }

            // "Not stated" is never a group of its own: it stays the unnamed remainder the rule protects.
            var named = data.Groups(instrument.Id, attribute).Where(g => g.Key.Length > 0).ToDictionary(g => g.Key, g => g.Value, StringComparer.Ordinal);
            candidates.Add((attribute, named, key => CellCounts.ValueOf(key, attribute) is { Length: > 0 } v ? v : null));
        }

        while (true)
        {
            var built = candidates.Select(c => Make(c.Attribute, c.Groups)).Where(b => b.Plan.IsAvailable).ToList();
            var leaking = Leaks(built, candidates, instrument, whole, cells, disclosure, readers);
            if (!leaking || built.Count <= 1)
            {
                return leaking ? [] : built;
            }

            candidates.RemoveAll(c => c.Attribute == built[^1].Attribute);
        }

        Breakdown Make(string attribute, Dictionary<string, Aggregate> groups)
        {
            // Years employed read in their natural order (less than 1, 1 to 5, 5 to 10, 10 or more), not as text.
            var ordered = attribute == GroupAttribute.Years
                ? groups.OrderBy(g => YearsOrder(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal)
                : groups.OrderBy(g => g.Key, StringComparer.Ordinal);
            var plan = disclosure.Plan(attribute, total, ordered.Select(g => (g.Key, (int)g.Value.Respondents)).ToList());
            var figures = instrument.Dimensions.Select(d =>
            {
                var perGroup = groups.ToDictionary(g => g.Key, g => (int)g.Value.Summarize(d.Id).N, StringComparer.Ordinal);
                return disclosure.For(plan, perGroup, (int)whole.Summarize(d.Id).N);
            }).ToList();
            return new Breakdown(attribute, plan, groups, figures);
        }
    }

    private static readonly string[] LeaderRoles = [nameof(RespondentRole.Owner), nameof(RespondentRole.Manager), nameof(RespondentRole.Hr)];

    private static string? PerspectiveOf(string role) =>
        LeaderRoles.Contains(role) ? Leaders : role == nameof(RespondentRole.Employee) ? Employees : null;

    private static bool Leaks(
        List<Breakdown> built,
        List<(string Attribute, Dictionary<string, Aggregate> Groups, Func<string, string?> ValueOfCell)> candidates,
        Instrument instrument,
        Aggregate whole,
        CellCounts cells,
        Disclosure disclosure,
        int readers)
    {
        // Figure 0: respondents; then one figure per dimension, each with its own n per cell.
        var figures = new List<(int CellFigure, Func<Breakdown, string, bool> Shown, bool WholeShown)>
        {
            (CellCounts.RespondentsFigure, (b, g) => b.Plan.IsShown(g), true),
        };
        figures.AddRange(instrument.Dimensions.Select((d, i) => (
            cells.DimensionFigure(d.Id),
            (Func<Breakdown, string, bool>)((b, g) => b.Figures[i].IsShown(g)),
            disclosure.MayShowFigure((int)whole.Summarize(d.Id).N))));

        foreach (var (cellFigure, shown, wholeShown) in figures)
        {
            var cellN = cells.Cells.ToDictionary(c => c.Key, c => c.Value[cellFigure], StringComparer.Ordinal);
            var sets = new List<IReadOnlySet<string>>();
            if (wholeShown)
            {
                sets.Add(cellN.Keys.ToHashSet(StringComparer.Ordinal));
            }

            foreach (var breakdown in built)
            {
                var valueOf = candidates.First(c => c.Attribute == breakdown.Attribute).ValueOfCell;
                foreach (var group in breakdown.Plan.Groups.Where(g => shown(breakdown, g.Group)))
                {
                    sets.Add(cellN.Keys.Where(k => valueOf(k) == group.Group).ToHashSet(StringComparer.Ordinal));
                }
            }

            if (CrossBreakdownGuard.Leaks(cellN, sets, disclosure.Threshold, readers: readers))
            {
                return true;
            }
        }

        return false;
    }

    private static List<GapResult> Gaps(Instrument instrument, Breakdown perspective, string language)
    {
        var gaps = new List<GapResult>();
        for (var i = 0; i < instrument.Dimensions.Count; i++)
        {
            if (!Disclosure.MayShowGap(perspective.Figures[i], Leaders, Employees))
            {
                continue;
            }

            var dimension = instrument.Dimensions[i];
            var leaders = perspective.Aggregates[Leaders].Summarize(dimension.Id);
            var employees = perspective.Aggregates[Employees].Summarize(dimension.Id);
            if (leaders.Mean is not { } l || employees.Mean is not { } e)
            {
                continue;
            }

            var apart = leaders.CiLow is { } ll && leaders.CiHigh is { } lh && employees.CiLow is { } el && employees.CiHigh is { } eh && (ll > eh || el > lh);
            var difference = l - e;
            gaps.Add(new GapResult(dimension.Id, dimension.Name.For(language), l, e, difference, Math.Abs(difference) >= RoundReport.GapPoints && apart));
        }

        return gaps;
    }

    private static PhaseResult? Phase(Instrument instrument, IReadOnlyList<DimensionResult> dimensions, string language)
    {
        if (InstrumentScoring.PhaseRuleOf(instrument) is not { } rule || instrument.Phases is not { } phases)
        {
            return null;
        }

        // Hidden dimensions count as missing, so a phase is never based on a figure the reader cannot see.
        var placement = rule.Place(dimensions.Where(d => !d.IsModule).Select(d => new KeyValuePair<string, double?>(d.Id, d.Score)));
        return InstrumentScoring.PhaseOf(instrument, placement) is { } phase
            ? new PhaseResult(placement.Phase!.Value, phases.Phases.Count, phase.Name.For(language), phase.Description.For(language), phase.NextSteps.Select(s => s.For(language)).ToList())
            : null;
    }

    private static TrendResult? Trend(Instrument instrument, Aggregate whole, Disclosure disclosure, PreviousRound? previous, string language, int readers)
    {
        if (previous is null || !previous.Data.Models.ContainsKey(instrument.Id))
        {
            return null;
        }

        var before = previous.Data.Whole(instrument.Id);
        // The same readers can read the earlier round's report, so its figures need its own k plus them.
        var earlier = EffectiveThreshold.Disclosure(previous.Round.AnonymityThreshold, readers);
        var rows = instrument.Dimensions.Select(d =>
        {
            var now = whole.Summarize(d.Id);
            var then = before.Summarize(d.Id);
            if (!disclosure.MayCompare((int)now.N, earlier, (int)then.N))
            {
                return new TrendDimension(d.Id, d.Name.For(language), null, null, null, null, null, null);
            }

            var change = Change.Between(then, now);
            return new TrendDimension(d.Id, d.Name.For(language), then.Mean, now.Mean, change?.Delta, change?.CiLow, change?.CiHigh, change?.ExcludesZero);
        }).ToList();
        return rows.Any(r => r.Change is not null)
            ? new TrendResult(previous.Round.Id, previous.Round.Title, previous.Round.ClosesOn, rows)
            : null;
    }
}
