using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.Menukaart;

/// <summary>
/// A practice story someone proposed (a learning community's lesson, for now). It is not on /verhalen until an editor
/// reviewed it and published it as a <see cref="Story"/>; the company is named only when it agreed to be.
/// </summary>
public sealed class StoryDraft : IHasCreatedAt
{
    public const int TitleMaxLength = 200;
    public const int TextMaxLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Title { get; set; } = "";

    /// <summary>What was tried at work.</summary>
    public string What { get; set; } = "";

    /// <summary>What came of it.</summary>
    public string Result { get; set; } = "";

    /// <summary>The company the story is about, if it is about one.</summary>
    public Guid? OrganisationId { get; set; }

    /// <summary>The company agreed to be named in the story; otherwise an editor describes it only by size and sector.</summary>
    public bool CompanyMayBeNamed { get; set; }

    /// <summary>Where it came from, for the editor and the story's source note ("leertafel X, sessie van 3 november").</summary>
    public string Origin { get; set; } = "";

    /// <summary>The community lesson it came from, if any.</summary>
    public Guid? CommunityLessonId { get; set; }

    public Guid ProposedByUserId { get; set; }

    public StoryDraftStatus Status { get; set; }

    /// <summary>The slug of the story an editor published from it.</summary>
    public string? PublishedSlug { get; set; }

    public Guid? ReviewedByUserId { get; set; }

    public DateTime? ReviewedAtUtc { get; set; }

    /// <summary>Why an editor set it aside, for the one who proposed it.</summary>
    public string? ReviewNote { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

public enum StoryDraftStatus
{
    Proposed = 1,
    Published = 2,
    SetAside = 3,
}

public sealed class StoryDraftConfiguration : IEntityTypeConfiguration<StoryDraft>
{
    public void Configure(EntityTypeBuilder<StoryDraft> builder)
    {
        builder.Property(d => d.Title).HasMaxLength(StoryDraft.TitleMaxLength);
        builder.Property(d => d.What).HasMaxLength(StoryDraft.TextMaxLength);
        builder.Property(d => d.Result).HasMaxLength(StoryDraft.TextMaxLength);
        builder.Property(d => d.Origin).HasMaxLength(StoryDraft.TitleMaxLength);
        builder.Property(d => d.ReviewNote).HasMaxLength(StoryDraft.TextMaxLength);
        builder.Property(d => d.PublishedSlug).HasMaxLength(100);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(d => d.Status);
        builder.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(d => d.OrganisationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Communities.CommunityLesson>().WithMany().HasForeignKey(d => d.CommunityLessonId).OnDelete(DeleteBehavior.SetNull);
    }
}
