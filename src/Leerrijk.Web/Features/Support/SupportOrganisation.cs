using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.Support;

/// <summary>
/// An organisation that supports companies: a regional network, a leerwerkloket, a sector training fund or a programme
/// office. It sees a company only while that company's consent (<see cref="Consent.ConsentGrant"/>) lasts.
/// </summary>
public sealed class SupportOrganisation : IHasCreatedAt
{
    public const int NameMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Name { get; set; } = "";

    public SupportKind Kind { get; set; }

    /// <summary>Province ids (reference data) it serves.</summary>
    public List<string> ProvinceIds { get; set; } = [];

    /// <summary>Labour-market region ids (reference data) it serves.</summary>
    public List<string> LabourMarketRegionIds { get; set; } = [];

    /// <summary>SBI section letters it serves; empty means every sector.</summary>
    public List<string> SbiSections { get; set; } = [];

    /// <summary>Address owners and advisers see as the contact, optional.</summary>
    public string? ContactEmail { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

public enum SupportKind
{
    RegionalNetwork = 1,
    Leerwerkloket = 2,
    SectorFund = 3,
    ProgrammeOffice = 4,
}

/// <summary>A person's role in a support organisation.</summary>
public sealed class SupportMembership : IHasCreatedAt
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SupportOrganisationId { get; set; }

    public SupportOrganisation? SupportOrganisation { get; set; }

    public Guid UserId { get; set; }

    public ApplicationUser? User { get; set; }

    public SupportRole Role { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>Advisers follow the companies that named them; coordinators see every company connected to the support organisation.</summary>
public enum SupportRole
{
    Adviser = 1,
    Coordinator = 2,
}

public sealed class SupportOrganisationConfiguration : IEntityTypeConfiguration<SupportOrganisation>
{
    public void Configure(EntityTypeBuilder<SupportOrganisation> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(SupportOrganisation.NameMaxLength);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(o => o.ContactEmail).HasMaxLength(256);
    }
}

public sealed class SupportMembershipConfiguration : IEntityTypeConfiguration<SupportMembership>
{
    public void Configure(EntityTypeBuilder<SupportMembership> builder)
    {
        builder.HasIndex(m => new { m.SupportOrganisationId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        builder.HasOne(m => m.SupportOrganisation).WithMany().HasForeignKey(m => m.SupportOrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
