using System.Security.Cryptography;
using System.Text;
using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.PersonalInvitations;

/// <summary>
/// A personal e-mail invitation to answer a round, with a single-use code in its link.
/// </summary>
/// <remarks>
/// Unlinkable by construction (ADR 0006): the code is used up when the person starts, in its own transaction, before
/// any draft or response exists; nothing on a draft or response points back here; only a hash of the code is kept,
/// and no date finer than the day. So reminders reach the people who have not started yet, and nobody, the database
/// included, can tell which response came from which address. The address itself is erased when the round closes.
/// </remarks>
public sealed class PersonalInvitation : IOrganisationScoped
{
    public const int EmailMaxLength = 254;

    /// <summary>More reminders than this feel like pressure, and pressure is the wrong way to ask about learning.</summary>
    public const int MaxReminders = 3;

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid OrganisationId { get; set; }

    public Guid RoundId { get; set; }

    /// <summary>Lower-case address; null once the round has closed and nobody needs to be written to again.</summary>
    public string? Email { get; set; }

    /// <summary>Hash of the code in the newest mail. Empty until the first mail is on its way.</summary>
    public string CodeHash { get; set; } = "";

    /// <summary>Whether the code was used to start answering. Never a date: a date could be matched to a response.</summary>
    public bool Used { get; set; }

    /// <summary>The mail waiting to be sent, if any; the mailer picks it up in the background.</summary>
    public InvitationMail MailDue { get; set; }

    /// <summary>The mail server refused the address; HR sees which, to correct a typing error.</summary>
    public bool Undeliverable { get; set; }

    public DateOnly? InvitedOn { get; set; }

    public DateOnly? LastRemindedOn { get; set; }

    public int Reminders { get; set; }

    /// <summary>A new 128-bit code for a link: long enough that guessing one is hopeless, short enough for a URL.</summary>
    public static string NewCode() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashCode(string? code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((code ?? "").Trim())));
}

public enum InvitationMail
{
    None,
    Invitation,
    Reminder,
}

public sealed class PersonalInvitationConfiguration : IEntityTypeConfiguration<PersonalInvitation>
{
    public void Configure(EntityTypeBuilder<PersonalInvitation> builder)
    {
        builder.ToTable("PersonalInvitations");
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Email).HasMaxLength(PersonalInvitation.EmailMaxLength);
        builder.Property(i => i.CodeHash).HasMaxLength(64);
        builder.Property(i => i.MailDue).HasConversion<string>().HasMaxLength(16);

        // One invitation per address per round; erased addresses (null) do not collide in either database.
        builder.HasIndex(i => new { i.RoundId, i.Email }).IsUnique();
        builder.HasIndex(i => i.CodeHash);
        builder.HasIndex(i => i.OrganisationId);
        builder.HasIndex(i => i.MailDue);
        builder.HasOne<Rounds.Round>().WithMany().HasForeignKey(i => i.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}
