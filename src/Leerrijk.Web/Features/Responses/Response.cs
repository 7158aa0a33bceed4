using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.Responses;

/// <summary>
/// One respondent's submitted answers to a round. Anonymous by construction: no account, no invitation, no IP
/// address, no user agent, and no time finer than the day. The id is random and created by the respondent's
/// device when they start, which makes submitting twice harmless.
/// </summary>
public sealed class SurveyResponse : IOrganisationScoped
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid RoundId { get; set; }

    /// <summary>The day it arrived (Dutch calendar). Never a time: times could be matched to who was where.</summary>
    public DateOnly SubmittedOn { get; set; }

    public string Language { get; set; } = "nl";

    /// <summary>The role the respondent chose, as an instrument role name (Employee, Manager, …).</summary>
    public string Role { get; set; } = "";

    public string? Department { get; set; }

    public string? YearsEmployed { get; set; }

    /// <summary>
    /// Whether the statistics include this response yet. Submissions append with false; the statistics folder adds
    /// a batch to the round's statistics and sets true in one transaction.
    /// </summary>
    public bool Folded { get; set; }

    /// <summary>Hash of everything submitted, to tell an identical replay (same answer again) from a conflicting one (409).</summary>
    public string ContentHash { get; set; } = "";

    public List<ResponseAnswer> Answers { get; set; } = [];

    public List<ResponseComment> Comments { get; set; } = [];
}

/// <summary>One answer: a point on the instrument's scale, or null for "weet ik niet / niet van toepassing".</summary>
public sealed class ResponseAnswer : IOrganisationScoped
{
    public Guid ResponseId { get; set; }

    public Guid OrganisationId { get; set; }

    /// <summary>The instrument the item belongs to: the round's instrument or its module.</summary>
    public string InstrumentId { get; set; } = "";

    public string ItemId { get; set; } = "";

    public int? Value { get; set; }
}

/// <summary>An answer to an open question, in the respondent's own words.</summary>
public sealed class ResponseComment : IOrganisationScoped
{
    public const int MaxLength = 4000;

    public Guid ResponseId { get; set; }

    public Guid OrganisationId { get; set; }

    /// <summary>The round, so a report reads a sample of its comments straight from an index, whatever the database's size.</summary>
    public Guid RoundId { get; set; }

    public string QuestionId { get; set; } = "";

    public string Text { get; set; } = "";
}

public sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.ToTable("Responses");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasIndex(r => new { r.RoundId, r.Folded });

        // Only the few unfolded responses, by round: the folder's batches and a report's tail read straight from it,
        // without walking past the round's folded ones. The filter is the same SQL in SQLite and PostgreSQL.
        builder.HasIndex(r => r.RoundId).HasFilter("NOT \"Folded\"").HasDatabaseName("IX_Responses_Unfolded");
        builder.HasIndex(r => r.OrganisationId);
        builder.Property(r => r.Language).HasMaxLength(8);
        builder.Property(r => r.Role).HasMaxLength(32);
        builder.Property(r => r.Department).HasMaxLength(Rounds.Round.DepartmentMaxLength);
        builder.Property(r => r.YearsEmployed).HasMaxLength(16);
        builder.Property(r => r.ContentHash).HasMaxLength(64);
        builder.HasOne<Rounds.Round>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Comments).WithOne().HasForeignKey(c => c.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ResponseAnswerConfiguration : IEntityTypeConfiguration<ResponseAnswer>
{
    public void Configure(EntityTypeBuilder<ResponseAnswer> builder)
    {
        builder.HasKey(a => new { a.ResponseId, a.InstrumentId, a.ItemId });
        builder.HasIndex(a => a.OrganisationId);
        builder.Property(a => a.InstrumentId).HasMaxLength(100);
        builder.Property(a => a.ItemId).HasMaxLength(100);
    }
}

public sealed class ResponseCommentConfiguration : IEntityTypeConfiguration<ResponseComment>
{
    public void Configure(EntityTypeBuilder<ResponseComment> builder)
    {
        builder.HasKey(c => new { c.ResponseId, c.QuestionId });
        builder.HasIndex(c => c.OrganisationId);
        builder.HasIndex(c => new { c.RoundId, c.ResponseId });
        builder.Property(c => c.QuestionId).HasMaxLength(100);
        builder.Property(c => c.Text).HasMaxLength(ResponseComment.MaxLength);
    }
}
