using System.Linq.Expressions;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.Communities;

/// <summary>
/// Peers from several companies who learn together on real questions for a while: a learning community (Gas erop!:
/// six to eight staff, a lecturer, students, about ten weeks), a learning table, a breakfast session or a peer group.
/// A support organisation or a company runs it (exactly one of <see cref="SupportOrganisationId"/> and
/// <see cref="OrganisationId"/>). The community never sees a company's scan results, only what a member brings on purpose.
/// </summary>
public sealed class Community : IHasCreatedAt
{
    public const int NameMaxLength = 200;
    public const int ThemeMaxLength = 200;
    public const int DescriptionMaxLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Name { get; set; } = "";

    /// <summary>What it is about, in a few words ("inwerken van nieuwe collega's").</summary>
    public string Theme { get; set; } = "";

    public string Description { get; set; } = "";

    public CommunityKind Kind { get; set; }

    /// <summary>The province (reference data id) it meets in, for the public list; empty when it meets online only.</summary>
    public string ProvinceId { get; set; } = "";

    /// <summary>The support organisation that runs it, or null when a company does.</summary>
    public Guid? SupportOrganisationId { get; set; }

    public SupportOrganisation? SupportOrganisation { get; set; }

    /// <summary>The company that runs it, or null when a support organisation does.</summary>
    public Guid? OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    /// <summary>The first day of the cycle.</summary>
    public DateOnly StartsOn { get; set; }

    /// <summary>The last day of the cycle.</summary>
    public DateOnly EndsOn { get; set; }

    /// <summary>Listed on the public list, where people can ask to join; a closed community takes members by invitation only.</summary>
    public bool OpenForRequests { get; set; }

    public Guid CreatedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Optimistic concurrency: two facilitators saving at once are told it changed.</summary>
    public int Version { get; set; }
}

public enum CommunityKind
{
    LearningCommunity = 1,
    LearningTable = 2,
    BreakfastSession = 3,
    PeerGroup = 4,
}

/// <summary>
/// One person in a community: a facilitator, a member for their company, or a guest (a school's lecturer or student).
/// The row is also the invitation (by e-mail, <see cref="TokenHash"/>) or the request to join that led to it.
/// </summary>
public sealed class CommunityMember : IHasCreatedAt
{
    public const int QuestionMaxLength = 1000;
    public const int AffiliationMaxLength = 200;
    public const int MessageMaxLength = 1000;

    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(30);

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CommunityId { get; set; }

    public Community? Community { get; set; }

    /// <summary>The person, once they accepted or asked; null while an e-mailed invitation is open.</summary>
    public Guid? UserId { get; set; }

    /// <summary>Where the invitation went, or the requester's address.</summary>
    public string Email { get; set; } = "";

    /// <summary>The company the person takes part for; null for guests and for facilitators of a support organisation.</summary>
    public Guid? OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    /// <summary>A guest's school or institution, as they typed it.</summary>
    public string? Affiliation { get; set; }

    public CommunityRole Role { get; set; }

    public MemberStatus Status { get; set; }

    /// <summary>The hash of the invitation link's token (<see cref="Infrastructure.Security.LinkToken"/>); null for requests.</summary>
    public string? TokenHash { get; set; }

    public DateTime? InvitationExpiresAtUtc { get; set; }

    /// <summary>The mail server refused the invitation's address: shown to the facilitator, who can correct it.</summary>
    public bool InvitationUndeliverable { get; set; }

    /// <summary>What a requester wrote to the facilitator.</summary>
    public string? RequestMessage { get; set; }

    /// <summary>The person agreed that other members see their name and company. Without it they see "a member".</summary>
    public bool ShowsIdentity { get; set; }

    /// <summary>The question the member's company brings to the cycle.</summary>
    public string? Question { get; set; }

    /// <summary>What the member needs to know to answer it, as the community put it.</summary>
    public string? NeedToKnow { get; set; }

    /// <summary>
    /// A summary of the company's latest report that its owner shared on purpose (dimension and shown result, as JSON),
    /// or null. Nothing else of a company's scans ever reaches the community.
    /// </summary>
    public string? SharedSummaryJson { get; set; }

    public DateTime? SharedSummaryAtUtc { get; set; }

    public Guid? InvitedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? JoinedAtUtc { get; set; }

    public DateTime? LeftAtUtc { get; set; }

    /// <summary>The rule for a person who takes part now. Every community query that shows people or their work uses it.</summary>
    public static Expression<Func<CommunityMember, bool>> Active => m => m.Status == MemberStatus.Active && m.UserId != null;

    public bool IsOpenInvitation(DateTime nowUtc) => Status == MemberStatus.Invited && InvitationExpiresAtUtc is { } until && nowUtc < until;
}

public enum CommunityRole
{
    Facilitator = 1,
    Member = 2,
    Guest = 3,
}

public enum MemberStatus
{
    Invited = 1,
    Requested = 2,
    Active = 3,
    Declined = 4,
    Left = 5,
}

/// <summary>One meeting of a community. Members get it by e-mail as an iCalendar event; a change raises <see cref="Sequence"/>.</summary>
public sealed class CommunitySession : IHasCreatedAt
{
    public const int PlaceMaxLength = 300;
    public const int LinkMaxLength = 500;
    public const int AgendaMaxLength = 4000;
    public const int NotesMaxLength = 8000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CommunityId { get; set; }

    public Community? Community { get; set; }

    public DateTime StartsAtUtc { get; set; }

    public DateTime EndsAtUtc { get; set; }

    public string? Place { get; set; }

    public string? VideoLink { get; set; }

    public string? Agenda { get; set; }

    /// <summary>What was said and learned, written after the session.</summary>
    public string? Notes { get; set; }

    /// <summary>The iCalendar SEQUENCE: raised on every change members are told about, so calendars update the event.</summary>
    public int Sequence { get; set; }

    public DateTime? CancelledAtUtc { get; set; }

    public DateTime? ReminderSentAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public int Version { get; set; }
}

/// <summary>Whether a member was at a session, as the facilitator recorded it.</summary>
public sealed class SessionAttendance
{
    public Guid SessionId { get; set; }

    public Guid MemberId { get; set; }

    public bool Present { get; set; }
}

/// <summary>
/// What the community learned, in its own words; a facilitator may propose it as a practice story
/// (<see cref="Menukaart.StoryDraft"/>) that an editor reviews.
/// </summary>
public sealed class CommunityLesson : IHasCreatedAt
{
    public const int TextMaxLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CommunityId { get; set; }

    public Guid? SessionId { get; set; }

    /// <summary>The company the lesson came from, if it came from one member's try.</summary>
    public Guid? OrganisationId { get; set; }

    public string Text { get; set; } = "";

    public Guid RecordedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

public sealed class CommunityConfiguration : IEntityTypeConfiguration<Community>
{
    public void Configure(EntityTypeBuilder<Community> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(Community.NameMaxLength);
        builder.Property(c => c.Theme).HasMaxLength(Community.ThemeMaxLength);
        builder.Property(c => c.Description).HasMaxLength(Community.DescriptionMaxLength);
        builder.Property(c => c.ProvinceId).HasMaxLength(64);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne(c => c.SupportOrganisation).WithMany().HasForeignKey(c => c.SupportOrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Organisation).WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.SupportOrganisationId);
        builder.HasIndex(c => c.OrganisationId);
    }
}

public sealed class CommunityMemberConfiguration : IEntityTypeConfiguration<CommunityMember>
{
    public void Configure(EntityTypeBuilder<CommunityMember> builder)
    {
        builder.Property(m => m.Email).HasMaxLength(256);
        builder.Property(m => m.Affiliation).HasMaxLength(CommunityMember.AffiliationMaxLength);
        builder.Property(m => m.RequestMessage).HasMaxLength(CommunityMember.MessageMaxLength);
        builder.Property(m => m.Question).HasMaxLength(CommunityMember.QuestionMaxLength);
        builder.Property(m => m.NeedToKnow).HasMaxLength(CommunityMember.QuestionMaxLength);
        builder.Property(m => m.TokenHash).HasMaxLength(64);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(m => m.TokenHash).IsUnique();
        builder.HasIndex(m => new { m.CommunityId, m.UserId });
        builder.HasIndex(m => m.UserId);
        builder.HasIndex(m => m.OrganisationId);
        builder.HasOne(m => m.Community).WithMany().HasForeignKey(m => m.CommunityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Organisation).WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account.ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CommunitySessionConfiguration : IEntityTypeConfiguration<CommunitySession>
{
    public void Configure(EntityTypeBuilder<CommunitySession> builder)
    {
        builder.Property(s => s.Place).HasMaxLength(CommunitySession.PlaceMaxLength);
        builder.Property(s => s.VideoLink).HasMaxLength(CommunitySession.LinkMaxLength);
        builder.Property(s => s.Agenda).HasMaxLength(CommunitySession.AgendaMaxLength);
        builder.Property(s => s.Notes).HasMaxLength(CommunitySession.NotesMaxLength);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => new { s.CommunityId, s.StartsAtUtc });
        builder.HasOne(s => s.Community).WithMany().HasForeignKey(s => s.CommunityId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SessionAttendanceConfiguration : IEntityTypeConfiguration<SessionAttendance>
{
    public void Configure(EntityTypeBuilder<SessionAttendance> builder)
    {
        builder.HasKey(a => new { a.SessionId, a.MemberId });
        builder.HasOne<CommunitySession>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CommunityMember>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CommunityLessonConfiguration : IEntityTypeConfiguration<CommunityLesson>
{
    public void Configure(EntityTypeBuilder<CommunityLesson> builder)
    {
        builder.Property(l => l.Text).HasMaxLength(CommunityLesson.TextMaxLength);
        builder.HasIndex(l => l.CommunityId);
        builder.HasOne<Community>().WithMany().HasForeignKey(l => l.CommunityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CommunitySession>().WithMany().HasForeignKey(l => l.SessionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(l => l.OrganisationId).OnDelete(DeleteBehavior.SetNull);
    }
}
