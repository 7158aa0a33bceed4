using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.Organisations;

/// <summary>A person's role in one organisation.</summary>
public sealed class Membership : IOrganisationScoped, IHasCreatedAt
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public Guid UserId { get; set; }

    public ApplicationUser? User { get; set; }

    public OrganisationRole Role { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>What a member may do in an organisation: owners manage everything, HR runs scans, viewers read.</summary>
public enum OrganisationRole
{
    Viewer = 1,
    Hr = 2,
    Owner = 3,
}

public sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.HasIndex(m => new { m.OrganisationId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        builder.HasOne(m => m.Organisation).WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
