using Leerrijk.Web.Data;
using Leerrijk.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.Organisations;

/// <summary>An owner's invitation for a colleague to join the organisation, redeemed once through an e-mailed link.</summary>
/// <remarks>Only a hash of the link's token is stored, so a copy of the database cannot be used to join.</remarks>
public sealed class Invitation : IOrganisationScoped, IHasCreatedAt
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public string Email { get; set; } = "";

    public OrganisationRole Role { get; set; }

    public string TokenHash { get; set; } = "";

    public Guid InvitedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? AcceptedAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }

    public bool IsOpen(DateTime nowUtc) => AcceptedAtUtc is null && RevokedAtUtc is null && nowUtc < ExpiresAtUtc;

    /// <summary>Creates a 256-bit token for the link; the caller stores only <see cref="HashToken"/> of it.</summary>
    public static string NewToken() => LinkToken.New();

    public static string HashToken(string token) => LinkToken.Hash(token);
}

public sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.Property(i => i.Email).HasMaxLength(256);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.OrganisationId);
        builder.Property(i => i.Role).HasConversion<string>().HasMaxLength(16);
        builder.HasOne(i => i.Organisation).WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
