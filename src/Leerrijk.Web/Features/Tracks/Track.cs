using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.Tracks;

/// <summary>
/// A company's track (traject) with a support organisation: from intake to close-out, with a coach-hours budget and the
/// follow-up round that shows what changed. Company data: it lives under the company's tenancy and consent.
/// </summary>
public sealed class Track : IOrganisationScoped, IHasCreatedAt
{
    public const decimal MaxBudgetHours = 1000m;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }

    public Guid SupportOrganisationId { get; set; }

    public SupportOrganisation? SupportOrganisation { get; set; }

    public TrackStage Stage { get; set; } = TrackStage.Intake;

    public DateOnly StartedOn { get; set; }

    /// <summary>Coach hours the track may use (LeercultuurMKB: 120).</summary>
    public decimal CoachHoursBudget { get; set; }

    /// <summary>The round the track starts from (the first team scan) and the follow-up round it is compared with.</summary>
    public Guid? BaselineRoundId { get; set; }

    public Guid? FollowUpRoundId { get; set; }

    /// <summary>When the follow-up round is due; owner and adviser get a reminder by e-mail from that day on.</summary>
    public DateOnly? FollowUpDueOn { get; set; }

    public DateOnly? FollowUpReminderSentOn { get; set; }

    public DateOnly? ClosedOn { get; set; }

    /// <summary>Optimistic concurrency: two advisers saving the same track are told, not overwritten.</summary>
    public int Version { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>
    /// A company's tracks with its current one first: the open one (the latest started, should there be several), else
    /// the latest closed one. The track page and the caseload both show "the" track by this order.
    /// </summary>
    public static IOrderedQueryable<Track> CurrentFirst(IQueryable<Track> tracks) =>
        tracks.OrderBy(t => t.ClosedOn != null).ThenByDescending(t => t.StartedOn);
}

/// <summary>The stages of a track, in order.</summary>
public enum TrackStage
{
    Intake = 1,
    TeamScan = 2,
    ReportConversation = 3,
    ActionPlan = 4,
    Coaching = 5,
    FollowUpScan = 6,
    CloseOut = 7,
}

/// <summary>The day a track reached a stage.</summary>
public sealed class TrackMilestone : IOrganisationScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }

    public Guid TrackId { get; set; }

    public TrackStage Stage { get; set; }

    public DateOnly ReachedOn { get; set; }
}

/// <summary>Coach hours spent on a track, logged against its budget.</summary>
public sealed class CoachHoursEntry : IOrganisationScoped, IHasCreatedAt
{
    public const int ActivityMaxLength = 300;
    public const decimal MaxHoursPerEntry = 24m;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }

    public Guid TrackId { get; set; }

    public DateOnly On { get; set; }

    public decimal Hours { get; set; }

    public string Activity { get; set; } = "";

    public Guid LoggedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>A conversation note on a track: shared with the company unless marked internal to the support organisation.</summary>
public sealed class TrackNote : IOrganisationScoped, IHasCreatedAt
{
    public const int TextMaxLength = 4000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }

    public Guid TrackId { get; set; }

    public DateOnly On { get; set; }

    public string Text { get; set; } = "";

    /// <summary>Only the support organisation reads it; the company's members never see it.</summary>
    public bool InternalToSupport { get; set; }

    public Guid AuthorUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

public sealed class TrackConfiguration : IEntityTypeConfiguration<Track>
{
    public void Configure(EntityTypeBuilder<Track> builder)
    {
        builder.HasIndex(t => new { t.OrganisationId, t.SupportOrganisationId });
        builder.HasIndex(t => t.SupportOrganisationId);
        builder.Property(t => t.Stage).HasConversion<string>().HasMaxLength(24);
        builder.Property(t => t.CoachHoursBudget).HasPrecision(7, 2);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(t => t.SupportOrganisation).WithMany().HasForeignKey(t => t.SupportOrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Rounds.Round>().WithMany().HasForeignKey(t => t.BaselineRoundId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Rounds.Round>().WithMany().HasForeignKey(t => t.FollowUpRoundId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class TrackMilestoneConfiguration : IEntityTypeConfiguration<TrackMilestone>
{
    public void Configure(EntityTypeBuilder<TrackMilestone> builder)
    {
        builder.HasIndex(m => new { m.TrackId, m.Stage }).IsUnique();
        builder.HasIndex(m => m.OrganisationId);
        builder.Property(m => m.Stage).HasConversion<string>().HasMaxLength(24);
        builder.HasOne<Track>().WithMany().HasForeignKey(m => m.TrackId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CoachHoursEntryConfiguration : IEntityTypeConfiguration<CoachHoursEntry>
{
    public void Configure(EntityTypeBuilder<CoachHoursEntry> builder)
    {
        builder.ToTable("CoachHours");
        builder.HasIndex(e => e.TrackId);
        builder.HasIndex(e => e.OrganisationId);
        builder.Property(e => e.Hours).HasPrecision(5, 2);
        builder.Property(e => e.Activity).HasMaxLength(CoachHoursEntry.ActivityMaxLength);
        builder.HasOne<Track>().WithMany().HasForeignKey(e => e.TrackId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TrackNoteConfiguration : IEntityTypeConfiguration<TrackNote>
{
    public void Configure(EntityTypeBuilder<TrackNote> builder)
    {
        builder.HasIndex(n => n.TrackId);
        builder.HasIndex(n => n.OrganisationId);
        builder.Property(n => n.Text).HasMaxLength(TrackNote.TextMaxLength);
        builder.HasOne<Track>().WithMany().HasForeignKey(n => n.TrackId).OnDelete(DeleteBehavior.Cascade);
    }
}
