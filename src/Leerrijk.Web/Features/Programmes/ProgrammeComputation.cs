using System.Diagnostics;
using System.Text.Json;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Leerrijk.Web.Features.Programmes;

/// <summary>
/// Computes each programme's monitor once a night and publishes it as a <see cref="ProgrammeSnapshot"/>. Pages read
/// the latest snapshot only, so a dashboard costs the same for 30 or 1,000 companies, and a company that withdraws
/// its consent is out of the figures from the next night on.
/// </summary>
/// <remarks>
/// A fixed nightly moment, rather than "whenever someone looks", also keeps readers from watching a figure move
/// company by company: <see cref="MonitorBuilder"/> compares every figure with the one published before.
/// </remarks>
public sealed partial class ProgrammeComputation(
    IServiceScopeFactory scopes, IOptions<ProgrammeComputationOptions> options, TimeProvider clock, ILogger<ProgrammeComputation> logger) : BackgroundService
{
    /// <summary>The local time at which programmes are computed (Europe/Amsterdam).</summary>
    public static readonly TimeOnly NightlyAt = new(3, 0);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(UntilNext(clock.GetUtcNow()), clock, stoppingToken);
            try
            {
                await ComputeAllAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The last published snapshot stays on screen; tomorrow's run tries again.
                LogFailed(ex);
            }
        }
    }

    /// <summary>Time until the next <see cref="NightlyAt"/> in the Netherlands.</summary>
    public static TimeSpan UntilNext(DateTimeOffset now)
    {
        var zone = LocalizationSetup.DutchTime;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var next = new DateTimeOffset(local.Date + NightlyAt.ToTimeSpan(), local.Offset);
        if (next <= local)
        {
            next = next.AddDays(1);
        }

        return next - local;
    }

    /// <summary>Computes every programme that has not ended more than a year ago.</summary>
    public async Task<int> ComputeAllAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var today = LocalizationSetup.Today(clock);
        var ids = await db.Programmes.AsNoTracking().Where(p => p.EndsOn >= today.AddYears(-1)).Select(p => p.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            await ComputeAsync(id, cancellationToken);
        }

        return ids.Count;
    }

    /// <summary>Computes one programme and publishes the result; returns the snapshot.</summary>
    public async Task<ProgrammeSnapshot> ComputeAsync(Guid programmeId, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        await using var scope = scopes.CreateAsyncScope();

        // Rounds that closed today count tonight: fold what arrived first (a round with unfolded answers is skipped).
        await scope.ServiceProvider.GetRequiredService<StatisticsFolder>().FoldAllAsync(cancellationToken);
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var scores = scope.ServiceProvider.GetRequiredService<CompanyScores>();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = LocalizationSetup.Today(clock);
        var programme = await db.Programmes.AsNoTracking().SingleAsync(p => p.Id == programmeId, cancellationToken);

        var participants = db.ProgrammeParticipants.AsNoTracking().Where(p => p.ProgrammeId == programmeId);
        var invited = await participants.CountAsync(cancellationToken);
        var joined = await participants.Where(ProgrammeParticipant.Active).CountAsync(cancellationToken);
        var sharing = await participants.Where(ProgrammeParticipant.Sharing)
            .Select(p => new SharingCompany(p.Organisation!.Id, p.Organisation.SbiSection, p.Organisation.SizeClass, p.Organisation.LabourMarketRegionId))
            .ToListAsync(cancellationToken);
        var ids = sharing.Select(c => c.Id).ToList();

        var instruments = programme.InstrumentIds;
        var roundIds = new List<Guid>();
        foreach (var chunk in ids.Chunk(500))
        {
            roundIds.AddRange(await db.Rounds.AsNoTracking()
                .Where(r => chunk.Contains(r.OrganisationId) && (instruments.Contains(r.InstrumentId) || (r.ModuleId != null && instruments.Contains(r.ModuleId))))
                .Select(r => r.Id).ToListAsync(cancellationToken));
        }

        var rounds = await scores.ReadAsync(roundIds, today, cancellationToken);
        var withPlan = new HashSet<Guid>();
        var measurements = new List<(Guid, IndicatorKind, DateOnly, decimal)>();
        var hours = new Dictionary<Guid, decimal>();
        var vouchers = new List<(Guid, string, decimal?)>();
        var communityMembers = new List<(Guid, Guid, Guid)>();
        foreach (var chunk in ids.Chunk(500))
        {
            // Everyone who took part for the company (also those who left since): the support it used.
            communityMembers.AddRange((await db.CommunityMembers.AsNoTracking()
                .Where(m => m.OrganisationId != null && chunk.Contains(m.OrganisationId.Value) && m.JoinedAtUtc != null && m.UserId != null)
                .Select(m => new { OrganisationId = m.OrganisationId!.Value, m.CommunityId, m.Id }).ToListAsync(cancellationToken))
                .Select(m => (m.OrganisationId, m.CommunityId, m.Id)));
            withPlan.UnionWith(await db.ActionSteps.AsNoTracking().Where(s => chunk.Contains(s.OrganisationId)).Select(s => s.OrganisationId).Distinct().ToListAsync(cancellationToken));
            measurements.AddRange((await db.IndicatorMeasurements.AsNoTracking()
                .Where(m => chunk.Contains(m.OrganisationId))
                .Join(db.PlanIndicators.Where(i => i.Kind != IndicatorKind.Custom), m => m.IndicatorId, i => i.Id, (m, i) => new { m.OrganisationId, i.Kind, m.MeasuredOn, m.Value })
                .ToListAsync(cancellationToken)).Select(m => (m.OrganisationId, m.Kind, m.MeasuredOn, m.Value)));
            foreach (var entry in await db.CoachHours.AsNoTracking().Where(h => chunk.Contains(h.OrganisationId)).Select(h => new { h.OrganisationId, h.Hours }).ToListAsync(cancellationToken))
            {
                // Summed here: SQLite cannot sum decimals.
                hours[entry.OrganisationId] = hours.GetValueOrDefault(entry.OrganisationId) + entry.Hours;
            }

            vouchers.AddRange((await db.Vouchers.AsNoTracking()
                .Where(v => chunk.Contains(v.OrganisationId) && v.Status != Funding.VoucherStatus.Idea && v.Status != Funding.VoucherStatus.Refused)
                .Select(v => new { v.OrganisationId, v.Scheme, v.AmountGranted }).ToListAsync(cancellationToken))
                .Select(v => (v.OrganisationId, v.Scheme, v.AmountGranted)));
        }

        var last = await db.ProgrammeSnapshots.AsNoTracking().Where(s => s.ProgrammeId == programmeId)
            .OrderByDescending(s => s.ComputedAtUtc).FirstOrDefaultAsync(cancellationToken);
        var (data, populations) = MonitorBuilder.Build(new MonitorInputs(
            programme, today, now, invited, joined, sharing, await KnownCompaniesAsync(db, programme, ids, today, cancellationToken),
            rounds, withPlan, measurements, hours, vouchers,
            last is null ? null : JsonSerializer.Deserialize<MonitorData>(last.DataJson, Json),
            last is null || string.IsNullOrEmpty(last.PopulationsJson) ? null : JsonSerializer.Deserialize<Populations>(last.PopulationsJson, Json),
            communityMembers));

        var snapshot = new ProgrammeSnapshot
        {
            ProgrammeId = programmeId,
            ComputedAtUtc = now,
            DataJson = JsonSerializer.Serialize(data, Json),
            PopulationsJson = JsonSerializer.Serialize(populations, Json),
            DurationMilliseconds = (int)watch.ElapsedMilliseconds,
        };
        db.ProgrammeSnapshots.Add(snapshot);
        await db.SaveChangesAsync(cancellationToken);
        LogComputed(programme.Name, sharing.Count, snapshot.DurationMilliseconds);
        return snapshot;
    }

    /// <summary>
    /// Companies in the figures whose own results some reader of the programme can read elsewhere: as a member of the
    /// company, or through a grant to read its reports (as its adviser or as a coordinator). Each raises k by one.
    /// </summary>
    private static async Task<int> KnownCompaniesAsync(LeerrijkDbContext db, Programme programme, List<Guid> companies, DateOnly today, CancellationToken cancellationToken)
    {
        var readers = await db.ProgrammeManagers.Where(m => m.ProgrammeId == programme.Id).Select(m => m.UserId)
            .Union(db.SupportMemberships.Where(m => m.SupportOrganisationId == programme.SupportOrganisationId && m.Role == SupportRole.Coordinator).Select(m => m.UserId))
            .ToListAsync(cancellationToken);
        var coordinatorOf = await db.SupportMemberships.Where(m => readers.Contains(m.UserId) && m.Role == SupportRole.Coordinator)
            .Select(m => m.SupportOrganisationId).ToListAsync(cancellationToken);
        var known = new HashSet<Guid>();
        foreach (var chunk in companies.Chunk(500))
        {
            known.UnionWith(await db.Memberships.Where(m => chunk.Contains(m.OrganisationId) && readers.Contains(m.UserId)).Select(m => m.OrganisationId).ToListAsync(cancellationToken));
            known.UnionWith(await db.ConsentGrants.Where(ConsentGrant.ActiveOn(today))
                .Where(g => chunk.Contains(g.OrganisationId) && ((int)g.Scopes & (int)ConsentScope.ReadReports) != 0
                    && (coordinatorOf.Contains(g.SupportOrganisationId) || (g.AdviserUserId != null && readers.Contains(g.AdviserUserId.Value))))
                .Select(g => g.OrganisationId).ToListAsync(cancellationToken));
        }

        return known.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Programme {Name} computed over {Companies} sharing companies in {Milliseconds} ms.")]
    private partial void LogComputed(string name, int companies, int milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Computing the programmes failed; the last published figures stay.")]
    private partial void LogFailed(Exception ex);
}

/// <summary>Switches the nightly computation; tests compute on demand instead.</summary>
public sealed class ProgrammeComputationOptions
{
    public const string Section = "Programmes";

    public bool RunInBackground { get; set; } = true;
}
