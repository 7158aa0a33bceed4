using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Tracks;

/// <summary>
/// Where a track stands, read straight from the tables on every call (no cache): its stage, coach hours used of the
/// budget and the follow-up date. For overviews across companies such as an adviser's caseload.
/// </summary>
public sealed record TrackSummary(
    Guid TrackId,
    Guid OrganisationId,
    Guid SupportOrganisationId,
    TrackStage Stage,
    DateOnly StartedOn,
    DateOnly? ClosedOn,
    decimal HoursBudget,
    decimal HoursUsed,
    DateOnly? FollowUpDueOn,
    Guid? FollowUpRoundId)
{
    public bool IsOpen => ClosedOn is null;

    /// <summary>Hours over budget are shown, not refused: a coach may need them.</summary>
    public bool OverBudget => HoursUsed > HoursBudget;

    /// <summary>
    /// The tracks of <paramref name="supportOrganisationId"/> with the companies in <paramref name="organisationIds"/>
    /// (for instance <c>ConsentedCompanies.OrganisationIds(member)</c>). Both filters are explicit because outside a
    /// company's pages no tenant is entered and the query filters let every company through.
    /// </summary>
    public static async Task<IReadOnlyList<TrackSummary>> ForSupportOrganisationAsync(
        LeerrijkDbContext db, Guid supportOrganisationId, IQueryable<Guid> organisationIds, CancellationToken cancellationToken)
    {
        var tracks = await db.Tracks.AsNoTracking()
            .Where(t => t.SupportOrganisationId == supportOrganisationId && organisationIds.Contains(t.OrganisationId))
            .Select(t => new { t.Id, t.OrganisationId, t.SupportOrganisationId, t.Stage, t.StartedOn, t.ClosedOn, t.CoachHoursBudget, t.FollowUpDueOn, t.FollowUpRoundId })
            .ToListAsync(cancellationToken);
        var ids = tracks.Select(t => t.Id).ToList();

        // Summed here, not in SQL: SQLite cannot add decimals exactly (STYLE habit 7), and a track has at most a few
        // hundred entries.
        var hours = (await db.CoachHours.AsNoTracking()
                .Where(h => ids.Contains(h.TrackId))
                .Select(h => new { h.TrackId, h.Hours })
                .ToListAsync(cancellationToken))
            .GroupBy(h => h.TrackId)
            .ToDictionary(g => g.Key, g => g.Sum(h => h.Hours));
        return tracks
            .Select(t => new TrackSummary(
                t.Id, t.OrganisationId, t.SupportOrganisationId, t.Stage, t.StartedOn, t.ClosedOn, t.CoachHoursBudget,
                hours.GetValueOrDefault(t.Id), t.FollowUpDueOn, t.FollowUpRoundId))
            .ToList();
    }

    /// <summary>
    /// One track per company: the open one (the latest started, should there be several), else the latest closed one.
    /// </summary>
    public static IReadOnlyDictionary<Guid, TrackSummary> CurrentPerOrganisation(IEnumerable<TrackSummary> tracks) =>
        tracks.GroupBy(t => t.OrganisationId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.IsOpen).ThenByDescending(t => t.StartedOn).First());
}
