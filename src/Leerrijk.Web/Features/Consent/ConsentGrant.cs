using System.Linq.Expressions;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.Consent;

/// <summary>What a company lets a support organisation do, each chosen by the owner on its own.</summary>
[Flags]
public enum ConsentScope
{
    None = 0,

    /// <summary>Read reports (through the anonymity rule), the dashboard, the action plan and the track.</summary>
    ReadReports = 1,

    /// <summary>Work on the action plan, its indicators, the vouchers and the track (coach hours, notes).</summary>
    WorkOnPlan = 2,

    /// <summary>Open and manage rounds on the company's behalf (including personal invitations and posters).</summary>
    ManageRounds = 4,

    /// <summary>Download the anonymised raw answers (CSV), where the anonymity rule releases them at all.</summary>
    RawAnswers = 8,
}

/// <summary>
/// A company's consent for a support organisation, owned by the company: the owner grants it (or accepts an adviser's
/// request), chooses the scopes and the end date, and can revoke it at any time. <see cref="OrganisationAccess"/> reads
/// it on every request, so a revoked or expired grant refuses the very next one.
/// </summary>
public sealed class ConsentGrant : IOrganisationScoped, IHasCreatedAt
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public Guid SupportOrganisationId { get; set; }

    public SupportOrganisation? SupportOrganisation { get; set; }

    /// <summary>The adviser who follows the company; coordinators of the support organisation are admitted as well.</summary>
    public Guid? AdviserUserId { get; set; }

    public ConsentScope Scopes { get; set; }

    /// <summary>The last day the grant holds.</summary>
    public DateOnly EndsOn { get; set; }

    public Guid GrantedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }

    public Guid? RevokedByUserId { get; set; }

    /// <summary>
    /// The rule for a grant that holds on <paramref name="today"/>: not revoked and not past its last day. Every query
    /// that admits, lists or counts through consent uses this one expression (<see cref="IsActiveOn"/> is the same
    /// rule for a grant already in memory; ConsentGrantRuleTests checks the two agree).
    /// </summary>
    public static Expression<Func<ConsentGrant, bool>> ActiveOn(DateOnly today) => g => g.RevokedAtUtc == null && g.EndsOn >= today;

    /// <summary>Whether the grant admits anyone on <paramref name="today"/> (<see cref="ActiveOn"/> for queries).</summary>
    public bool IsActiveOn(DateOnly today) => IsActive(RevokedAtUtc, EndsOn, today);

    /// <summary>The in-memory form of <see cref="ActiveOn"/>, for rows already read (such as the owner's list of grants).</summary>
    public static bool IsActive(DateTime? revokedAtUtc, DateOnly endsOn, DateOnly today) => revokedAtUtc is null && endsOn >= today;

    public bool Allows(ConsentScope scope) => scope != ConsentScope.None && (Scopes & scope) == scope;
}

/// <summary>
/// An adviser's request to connect, sent by e-mail to a company's owner. It grants nothing: the owner who opens the
/// link chooses the company, reads what would be shared, may narrow the scopes and shorten the period, and accepts.
/// </summary>
public sealed class ConnectionRequest : IHasCreatedAt
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SupportOrganisationId { get; set; }

    public SupportOrganisation? SupportOrganisation { get; set; }

    public Guid AdviserUserId { get; set; }

    public string Email { get; set; } = "";

    /// <summary>The company the adviser has in mind, as they typed it; only shown to the owner as a hint.</summary>
    public string? CompanyName { get; set; }

    public ConsentScope ProposedScopes { get; set; }

    public int ProposedMonths { get; set; } = 12;

    public string TokenHash { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? AcceptedAtUtc { get; set; }

    public DateTime? WithdrawnAtUtc { get; set; }

    public Guid? GrantId { get; set; }

    public bool IsOpen(DateTime nowUtc) => AcceptedAtUtc is null && WithdrawnAtUtc is null && nowUtc < ExpiresAtUtc;

    /// <summary>Creates a 256-bit token for the link; only <see cref="HashToken"/> of it is stored.</summary>
    public static string NewToken() => LinkToken.New();

    public static string HashToken(string token) => LinkToken.Hash(token);
}

/// <summary>One request by someone admitted through a grant: the owner's "who looked at what, when".</summary>
public sealed class AccessLogEntry : IOrganisationScoped
{
    public const int PathMaxLength = 400;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }

    public Guid UserId { get; set; }

    public Guid SupportOrganisationId { get; set; }

    public Guid GrantId { get; set; }

    public DateTime AtUtc { get; set; }

    public string Method { get; set; } = "";

    /// <summary>The route template (or API pattern) that was asked for, which the owner's page turns into words.</summary>
    public string Route { get; set; } = "";

    /// <summary>The page handler (Csv, Pdf, Update …), empty for a plain GET.</summary>
    public string Handler { get; set; } = "";

    public string Path { get; set; } = "";

    public ConsentScope Scope { get; set; }
}

public sealed class ConsentGrantConfiguration : IEntityTypeConfiguration<ConsentGrant>
{
    public void Configure(EntityTypeBuilder<ConsentGrant> builder)
    {
        builder.HasIndex(g => new { g.OrganisationId, g.SupportOrganisationId });
        builder.HasIndex(g => new { g.SupportOrganisationId, g.AdviserUserId });
        builder.Property(g => g.Scopes).HasConversion<int>();
        builder.HasOne(g => g.Organisation).WithMany().HasForeignKey(g => g.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(g => g.SupportOrganisation).WithMany().HasForeignKey(g => g.SupportOrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ConnectionRequestConfiguration : IEntityTypeConfiguration<ConnectionRequest>
{
    public void Configure(EntityTypeBuilder<ConnectionRequest> builder)
    {
        builder.Property(r => r.Email).HasMaxLength(256);
        builder.Property(r => r.CompanyName).HasMaxLength(Organisation.NameMaxLength);
        builder.Property(r => r.TokenHash).HasMaxLength(64);
        builder.HasIndex(r => r.TokenHash).IsUnique();
        builder.HasIndex(r => r.SupportOrganisationId);
        builder.Property(r => r.ProposedScopes).HasConversion<int>();
        builder.HasOne(r => r.SupportOrganisation).WithMany().HasForeignKey(r => r.SupportOrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AccessLogEntryConfiguration : IEntityTypeConfiguration<AccessLogEntry>
{
    public void Configure(EntityTypeBuilder<AccessLogEntry> builder)
    {
        builder.ToTable("AccessLog");
        builder.HasIndex(e => new { e.OrganisationId, e.AtUtc });
        builder.Property(e => e.Method).HasMaxLength(8);
        builder.Property(e => e.Route).HasMaxLength(200);
        builder.Property(e => e.Handler).HasMaxLength(40);
        builder.Property(e => e.Path).HasMaxLength(AccessLogEntry.PathMaxLength);
        builder.Property(e => e.Scope).HasConversion<int>();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
