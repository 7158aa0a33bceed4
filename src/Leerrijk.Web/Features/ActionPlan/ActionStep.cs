using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.ActionPlan;

/// <summary>One step in an organisation's action plan: usually a first step from the menukaart, chosen from a report.</summary>
public sealed class ActionStep : IOrganisationScoped, IHasCreatedAt
{
    public const int TitleMaxLength = 200;
    public const int OwnerMaxLength = 100;
    public const int NoteMaxLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }

    /// <summary>The round whose report it came from, if any.</summary>
    public Guid? RoundId { get; set; }

    /// <summary>The menukaart step it follows, if any.</summary>
    public string? InterventionSlug { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The wegwijzer offer that pays for or supports the step, if one was picked (its slug: titles change).</summary>
    public string? OfferSlug { get; set; }

    /// <summary>Who takes it on, in the organisation's own words ("Petra, werkplaats").</summary>
    public string? Owner { get; set; }

    public DateOnly? StartOn { get; set; }

    public ActionStatus Status { get; set; }

    public string? Note { get; set; }

    /// <summary>
    /// The learning community where the company agreed to try this at work, while the member takes part; cleared when
    /// they leave, so the step stays with the company and no longer shows in the community.
    /// </summary>
    public Guid? CommunityId { get; set; }

    /// <summary>The community session where it was agreed, if any.</summary>
    public Guid? CommunitySessionId { get; set; }

    /// <summary>What came of it, as told at the next session (or written by the company).</summary>
    public string? Outcome { get; set; }

    /// <summary>When the follow-up round should show whether it helped.</summary>
    public DateOnly? FollowUpOn { get; set; }

    /// <summary>Optimistic concurrency: when two people save the same step, the second is told it changed.</summary>
    public int Version { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

public enum ActionStatus
{
    Planned,
    Started,
    Done,
    Dropped,
}

public sealed class ActionStepConfiguration : IEntityTypeConfiguration<ActionStep>
{
    public void Configure(EntityTypeBuilder<ActionStep> builder)
    {
        builder.ToTable("ActionSteps");
        builder.Property(s => s.Title).HasMaxLength(ActionStep.TitleMaxLength);
        builder.Property(s => s.Owner).HasMaxLength(ActionStep.OwnerMaxLength);
        builder.Property(s => s.Note).HasMaxLength(ActionStep.NoteMaxLength);
        builder.Property(s => s.Outcome).HasMaxLength(ActionStep.NoteMaxLength);
        builder.HasIndex(s => s.CommunityId);
        builder.HasOne<Communities.Community>().WithMany().HasForeignKey(s => s.CommunityId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Communities.CommunitySession>().WithMany().HasForeignKey(s => s.CommunitySessionId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(s => s.InterventionSlug).HasMaxLength(100);
        builder.Property(s => s.OfferSlug).HasMaxLength(100);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(s => s.OrganisationId);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Rounds.Round>().WithMany().HasForeignKey(s => s.RoundId).OnDelete(DeleteBehavior.SetNull);
    }
}
