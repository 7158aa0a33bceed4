using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Answering;
using Leerrijk.Web.Features.Api;
using Leerrijk.Web.Features.Communities;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Funding;
using Leerrijk.Web.Features.Menukaart;
using Leerrijk.Web.Features.Norms;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.PersonalInvitations;
using Leerrijk.Web.Features.Programmes;
using Leerrijk.Web.Features.QuickScan;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Responses;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Features.Tracks;
using Leerrijk.Web.Features.Webhooks;
using Leerrijk.Web.Features.Wegwijzer;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Leerrijk.IntegrationTests.Data;

/// <summary>
/// Keeps the schema ready to be distributed by organisation id with Citus (ADR 0025). Every table is placed;
/// an organisation-scoped table carries a non-null OrganisationId that leads an index; its unique keys stay unique
/// when OrganisationId is added to them; no reference table points into a distributed one. What does not hold yet
/// is listed by name, so a new table or key that breaks a rule fails with what to add. The model of each database is
/// built the way `dotnet ef migrations add` builds it, so a model change is checked before its migration exists.
/// </summary>
public sealed class DistributionReadinessTests
{
    private const string OrganisationId = nameof(IOrganisationScoped.OrganisationId);

    /// <summary>Where a table goes on a Citus cluster.</summary>
    private enum Placement
    {
        /// <summary>One company's data: distributed by OrganisationId, co-located with the others.</summary>
        OrganisationScoped,

        /// <summary>Content edited by the platform's editors: a reference table (a full copy on every node).</summary>
        Content,

        /// <summary>Rows across organisations (accounts, the organisation directory, support organisations, programmes, communities): a reference table.</summary>
        Platform,
    }

    private static readonly Dictionary<Type, Placement> Placements = new()
    {
        // Company data: every IOrganisationScoped entity, plus the webhook rows that follow one company's event.
        [typeof(Round)] = Placement.OrganisationScoped,
        [typeof(SurveyResponse)] = Placement.OrganisationScoped,
        [typeof(ResponseAnswer)] = Placement.OrganisationScoped,
        [typeof(ResponseComment)] = Placement.OrganisationScoped,
        [typeof(ResponseDraft)] = Placement.OrganisationScoped,
        [typeof(PersonalInvitation)] = Placement.OrganisationScoped,
        [typeof(RoundStatistic)] = Placement.OrganisationScoped,
        [typeof(Membership)] = Placement.OrganisationScoped,
        [typeof(Invitation)] = Placement.OrganisationScoped,
        [typeof(ActionStep)] = Placement.OrganisationScoped,
        [typeof(PlanIndicator)] = Placement.OrganisationScoped,
        [typeof(IndicatorMeasurement)] = Placement.OrganisationScoped,
        [typeof(QuickScanResult)] = Placement.OrganisationScoped,
        [typeof(ConsentGrant)] = Placement.OrganisationScoped,
        [typeof(AccessLogEntry)] = Placement.OrganisationScoped,
        [typeof(Track)] = Placement.OrganisationScoped,
        [typeof(TrackMilestone)] = Placement.OrganisationScoped,
        [typeof(CoachHoursEntry)] = Placement.OrganisationScoped,
        [typeof(TrackNote)] = Placement.OrganisationScoped,
        [typeof(Voucher)] = Placement.OrganisationScoped,
        [typeof(WebhookEvent)] = Placement.OrganisationScoped,
        [typeof(WebhookDelivery)] = Placement.OrganisationScoped,
        [typeof(WebhookAttempt)] = Placement.OrganisationScoped,

        // Content.
        [typeof(MenukaartEntry)] = Placement.Content,
        [typeof(StoryDraft)] = Placement.Content,
        [typeof(OfferEntry)] = Placement.Content,
        [typeof(OfferChange)] = Placement.Content,
        [typeof(NormBand)] = Placement.Content,
        [typeof(NormRefresh)] = Placement.Content,

        // Platform: the organisation directory itself, accounts, keys, and everything that spans organisations.
        [typeof(Organisation)] = Placement.Platform,
        [typeof(ApplicationUser)] = Placement.Platform,
        [typeof(IdentityRole<Guid>)] = Placement.Platform,
        [typeof(IdentityUserRole<Guid>)] = Placement.Platform,
        [typeof(IdentityUserClaim<Guid>)] = Placement.Platform,
        [typeof(IdentityUserLogin<Guid>)] = Placement.Platform,
        [typeof(IdentityUserToken<Guid>)] = Placement.Platform,
        [typeof(IdentityRoleClaim<Guid>)] = Placement.Platform,
        [typeof(DataProtectionKey)] = Placement.Platform,
        [typeof(SupportOrganisation)] = Placement.Platform,
        [typeof(SupportMembership)] = Placement.Platform,
        [typeof(ConnectionRequest)] = Placement.Platform,
        [typeof(SchemeBudget)] = Placement.Platform,
        [typeof(Programme)] = Placement.Platform,
        [typeof(ProgrammeManager)] = Placement.Platform,
        [typeof(ProgrammeParticipant)] = Placement.Platform,
        [typeof(ProgrammeSnapshot)] = Placement.Platform,
        [typeof(Community)] = Placement.Platform,
        [typeof(CommunityMember)] = Placement.Platform,
        [typeof(CommunitySession)] = Placement.Platform,
        [typeof(SessionAttendance)] = Placement.Platform,
        [typeof(CommunityLesson)] = Placement.Platform,
        [typeof(ApiToken)] = Placement.Platform,
        [typeof(WebhookSubscription)] = Placement.Platform,
    };

    /// <summary>Organisation-scoped tables that do not carry OrganisationId yet, each with what it will carry.</summary>
    private static readonly Dictionary<string, string> WithoutOrganisationId = new(StringComparer.Ordinal)
    {
        ["WebhookDeliveries"] = "a delivery of one company's event: gets the event's OrganisationId",
        ["WebhookAttempts"] = "an attempt of one delivery: gets the delivery's OrganisationId",
    };

    /// <summary>
    /// Unique keys of organisation-scoped tables that are unique across the platform by design (no organisation id and
    /// no row id of one organisation in them): Citus cannot keep them, so each says what replaces it.
    /// </summary>
    private static readonly Dictionary<string, string> PlatformWideUniqueKeys = new(StringComparer.Ordinal)
    {
        ["Rounds(Code)"] = "respondents find a round by its code alone: the code moves to a RoundCodes reference table",
        ["Invitations(TokenHash)"] = "a 256-bit token's hash needs no platform-wide check: becomes (OrganisationId, TokenHash)",
        ["WebhookEvents(Key)"] = "built from an object id of the same company: becomes (OrganisationId, Key)",
    };

    /// <summary>
    /// Foreign keys between organisation-scoped tables without OrganisationId in them. Citus needs
    /// (OrganisationId, X) → (OrganisationId, Id); today the key is X → Id alone. Each is migration work (ADR 0025).
    /// </summary>
    private static readonly Dictionary<string, string> SingleColumnForeignKeys = new(StringComparer.Ordinal)
    {
        ["Responses.RoundId"] = "cascade: (OrganisationId, RoundId)",
        ["ResponseAnswer.ResponseId"] = "cascade: (OrganisationId, ResponseId)",
        ["ResponseComment.ResponseId"] = "cascade: (OrganisationId, ResponseId)",
        ["ResponseDrafts.RoundId"] = "cascade: (OrganisationId, RoundId)",
        ["PersonalInvitations.RoundId"] = "cascade: (OrganisationId, RoundId)",
        ["RoundStatistics.RoundId"] = "cascade: (OrganisationId, RoundId)",
        ["ActionSteps.RoundId"] = "set null: needs ON DELETE SET NULL (RoundId), the Eraser already clears it first",
        ["Tracks.BaselineRoundId"] = "set null: needs ON DELETE SET NULL (BaselineRoundId), the Eraser already clears it first",
        ["Tracks.FollowUpRoundId"] = "set null: needs ON DELETE SET NULL (FollowUpRoundId), the Eraser already clears it first",
        ["Vouchers.ActionStepId"] = "set null: needs ON DELETE SET NULL (ActionStepId)",
        ["CoachHours.TrackId"] = "cascade: (OrganisationId, TrackId)",
        ["TrackMilestones.TrackId"] = "cascade: (OrganisationId, TrackId)",
        ["TrackNotes.TrackId"] = "cascade: (OrganisationId, TrackId)",
        ["IndicatorMeasurements.IndicatorId"] = "cascade: (OrganisationId, IndicatorId)",
        ["WebhookDeliveries.EventId"] = "cascade: (OrganisationId, EventId) once deliveries carry OrganisationId",
        ["WebhookAttempts.DeliveryId"] = "cascade: (OrganisationId, DeliveryId) once attempts carry OrganisationId",
    };

    /// <summary>Both models: Citus runs on PostgreSQL, but SQLite's migrations must keep the same keys.</summary>
    public static TheoryData<string> Databases => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Databases))]
    public void Every_table_is_placed_and_every_organisation_scoped_entity_is_distributed(string database)
    {
        var problems = new List<string>();
        var entityTypes = EntityTypes(database);
        foreach (var entityType in entityTypes)
        {
            var clr = entityType.ClrType;
            if (!Placements.TryGetValue(clr, out var placement))
            {
                problems.Add($"{Table(entityType)} ({clr.Name}) has no placement: add it to DistributionReadinessTests.Placements, "
                    + "OrganisationScoped if it holds one company's data (then implement IOrganisationScoped), Content or Platform otherwise (ADR 0025)");
                continue;
            }

            var scoped = typeof(IOrganisationScoped).IsAssignableFrom(clr);
            if (scoped && placement != Placement.OrganisationScoped)
            {
                problems.Add($"{Table(entityType)} implements IOrganisationScoped but is placed as {placement}");
            }

            if (!scoped && placement == Placement.OrganisationScoped && !WithoutOrganisationId.ContainsKey(Table(entityType)))
            {
                problems.Add($"{Table(entityType)} is placed as OrganisationScoped: implement IOrganisationScoped");
            }
        }

        problems.AddRange(Placements.Keys.Except(entityTypes.Select(t => t.ClrType)).Select(t => $"{t.Name} is placed but no longer in the model: remove it from Placements"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void Organisation_scoped_tables_carry_a_non_null_organisation_id_that_leads_an_index(string database)
    {
        var problems = new List<string>();
        var missing = new List<string>();
        foreach (var entityType in Distributed(database))
        {
            var table = Table(entityType);
            var column = entityType.FindProperty(OrganisationId);
            if (column is null && WithoutOrganisationId.ContainsKey(table))
            {
                missing.Add(table);
                continue;
            }

            if (column is null || column.ClrType != typeof(Guid) || column.IsNullable)
            {
                problems.Add($"{table} must have a non-null Guid OrganisationId (the distribution column): every row belongs to one company");
                continue;
            }

            var led = entityType.GetIndexes().Select(i => i.Properties).Append(entityType.FindPrimaryKey()!.Properties)
                .Any(properties => properties[0].Name == OrganisationId);
            if (!led)
            {
                problems.Add($"{table} has no index whose first column is OrganisationId: add builder.HasIndex(e => e.OrganisationId) "
                    + "(or lead an existing index with it); the tenancy filter and the Eraser select by it");
            }
        }

        problems.AddRange(WithoutOrganisationId.Keys.Except(missing, StringComparer.Ordinal)
            .Select(t => $"{t} is listed in WithoutOrganisationId but has OrganisationId now (or is gone): remove it from the list"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void Unique_keys_of_organisation_scoped_tables_stay_unique_with_the_organisation_id_added(string database)
    {
        // Citus needs OrganisationId in every primary key and unique constraint of a distributed table. Adding it changes
        // nothing when the key already holds OrganisationId, the row's own Guid, or the id of a row of the same company
        // (a foreign key to an organisation-scoped table): such a key is unique within one company already.
        var problems = new List<string>();
        var found = new List<string>();
        foreach (var entityType in Distributed(database))
        {
            var keys = entityType.GetKeys().Select(k => k.Properties)
                .Concat(entityType.GetIndexes().Where(i => i.IsUnique).Select(i => i.Properties));
            foreach (var properties in keys)
            {
                var name = $"{Table(entityType)}({string.Join(", ", properties.Select(p => p.Name))})";
                if (properties.Any(p => IsOrganisationAnchor(entityType, p)))
                {
                    continue;
                }

                if (PlatformWideUniqueKeys.ContainsKey(name))
                {
                    found.Add(name);
                    continue;
                }

                problems.Add($"{name} is unique across every company: add OrganisationId to it, "
                    + "or list it in PlatformWideUniqueKeys with what replaces it on a Citus cluster (ADR 0025)");
            }
        }

        problems.AddRange(PlatformWideUniqueKeys.Keys.Except(found, StringComparer.Ordinal)
            .Select(k => $"{k} is listed in PlatformWideUniqueKeys but no longer exists as such: remove it from the list"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void Foreign_keys_between_organisation_scoped_tables_include_the_organisation_id_or_are_listed(string database)
    {
        var problems = new List<string>();
        var found = new List<string>();
        foreach (var entityType in Distributed(database))
        {
            foreach (var foreignKey in entityType.GetForeignKeys().Where(fk => IsDistributed(fk.PrincipalEntityType)))
            {
                if (foreignKey.Properties.Any(p => p.Name == OrganisationId))
                {
                    continue;
                }

                var name = $"{Table(entityType)}.{string.Join("+", foreignKey.Properties.Select(p => p.Name))}";
                if (SingleColumnForeignKeys.ContainsKey(name))
                {
                    found.Add(name);
                    continue;
                }

                problems.Add($"{name} → {Table(foreignKey.PrincipalEntityType)} joins two organisation-scoped tables without OrganisationId: "
                    + "make it composite (HasPrincipalKey(p => new { p.OrganisationId, p.Id }) with HasForeignKey(d => new { d.OrganisationId, ... })), "
                    + "or list it in SingleColumnForeignKeys as migration work (ADR 0025)");
            }
        }

        problems.AddRange(SingleColumnForeignKeys.Keys.Except(found, StringComparer.Ordinal)
            .Select(k => $"{k} is listed in SingleColumnForeignKeys but no longer exists as such: remove it from the list"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void Reference_tables_never_point_into_organisation_scoped_tables(string database)
    {
        // Citus refuses a foreign key from a reference table to a distributed one: a full copy on every node cannot
        // check a row that lives on one. Such a link must go the other way, or be a plain id the Eraser clears.
        var problems = EntityTypes(database).Where(t => !IsDistributed(t))
            .SelectMany(t => t.GetForeignKeys().Where(fk => IsDistributed(fk.PrincipalEntityType)))
            .Select(fk => $"{Table(fk.DeclaringEntityType)}.{string.Join("+", fk.Properties.Select(p => p.Name))} → {Table(fk.PrincipalEntityType)}: "
                + "a reference table may not point into an organisation-scoped table; keep the id without a foreign key "
                + "(and clear it in the Eraser) or place the table as OrganisationScoped")
            .ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static List<IEntityType> EntityTypes(string database)
    {
        // Building the model opens no connection.
        using LeerrijkDbContext db = database == "sqlite" ? new SqliteDesignTimeFactory().CreateDbContext([]) : new PostgresDesignTimeFactory().CreateDbContext([]);
        var types = db.Model.GetEntityTypes().ToList();
        Assert.True(types.Count > 40, $"only {types.Count} entity types found in the model");
        return types;
    }

    private static IEnumerable<IEntityType> Distributed(string database) => EntityTypes(database).Where(IsDistributed);

    private static bool IsDistributed(IReadOnlyEntityType entityType) =>
        Placements.TryGetValue(entityType.ClrType, out var placement) && placement == Placement.OrganisationScoped;

    /// <summary>True for a column that ties a key to one company: OrganisationId, the row's own Guid, or a Guid naming a row of the same company.</summary>
    private static bool IsOrganisationAnchor(IEntityType entityType, IProperty property) =>
        property.Name == OrganisationId
        || (property.ClrType == typeof(Guid) && entityType.FindPrimaryKey()!.Properties is [var only] && only == property)
        || property.GetContainingForeignKeys().Any(fk => IsDistributed(fk.PrincipalEntityType));

    private static string Table(IReadOnlyEntityType entityType) => entityType.GetTableName() ?? entityType.ClrType.Name;
}
