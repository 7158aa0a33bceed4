using System.Linq.Expressions;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.Programmes;

/// <summary>
/// A regional or sector programme a support organisation runs for a period (LeercultuurMKB, a fund's scheme), with
/// the targets it promised its funder. Companies join by invitation and consent (<see cref="ProgrammeParticipant"/>);
/// the programme sees their results only as figures over at least <see cref="MinCompanies"/> companies.
/// </summary>
public sealed class Programme : IHasCreatedAt
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 2000;

    /// <summary>The fewest companies any programme figure may rest on; a programme may raise it, never lower it.</summary>
    public const int LowestMinCompanies = 5;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SupportOrganisationId { get; set; }

    public SupportOrganisation? SupportOrganisation { get; set; }

    public string Name { get; set; } = "";

    /// <summary>What the programme wants to achieve, in the words its funder reads.</summary>
    public string Description { get; set; } = "";

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    /// <summary>Province ids (reference data) the programme covers; empty means no limit.</summary>
    public List<string> ProvinceIds { get; set; } = [];

    /// <summary>Labour-market region ids the programme covers; empty means no limit.</summary>
    public List<string> LabourMarketRegionIds { get; set; } = [];

    /// <summary>SBI section letters the programme is for; empty means every sector.</summary>
    public List<string> SbiSections { get; set; } = [];

    /// <summary>The instruments whose rounds count as baseline and follow-up scans, in the order the monitor shows them.</summary>
    public List<string> InstrumentIds { get; set; } = [];

    /// <summary>Companies the programme wants to reach (LeercultuurMKB: 48).</summary>
    public int? TargetCompanies { get; set; }

    /// <summary>Companies that should have done their baseline scan by the end.</summary>
    public int? TargetBaselines { get; set; }

    /// <summary>Companies that should have an action plan by the end.</summary>
    public int? TargetPlans { get; set; }

    /// <summary>Companies that should have done a follow-up scan by the end.</summary>
    public int? TargetFollowUps { get; set; }

    /// <summary>Target share of staff with a development plan, in percent (LeercultuurMKB: 50).</summary>
    public decimal? TargetDevelopmentPlanPercent { get; set; }

    /// <summary>Target share of staff trained in the last 12 months, in percent (LeercultuurMKB: 33).</summary>
    public decimal? TargetTrainedPercent { get; set; }

    /// <summary>
    /// The fewest companies a programme figure rests on, fixed when the programme is created so every report of the
    /// period uses the same rule (ADR 0016). Never below <see cref="LowestMinCompanies"/>.
    /// </summary>
    public int MinCompanies { get; set; } = LowestMinCompanies;

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>Someone who reads a programme's monitor and funder report (a programme manager); coordinators of the support organisation may too.</summary>
public sealed class ProgrammeManager : IHasCreatedAt
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProgrammeId { get; set; }

    public Guid UserId { get; set; }

    public ApplicationUser? User { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>
/// A company invited to a programme, and once it joined, its two separate choices: share its results with the
/// programme (as figures over several companies only) and add them anonymously to the norm pool. The owner can
/// change either or leave at any time; the next computation (<see cref="ProgrammeComputation"/>) and the next norm
/// refresh leave the company out.
/// </summary>
public sealed class ProgrammeParticipant : IHasCreatedAt
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(30);

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProgrammeId { get; set; }

    public Programme? Programme { get; set; }

    /// <summary>The company, once an owner accepted; null while the invitation is open.</summary>
    public Guid? OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    /// <summary>Where the invitation went.</summary>
    public string Email { get; set; } = "";

    /// <summary>The company as the inviter typed it; only a hint for the owner.</summary>
    public string? CompanyName { get; set; }

    public string TokenHash { get; set; } = "";

    public Guid InvitedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime InvitationExpiresAtUtc { get; set; }

    public DateTime? JoinedAtUtc { get; set; }

    public Guid? JoinedByUserId { get; set; }

    /// <summary>The programme may count the company's results in its figures (over several companies only).</summary>
    public bool SharesResults { get; set; }

    /// <summary>The company's results go, without its name, into the norm pool that every company compares with.</summary>
    public bool InNormPool { get; set; }

    /// <summary>When either choice last changed (joining included).</summary>
    public DateTime? ChoicesChangedAtUtc { get; set; }

    /// <summary>When the company left the programme; its results leave the next computation.</summary>
    public DateTime? LeftAtUtc { get; set; }

    /// <summary>The rule for a company that takes part: joined and not left. Every programme query uses it.</summary>
    public static Expression<Func<ProgrammeParticipant, bool>> Active => p => p.OrganisationId != null && p.JoinedAtUtc != null && p.LeftAtUtc == null;

    /// <summary>The rule for a company whose results the programme may count.</summary>
    public static Expression<Func<ProgrammeParticipant, bool>> Sharing => p => p.OrganisationId != null && p.JoinedAtUtc != null && p.LeftAtUtc == null && p.SharesResults;

    /// <summary>The rule for a company in the norm pool (through any programme it takes part in).</summary>
    public static Expression<Func<ProgrammeParticipant, bool>> InPool => p => p.OrganisationId != null && p.JoinedAtUtc != null && p.LeftAtUtc == null && p.InNormPool;

    public bool IsOpenInvitation(DateTime nowUtc) => JoinedAtUtc is null && LeftAtUtc is null && nowUtc < InvitationExpiresAtUtc;
}

/// <summary>
/// One computation of a programme's monitor, as published: every figure already passed both levels of the anonymity
/// rule (<see cref="Anonymity.ProgrammeDisclosure"/>). The dashboard and the funder report read the latest one only, so they
/// cost the same for 30 or 1,000 companies.
/// </summary>
public sealed class ProgrammeSnapshot
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProgrammeId { get; set; }

    public DateTime ComputedAtUtc { get; set; }

    /// <summary>How long the computation took, for the bench and the operator.</summary>
    public int DurationMilliseconds { get; set; }

    /// <summary>The published <see cref="MonitorData"/> as JSON.</summary>
    public string DataJson { get; set; } = "";

    /// <summary>The company sets behind the published figures (<see cref="Populations"/>), for the next computation's comparison; never shown.</summary>
    public string PopulationsJson { get; set; } = "";
}

public sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(Programme.NameMaxLength);
        builder.Property(p => p.Description).HasMaxLength(Programme.DescriptionMaxLength);
        builder.Property(p => p.TargetDevelopmentPlanPercent).HasPrecision(5, 1);
        builder.Property(p => p.TargetTrainedPercent).HasPrecision(5, 1);
        builder.HasIndex(p => p.SupportOrganisationId);
        builder.HasOne(p => p.SupportOrganisation).WithMany().HasForeignKey(p => p.SupportOrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ProgrammeManagerConfiguration : IEntityTypeConfiguration<ProgrammeManager>
{
    public void Configure(EntityTypeBuilder<ProgrammeManager> builder)
    {
        builder.HasIndex(m => new { m.ProgrammeId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.HasOne<Programme>().WithMany().HasForeignKey(m => m.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ProgrammeParticipantConfiguration : IEntityTypeConfiguration<ProgrammeParticipant>
{
    public void Configure(EntityTypeBuilder<ProgrammeParticipant> builder)
    {
        builder.Property(p => p.Email).HasMaxLength(256);
        builder.Property(p => p.CompanyName).HasMaxLength(Organisation.NameMaxLength);
        builder.Property(p => p.TokenHash).HasMaxLength(64);
        builder.HasIndex(p => p.TokenHash).IsUnique();
        builder.HasIndex(p => new { p.ProgrammeId, p.OrganisationId });
        builder.HasIndex(p => p.OrganisationId);
        builder.HasOne(p => p.Programme).WithMany().HasForeignKey(p => p.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ProgrammeSnapshotConfiguration : IEntityTypeConfiguration<ProgrammeSnapshot>
{
    public void Configure(EntityTypeBuilder<ProgrammeSnapshot> builder)
    {
        builder.HasIndex(s => new { s.ProgrammeId, s.ComputedAtUtc });
        builder.HasOne<Programme>().WithMany().HasForeignKey(s => s.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
    }
}
