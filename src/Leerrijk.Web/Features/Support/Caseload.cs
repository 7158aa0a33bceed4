using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Anonymity;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Tracks;
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
public sealed class Caseload(LeerrijkDbContext db, ConsentedCompanies consented, InstrumentCatalog catalog, TimeProvider clock)
{
    /// <summary>
    /// Every company <paramref name="member"/> may see, without the weakest dimensions (see <see cref="WithWeakestAsync"/>):
    /// filters and sorting need only these cheap columns, so the statistics are read for the page shown only.
    /// </summary>
    public async Task<IReadOnlyList<CaseloadRow>> ReadAsync(SupportMember member, CancellationToken cancellationToken)
    {
        var today = LocalizationSetup.Today(clock);
        var grants = await consented.ActiveGrants(member)
            .Select(g => new
            {
                g.OrganisationId,
                g.Organisation!.Name,
                g.Organisation.SbiSection,
                g.Organisation.SizeClass,
                g.Organisation.ProvinceId,
                g.Organisation.LabourMarketRegionId,
                g.AdviserUserId,
                g.Scopes,
                g.EndsOn,
            })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var companies = grants.GroupBy(g => g.OrganisationId).Select(g => g.First() with { Scopes = g.Aggregate(ConsentScope.None, (all, x) => all | x.Scopes) }).ToList();
        var ids = companies.Select(c => c.OrganisationId).ToList();

        var adviserIds = companies.Where(c => c.AdviserUserId is not null).Select(c => c.AdviserUserId!.Value).Distinct().ToList();
        var advisers = await db.Users.Where(u => adviserIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

        // Only closed rounds carry results; the latest by its actual close is the one the company's dashboard shows too.
        var rounds = await db.Rounds.AsNoTracking()
            .Where(r => ids.Contains(r.OrganisationId) && (r.ClosedAtUtc != null || r.ClosesOn < today))
            .Select(r => new { r.Id, r.OrganisationId, r.Title, r.ClosesOn, r.ExpectedRespondents })
            .ToListAsync(cancellationToken);
        var latest = rounds.GroupBy(r => r.OrganisationId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.ClosesOn).ThenByDescending(r => r.Id).First());
        var latestIds = latest.Values.Select(r => r.Id).ToList();
        var openRounds = await db.Rounds.AsNoTracking()
            .Where(r => ids.Contains(r.OrganisationId) && r.ClosedAtUtc == null && r.ClosesOn >= today && r.OpensOn <= today)
            .GroupBy(r => r.OrganisationId).Select(g => g.Key).ToListAsync(cancellationToken);

        var responses = await db.Responses.AsNoTracking().Where(r => latestIds.Contains(r.RoundId))
            .GroupBy(r => r.RoundId).Select(g => new { RoundId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.RoundId, g => g.Count, cancellationToken);

        var steps = (await db.ActionSteps.AsNoTracking()
                .Where(s => ids.Contains(s.OrganisationId) && (s.Status == ActionStatus.Planned || s.Status == ActionStatus.Started))
                .Select(s => new { s.OrganisationId, s.Status, s.StartOn, s.FollowUpOn })
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.OrganisationId);

        var tracks = TrackSummary.CurrentPerOrganisation(
            await TrackSummary.ForSupportOrganisationAsync(db, member.SupportOrganisationId, consented.OrganisationIds(member), cancellationToken));

        var rows = new List<CaseloadRow>(companies.Count);
        foreach (var company in companies)
        {
            var track = tracks.GetValueOrDefault(company.OrganisationId);
            var companySteps = steps[company.OrganisationId].ToList();
            LastRound? last = null;
            if (latest.TryGetValue(company.OrganisationId, out var round))
            {
                var answered = responses.GetValueOrDefault(round.Id);
                last = new LastRound(round.Id, round.Title, round.ClosesOn, answered,
                    round.ExpectedRespondents is > 0 and var expected ? Math.Min(100, (int)Math.Round(100.0 * answered / expected)) : null,
                    []);
            }

            rows.Add(new CaseloadRow(
                company.OrganisationId,
                company.Name,
                company.SbiSection,
                company.SizeClass,
                company.ProvinceId,
                company.LabourMarketRegionId,
                company.AdviserUserId is { } adviser ? advisers.GetValueOrDefault(adviser) : null,
                company.Scopes,
                company.EndsOn,
                track?.Stage,
                track?.HoursBudget,
                track?.HoursUsed ?? 0,
                track?.FollowUpDueOn,
                openRounds.Contains(company.OrganisationId),
                last,
                companySteps.Count,
                companySteps.Count(s => IsOverdue(s.Status, s.StartOn, s.FollowUpOn, today))));
        }

        return rows;
    }

    /// <summary>
    /// <paramref name="rows"/> with the two weakest dimensions of their last round, where the company shares its reports:
    /// read from the whole-round statistics row of those rounds only, so a page of 25 costs the same in a caseload of 20 or
    /// 2,000.
    /// </summary>
    public async Task<IReadOnlyList<CaseloadRow>> WithWeakestAsync(IReadOnlyList<CaseloadRow> rows, string language, CancellationToken cancellationToken)
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

    /// <summary>A step is overdue when it should have started and has not, or when its follow-up date has passed.</summary>
    public static bool IsOverdue(ActionStatus status, DateOnly? startOn, DateOnly? followUpOn, DateOnly today) =>
        (status == ActionStatus.Planned && startOn < today) || (status is ActionStatus.Planned or ActionStatus.Started && followUpOn < today);

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
    int OverdueSteps);

/// <summary>The company's latest closed round: who answered and where it is weakest (only figures the report shows).</summary>
public sealed record LastRound(Guid RoundId, string Title, DateOnly ClosedOn, int Responses, int? ResponseRatePercent, IReadOnlyList<WeakDimension> Weakest);

public sealed record WeakDimension(string Name, double Score);
