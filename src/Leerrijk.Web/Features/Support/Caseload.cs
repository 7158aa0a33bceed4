using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Anonymity;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Tracks;
using Leerrijk.Web.Features.Wegwijzer;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Support;

/// <summary>
/// An adviser's companies at a glance: one row per consenting company with its track stage, last round and response
/// rate, two weakest dimensions, plan steps, coach hours and next follow-up.
/// </summary>
/// <remarks>
/// Reads only stored statistics, in a fixed number of queries whatever the number of companies (bench/caseload.sh).
/// Companies come from <see cref="ConsentedCompanies"/> only. Dimension figures pass the report's own rule
/// (<see cref="ReportBuilder.WholeRoundDimensions"/> with k' = k + readers); they are left out while a round still has
/// answers the statistics have not taken in, so the caseload never shows a figure on a different set of people than
/// the report does (two means over sets that differ by a few people would give those people away).
/// </remarks>
public sealed class Caseload(LeerrijkDbContext db, ConsentedCompanies consented, InstrumentCatalog catalog, OfferCatalog offers, OfferAdvice advice, TimeProvider clock)
{
    /// <summary>
    /// One page of <paramref name="member"/>'s caseload after <paramref name="filter"/> (every matching company when
    /// <paramref name="pageSize"/> is null, for exports), each row complete with its weakest dimensions.
    /// </summary>
    /// <remarks>
    /// Two steps, so that a page costs about the same for 20 companies or 2,000 (bench/caseload.sh): one query reads
    /// for every company only what filters and sorting need, computed in the database per company; filtering, the
    /// search and sorting then run in memory (names sorted and searched the Dutch way, which neither database does);
    /// the rest (rounds, responses, track hours, statistics) is read for the rows shown only.
    /// </remarks>
    public async Task<CaseloadPage> ReadAsync(SupportMember member, CaseloadFilter filter, int pageNumber, int? pageSize, string language, CancellationToken cancellationToken)
    {
        var today = LocalizationSetup.Today(clock);
        var keys = await KeysAsync(member, today, cancellationToken);
        var matching = filter.Sorted(keys.Where(filter.Matches)).ToList();
        var pageCount = pageSize is { } size ? Math.Max(1, (matching.Count + size - 1) / size) : 1;
        pageNumber = Math.Clamp(pageNumber, 1, pageCount);
        var shown = pageSize is { } take ? matching.Skip((pageNumber - 1) * take).Take(take).ToList() : matching;
        var rows = await RowsAsync(member, shown, today, cancellationToken);
        rows = pageSize is null ? rows : await WithClosingWindowsAsync(rows, today, cancellationToken);
        return new CaseloadPage(keys.Count, matching.Count, pageNumber, pageCount, await WithWeakestAsync(rows, language, cancellationToken));
    }

    /// <summary>
    /// <paramref name="rows"/> with the offer windows that close within <see cref="OfferAdvice.DeadlineDays"/> days and fit
    /// or may fit each company: the offers are read once and judged for the rows shown only (exports leave them out).
    /// </summary>
    private async Task<List<CaseloadRow>> WithClosingWindowsAsync(List<CaseloadRow> rows, DateOnly today, CancellationToken cancellationToken)
    {
        var all = await offers.AllAsync(cancellationToken);
        var ids = rows.Select(r => r.OrganisationId).ToList();
        var numbers = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id))
            .Select(o => new { o.Id, o.Employees, o.TurnoverEuros })
            .ToDictionaryAsync(o => o.Id, cancellationToken);
        return rows.Select(row =>
        {
            var known = numbers.GetValueOrDefault(row.OrganisationId);
            var profile = OfferAdvice.ProfileOf(row.SbiSection, row.SizeClass, row.ProvinceId, row.LabourMarketRegionId, known?.Employees, known?.TurnoverEuros);
            return row with { ClosingSoon = advice.Deadlines(all, profile, today, [WindowEdge.Closes]) };
        }).ToList();
    }

    /// <summary>
    /// Every company <paramref name="member"/> may see with what filters and sorting need: the counts and the last round
    /// are subqueries run in the database per company, so no round, response or step row travels to the app.
    /// </summary>
    private async Task<List<CaseloadKey>> KeysAsync(SupportMember member, DateOnly today, CancellationToken cancellationToken)
    {
        var supportId = member.SupportOrganisationId;
        var ids = consented.OrganisationIds(member);
        var planned = ActionStatus.Planned;
        var started = ActionStatus.Started;
        var keys = await db.Organisations.AsNoTracking()
            .Where(o => ids.Contains(o.Id))
            .Select(o => new
            {
                o.Id,
                o.Name,
                o.SbiSection,
                o.SizeClass,
                o.ProvinceId,
                o.LabourMarketRegionId,
                LastRound = db.Rounds
                    .Where(r => r.OrganisationId == o.Id && (r.ClosedAtUtc != null || r.ClosesOn < today))
                    .OrderByDescending(r => r.ClosesOn).ThenByDescending(r => r.Id)
                    .Select(r => new { r.Id, r.ClosesOn, r.ExpectedRespondents, Answered = db.Responses.Count(x => x.RoundId == r.Id) + r.RemovedResponses })
                    .FirstOrDefault(),
                OpenSteps = db.ActionSteps.Count(s => s.OrganisationId == o.Id && (s.Status == planned || s.Status == started)),
                OverdueSteps = db.ActionSteps.Count(s => s.OrganisationId == o.Id
                    && ((s.Status == planned && s.StartOn < today) || ((s.Status == planned || s.Status == started) && s.FollowUpOn < today))),
            })
            .ToListAsync(cancellationToken);

        // The current track per company, by the track page's own order (one narrow row per track).
        var tracks = (await Track.CurrentFirst(db.Tracks.AsNoTracking().Where(t => t.SupportOrganisationId == supportId && ids.Contains(t.OrganisationId)))
                .Select(t => new { t.Id, t.OrganisationId, t.Stage, t.FollowUpDueOn })
                .ToListAsync(cancellationToken))
            .GroupBy(t => t.OrganisationId)
            .ToDictionary(g => g.Key, g => g.First());
        return keys.Select(k =>
            {
                var track = tracks.GetValueOrDefault(k.Id);
                return new CaseloadKey(
                    k.Id, k.Name, k.SbiSection, k.SizeClass, k.ProvinceId, k.LabourMarketRegionId,
                    track?.Id, track?.Stage, track?.FollowUpDueOn,
                    k.LastRound?.Id, k.LastRound?.ClosesOn, k.LastRound?.Answered ?? 0,
                    k.LastRound is null ? null : LastRound.RatePercent(k.LastRound.Answered, k.LastRound.ExpectedRespondents),
                    k.OpenSteps, k.OverdueSteps);
            })
            .ToList();
    }

    /// <summary>The rows for <paramref name="keys"/> (a page): their grants, adviser, last round, open round and track hours.</summary>
    private async Task<List<CaseloadRow>> RowsAsync(SupportMember member, IReadOnlyList<CaseloadKey> keys, DateOnly today, CancellationToken cancellationToken)
    {
        var ids = keys.Select(k => k.OrganisationId).ToList();
        var grants = (await consented.ActiveGrants(member)
                .Where(g => ids.Contains(g.OrganisationId))
                .Select(g => new { g.OrganisationId, g.AdviserUserId, g.Scopes, g.EndsOn })
                .AsNoTracking()
                .ToListAsync(cancellationToken))
            .ToLookup(g => g.OrganisationId);

        var adviserIds = grants.SelectMany(g => g).Where(g => g.AdviserUserId is not null).Select(g => g.AdviserUserId!.Value).Distinct().ToList();
        var advisers = await db.Users.Where(u => adviserIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

        var roundIds = keys.Where(k => k.LastRoundId is not null).Select(k => k.LastRoundId!.Value).ToList();
        var titles = await db.Rounds.AsNoTracking().Where(r => roundIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Title, cancellationToken);
        var openRounds = await db.Rounds.AsNoTracking()
            .Where(r => ids.Contains(r.OrganisationId) && r.ClosedAtUtc == null && r.ClosesOn >= today && r.OpensOn <= today)
            .Select(r => r.OrganisationId).Distinct().ToListAsync(cancellationToken);

        // Summed here, not in SQL: SQLite cannot add decimals exactly (STYLE habit 7).
        var trackIds = keys.Where(k => k.TrackId is not null).Select(k => k.TrackId!.Value).ToList();
        var budgets = await db.Tracks.AsNoTracking().Where(t => trackIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.CoachHoursBudget, cancellationToken);
        var hours = (await db.CoachHours.AsNoTracking().Where(h => trackIds.Contains(h.TrackId)).Select(h => new { h.TrackId, h.Hours }).ToListAsync(cancellationToken))
            .GroupBy(h => h.TrackId).ToDictionary(g => g.Key, g => g.Sum(h => h.Hours));

        return keys.Select(key =>
        {
            var companyGrants = grants[key.OrganisationId].ToList();
            var grant = companyGrants.FirstOrDefault();
            return new CaseloadRow(
                key.OrganisationId,
                key.Name,
                key.SbiSection,
                key.SizeClass,
                key.ProvinceId,
                key.LabourMarketRegionId,
                grant?.AdviserUserId is { } adviser ? advisers.GetValueOrDefault(adviser) : null,
                companyGrants.Aggregate(ConsentScope.None, (all, g) => all | g.Scopes),
                grant?.EndsOn ?? today,
                key.Stage,
                key.TrackId is { } budgeted ? budgets.GetValueOrDefault(budgeted) : null,
                key.TrackId is { } track ? hours.GetValueOrDefault(track) : 0,
                key.FollowUpDueOn,
                openRounds.Contains(key.OrganisationId),
                key.LastRoundId is { } round ? new LastRound(round, titles.GetValueOrDefault(round) ?? "", key.LastClosedOn!.Value, key.Answered, key.ResponseRatePercent, []) : null,
                key.OpenSteps,
                key.OverdueSteps);
        }).ToList();
    }

    /// <summary>
    /// <paramref name="rows"/> with the two weakest dimensions of their last round, where the company shares its reports:
    /// read from the whole-round statistics row of those rounds only, so a page of 25 costs the same in a caseload of 20 or
    /// 2,000.
    /// </summary>
    private async Task<IReadOnlyList<CaseloadRow>> WithWeakestAsync(IReadOnlyList<CaseloadRow> rows, string language, CancellationToken cancellationToken)
    {
        var roundIds = rows.Where(r => r.LastRound is not null && r.Scopes.HasFlag(ConsentScope.ReadReports)).Select(r => r.LastRound!.RoundId).ToList();
        var organisationIds = rows.Select(r => r.OrganisationId).ToList();
        var rounds = await db.Rounds.AsNoTracking().Where(r => roundIds.Contains(r.Id))
            .Select(r => new { r.Id, r.OrganisationId, r.InstrumentId, r.InstrumentVersion, r.AnonymityThreshold })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var unfolded = await db.Responses.AsNoTracking().Where(r => roundIds.Contains(r.RoundId) && !r.Folded)
            .GroupBy(r => r.RoundId).Select(g => g.Key)
            .ToListAsync(cancellationToken);
        var wholeRows = await db.RoundStatistics.AsNoTracking()
            .Where(s => roundIds.Contains(s.RoundId) && s.Attribute == RoundStatistic.WholeRound)
            .ToListAsync(cancellationToken);
        var readers = await db.Memberships.Where(m => organisationIds.Contains(m.OrganisationId))
            .GroupBy(m => m.OrganisationId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        return rows.Select(row =>
        {
            if (row.LastRound is not { } last || !rounds.TryGetValue(last.RoundId, out var round) || unfolded.Contains(round.Id))
            {
                return row;
            }

            var whole = wholeRows.SingleOrDefault(s => s.RoundId == round.Id && s.InstrumentId == round.InstrumentId);
            var weakest = Weakest(round.InstrumentId, round.InstrumentVersion, round.AnonymityThreshold, readers.GetValueOrDefault(round.OrganisationId), whole, language);
            return row with { LastRound = last with { Weakest = weakest } };
        }).ToList();
    }

    private IReadOnlyList<WeakDimension> Weakest(string instrumentId, int version, int threshold, int readers, RoundStatistic? whole, string language)
    {
        if (whole is null || catalog.Find(instrumentId, version) is not { } instrument)
        {
            return [];
        }

        var fold = new StatisticsFold(new Dictionary<string, Leerrijk.Scoring.Statistics.ScoringModel>(StringComparer.Ordinal) { [instrument.Id] = InstrumentScoring.ModelOf(instrument) });
        fold.Load(whole);
        var aggregate = fold.Aggregates[(instrument.Id, RoundStatistic.WholeRound, "")];
        return ReportBuilder.WholeRoundDimensions(instrument, aggregate, EffectiveThreshold.Disclosure(threshold, readers), language)
            .Where(d => d.Score is not null)
            .OrderBy(d => d.Score)
            .Take(2)
            .Select(d => new WeakDimension(d.Name, d.Score!.Value))
            .ToList();
    }
}

/// <summary>One company in a caseload.</summary>
public sealed record CaseloadRow(
    Guid OrganisationId,
    string Name,
    string SbiSection,
    SizeClass SizeClass,
    string ProvinceId,
    string LabourMarketRegionId,
    string? Adviser,
    ConsentScope Scopes,
    DateOnly GrantEndsOn,
    TrackStage? Stage,
    decimal? CoachHoursBudget,
    decimal CoachHoursUsed,
    DateOnly? FollowUpDueOn,
    bool RoundOpen,
    LastRound? LastRound,
    int OpenSteps,
    int OverdueSteps)
{
    /// <summary>Windows of offers that fit or may fit the company and close soon; filled for the page's rows only.</summary>
    public IReadOnlyList<OfferDeadline> ClosingSoon { get; init; } = [];
}

/// <summary>The company's latest closed round: who answered and where it is weakest (only figures the report shows).</summary>
public sealed record LastRound(Guid RoundId, string Title, DateOnly ClosedOn, int Responses, int? ResponseRatePercent, IReadOnlyList<WeakDimension> Weakest)
{
    /// <summary>Responses against the people asked, whole percent, at most 100; null when nobody said how many were asked.</summary>
    public static int? RatePercent(int answered, int? expected) =>
        expected is > 0 ? Math.Min(100, (int)Math.Round(100.0 * answered / expected.Value)) : null;
}

/// <summary>What filtering and sorting need of one company, read for every company in one query.</summary>
/// <remarks>A step is overdue when it should have started and has not, or when its follow-up date has passed.</remarks>
public sealed record CaseloadKey(
    Guid OrganisationId,
    string Name,
    string SbiSection,
    SizeClass SizeClass,
    string ProvinceId,
    string LabourMarketRegionId,
    Guid? TrackId,
    TrackStage? Stage,
    DateOnly? FollowUpDueOn,
    Guid? LastRoundId,
    DateOnly? LastClosedOn,
    int Answered,
    int? ResponseRatePercent,
    int OpenSteps,
    int OverdueSteps);

/// <summary>One page of a caseload: how many companies in all and after the filters, and the rows shown.</summary>
public sealed record CaseloadPage(int Total, int Matching, int PageNumber, int PageCount, IReadOnlyList<CaseloadRow> Rows);

/// <summary>
/// The adviser's filters, search and sort over a caseload. <paramref name="Region"/> is a province or a labour-market
/// region id; <paramref name="Stage"/> a track stage or "none" for companies without a track.
/// </summary>
public sealed record CaseloadFilter(string? Query, string? Region, string? Sector, SizeClass? Size, string? Stage, string? Sort)
{
    public const int MaxQueryLength = 100;

    /// <summary>No filter, sorted by name.</summary>
    public static CaseloadFilter None { get; } = new(null, null, null, null, null, null);

    public static IReadOnlyList<string> SortKeys { get; } = ["naam", "fase", "meting", "respons", "vervolg", "achterstand"];

    public bool Matches(CaseloadKey row)
    {
        var query = Query?.Trim();
        if (!string.IsNullOrEmpty(query) && !row.Name.Contains(query.Length > MaxQueryLength ? query[..MaxQueryLength] : query, StringComparison.CurrentCultureIgnoreCase))
        {
            return false;
        }

        return (string.IsNullOrEmpty(Region) || row.ProvinceId == Region || row.LabourMarketRegionId == Region)
            && (string.IsNullOrEmpty(Sector) || row.SbiSection == Sector)
            && (Size is null || row.SizeClass == Size)
            && (string.IsNullOrEmpty(Stage)
                || (Stage == "none" ? row.Stage is null : Enum.TryParse<TrackStage>(Stage, out var stage) && row.Stage == stage));
    }

    public IEnumerable<CaseloadKey> Sorted(IEnumerable<CaseloadKey> rows) => Sort switch
    {
        "fase" => rows.OrderBy(r => r.Stage is null).ThenBy(r => r.Stage).ThenBy(r => r.Name, StringComparer.CurrentCulture),
        "meting" => rows.OrderByDescending(r => r.LastClosedOn ?? DateOnly.MinValue).ThenBy(r => r.Name, StringComparer.CurrentCulture),
        "respons" => rows.OrderBy(r => r.ResponseRatePercent ?? int.MaxValue).ThenBy(r => r.Name, StringComparer.CurrentCulture),
        "vervolg" => rows.OrderBy(r => r.FollowUpDueOn ?? DateOnly.MaxValue).ThenBy(r => r.Name, StringComparer.CurrentCulture),
        "achterstand" => rows.OrderByDescending(r => r.OverdueSteps).ThenBy(r => r.Name, StringComparer.CurrentCulture),
        _ => rows.OrderBy(r => r.Name, StringComparer.CurrentCulture),
    };
}

public sealed record WeakDimension(string Name, double Score);
