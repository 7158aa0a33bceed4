using System.Linq.Expressions;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Answering;
using Leerrijk.Web.Features.Menukaart;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.PersonalInvitations;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Responses;
using Leerrijk.Web.Features.Rounds;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Data;

/// <summary>
/// The one model of Leerrijk. Provider-specific subclasses (<see cref="SqliteLeerrijkDbContext"/>,
/// <see cref="PostgresLeerrijkDbContext"/>) exist only to give each database its own migration set.
/// </summary>
public abstract class LeerrijkDbContext : IdentityDbContext<ApplicationUser, IdentityRole<Guid>, Guid>, IDataProtectionKeyContext
{
    private TenantContext? _tenant;

    protected LeerrijkDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<Round> Rounds => Set<Round>();

    public DbSet<SurveyResponse> Responses => Set<SurveyResponse>();

    public DbSet<ResponseDraft> ResponseDrafts => Set<ResponseDraft>();

    public DbSet<PersonalInvitation> PersonalInvitations => Set<PersonalInvitation>();

    public DbSet<RoundStatistic> RoundStatistics => Set<RoundStatistic>();

    public DbSet<MenukaartEntry> MenukaartEntries => Set<MenukaartEntry>();

    public DbSet<ActionStep> ActionSteps => Set<ActionStep>();

    public DbSet<Features.QuickScan.QuickScanResult> QuickScanResults => Set<Features.QuickScan.QuickScanResult>();

    public DbSet<Features.Support.SupportOrganisation> SupportOrganisations => Set<Features.Support.SupportOrganisation>();

    public DbSet<Features.Support.SupportMembership> SupportMemberships => Set<Features.Support.SupportMembership>();

    public DbSet<Features.Consent.ConsentGrant> ConsentGrants => Set<Features.Consent.ConsentGrant>();

    public DbSet<Features.Consent.ConnectionRequest> ConnectionRequests => Set<Features.Consent.ConnectionRequest>();

    public DbSet<Features.Consent.AccessLogEntry> AccessLog => Set<Features.Consent.AccessLogEntry>();

    public DbSet<Features.Tracks.Track> Tracks => Set<Features.Tracks.Track>();

    public DbSet<Features.Tracks.TrackMilestone> TrackMilestones => Set<Features.Tracks.TrackMilestone>();

    public DbSet<Features.Tracks.CoachHoursEntry> CoachHours => Set<Features.Tracks.CoachHoursEntry>();

    public DbSet<Features.Tracks.TrackNote> TrackNotes => Set<Features.Tracks.TrackNote>();

    public DbSet<PlanIndicator> PlanIndicators => Set<PlanIndicator>();

    public DbSet<IndicatorMeasurement> IndicatorMeasurements => Set<IndicatorMeasurement>();

    public DbSet<Features.Funding.Voucher> Vouchers => Set<Features.Funding.Voucher>();

    public DbSet<Features.Funding.SchemeBudget> SchemeBudgets => Set<Features.Funding.SchemeBudget>();

    public DbSet<Features.Wegwijzer.OfferEntry> Offers => Set<Features.Wegwijzer.OfferEntry>();

    public DbSet<Features.Wegwijzer.OfferChange> OfferChanges => Set<Features.Wegwijzer.OfferChange>();

    public DbSet<Features.Programmes.Programme> Programmes => Set<Features.Programmes.Programme>();

    public DbSet<Features.Programmes.ProgrammeManager> ProgrammeManagers => Set<Features.Programmes.ProgrammeManager>();

    public DbSet<Features.Programmes.ProgrammeParticipant> ProgrammeParticipants => Set<Features.Programmes.ProgrammeParticipant>();

    public DbSet<Features.Programmes.ProgrammeSnapshot> ProgrammeSnapshots => Set<Features.Programmes.ProgrammeSnapshot>();

    public DbSet<Features.Norms.NormBand> NormBands => Set<Features.Norms.NormBand>();

    public DbSet<Features.Norms.NormRefresh> NormRefreshes => Set<Features.Norms.NormRefresh>();

    public DbSet<Features.Communities.Community> Communities => Set<Features.Communities.Community>();

    public DbSet<Features.Communities.CommunityMember> CommunityMembers => Set<Features.Communities.CommunityMember>();

    public DbSet<Features.Communities.CommunitySession> CommunitySessions => Set<Features.Communities.CommunitySession>();

    public DbSet<Features.Communities.SessionAttendance> SessionAttendances => Set<Features.Communities.SessionAttendance>();

    public DbSet<Features.Communities.CommunityLesson> CommunityLessons => Set<Features.Communities.CommunityLesson>();

    public DbSet<StoryDraft> StoryDrafts => Set<StoryDraft>();

    public DbSet<Features.Api.ApiToken> ApiTokens => Set<Features.Api.ApiToken>();

    public DbSet<Features.Webhooks.WebhookSubscription> WebhookSubscriptions => Set<Features.Webhooks.WebhookSubscription>();

    public DbSet<Features.Webhooks.WebhookEvent> WebhookEvents => Set<Features.Webhooks.WebhookEvent>();

    public DbSet<Features.Webhooks.WebhookDelivery> WebhookDeliveries => Set<Features.Webhooks.WebhookDelivery>();

    public DbSet<Features.Webhooks.WebhookAttempt> WebhookAttempts => Set<Features.Webhooks.WebhookAttempt>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The organisation the query filters restrict to; null outside an organisation's pages.</summary>
    /// <remarks>EF Core reads this per query, so one model serves every tenant.</remarks>
    public Guid? CurrentOrganisationId => _tenant?.OrganisationId;

    /// <summary>
    /// Ties a context leased from the pool to the request's (or job's) tenant; <see cref="DatabaseSetup"/> calls it on
    /// every lease, before anyone else sees the context.
    /// </summary>
    internal void WorkFor(TenantContext tenant) => _tenant = tenant;

    /// <summary>A pooled context is reused by the next request: it forgets this one's tenant before it goes back.</summary>
    public override void Dispose()
    {
        _tenant = null;
        base.Dispose();
    }

    /// <inheritdoc cref="Dispose"/>
    public override ValueTask DisposeAsync()
    {
        _tenant = null;
        return base.DisposeAsync();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LeerrijkDbContext).Assembly, t => !t.IsAbstract);
        ApplyTenancyFilters(builder);
    }

    /// <summary>
    /// The tenancy rule, in one place: while a request works in an organisation, rows of any other
    /// organisation do not exist for it, so a foreign id can only ever lead to "not found".
    /// </summary>
    private void ApplyTenancyFilters(ModelBuilder builder)
    {
        builder.Entity<Organisation>().HasQueryFilter(o => CurrentOrganisationId == null || o.Id == CurrentOrganisationId);

        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            if (!typeof(IOrganisationScoped).IsAssignableFrom(entityType.ClrType))
            {
                continue;
            }

            var entity = Expression.Parameter(entityType.ClrType, "e");
            var current = Expression.Property(Expression.Constant(this), nameof(CurrentOrganisationId));
            var owner = Expression.Convert(
                Expression.Property(entity, nameof(IOrganisationScoped.OrganisationId)), typeof(Guid?));
            var body = Expression.OrElse(
                Expression.Equal(current, Expression.Constant(null, typeof(Guid?))),
                Expression.Equal(owner, current));
            builder.Entity(entityType.ClrType).HasQueryFilter(Expression.Lambda(body, entity));
        }
    }
}

/// <summary>The model on SQLite, the embedded default; its migrations live in Migrations/Sqlite.</summary>
public sealed class SqliteLeerrijkDbContext(DbContextOptions<SqliteLeerrijkDbContext> options) : LeerrijkDbContext(options);

/// <summary>The model on PostgreSQL, the production database; its migrations live in Migrations/Postgres.</summary>
public sealed class PostgresLeerrijkDbContext(DbContextOptions<PostgresLeerrijkDbContext> options) : LeerrijkDbContext(options);
