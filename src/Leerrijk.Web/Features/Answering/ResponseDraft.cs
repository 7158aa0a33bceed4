using System.Security.Cryptography;
using System.Text;
using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.Answering;

/// <summary>
/// A response being filled in, saved on the server after every page so nothing is lost when a phone dies or a
/// break ends. It is found again by a cookie on the same device or by the resume code shown on screen, and
/// becomes a <see cref="Responses.SurveyResponse"/> (with the same id) when the respondent sends it.
/// </summary>
public sealed class ResponseDraft : IOrganisationScoped
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid RoundId { get; set; }

    /// <summary>Hash of the resume code: the code itself is only ever on the respondent's screen.</summary>
    public string ResumeCodeHash { get; set; } = "";

    public string Language { get; set; } = "nl";

    public string Role { get; set; } = "";

    public string? Department { get; set; }

    public string? YearsEmployed { get; set; }

    /// <summary>Answers so far as JSON: "instrument/item" → point, or null for don't know.</summary>
    public string AnswersJson { get; set; } = "{}";

    /// <summary>Open answers so far as JSON: question id → text.</summary>
    public string OpenJson { get; set; } = "{}";

    /// <summary>Last day it was saved; drafts of closed rounds are removed.</summary>
    public DateOnly UpdatedOn { get; set; }

    /// <summary>Eight characters (about 40 bits) in two groups of four, easy to write down from a phone screen.</summary>
    public static string NewResumeCode() => $"{Rounds.Round.RandomCode(4)}-{Rounds.Round.RandomCode(4)}";

    public static string HashResumeCode(Guid roundId, string code)
    {
        var normalized = Rounds.Round.NormalizeCode(code).Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{roundId:N}:{normalized}")));
    }
}

public sealed class ResponseDraftConfiguration : IEntityTypeConfiguration<ResponseDraft>
{
    public void Configure(EntityTypeBuilder<ResponseDraft> builder)
    {
        builder.ToTable("ResponseDrafts");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasIndex(d => new { d.RoundId, d.ResumeCodeHash }).IsUnique();
        builder.HasIndex(d => d.OrganisationId);
        builder.Property(d => d.ResumeCodeHash).HasMaxLength(64);
        builder.Property(d => d.Language).HasMaxLength(8);
        builder.Property(d => d.Role).HasMaxLength(32);
        builder.Property(d => d.Department).HasMaxLength(Rounds.Round.DepartmentMaxLength);
        builder.Property(d => d.YearsEmployed).HasMaxLength(16);
        builder.HasOne<Rounds.Round>().WithMany().HasForeignKey(d => d.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}
