using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.Organisations;

/// <summary>A company that Leerrijk helps, with the profile programmes use to compare like with like.</summary>
public sealed class Organisation : IHasCreatedAt
{
    public const int NameMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Name { get; set; } = "";

    /// <summary>SBI section letter (A–U), read under <see cref="SectorScheme"/>.</summary>
    public string SbiSection { get; set; } = "";

    /// <summary>The SBI edition of <see cref="SbiSection"/>; KvK moved to SBI 2025 in 2025, so the edition is kept with the value.</summary>
    public string SectorScheme { get; set; } = ReferenceDataSchemes.Sbi2008;

    public SizeClass SizeClass { get; set; }

    public string ProvinceId { get; set; } = "";

    public string LabourMarketRegionId { get; set; } = "";

    /// <summary>Chamber of Commerce number: eight digits, optional.</summary>
    public string? KvkNumber { get; set; }

    /// <summary>Head count, optional: schemes with a staff limit (SLIM: up to 249) need the number, not the band.</summary>
    public int? Employees { get; set; }

    /// <summary>Yearly turnover in whole euros, optional: only a few schemes (the EU definition of an SME) ask for it.</summary>
    public long? TurnoverEuros { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>
    /// Months after a round closes that its raw answers are kept (<see cref="Erasure.RetentionRules"/>); the folded
    /// statistics stay. An owner may choose a shorter period, never a longer one.
    /// </summary>
    public int RetentionMonths { get; set; } = Erasure.RetentionRules.DefaultMonths;

    /// <summary>When an owner asked to erase the organisation; it is erased after <see cref="Erasure.RetentionRules.GracePeriod"/> unless an owner cancels.</summary>
    public DateTime? ErasureRequestedAtUtc { get; set; }
}

/// <summary>Company size bands used throughout Leerrijk (and by the menukaart's size fit).</summary>
public enum SizeClass
{
    Micro = 1,   // 1–9
    Small = 2,   // 10–49
    Medium = 3,  // 50–249
    Large = 4,   // 250+
}

/// <summary>The head counts each <see cref="SizeClass"/> covers, in one place for the profile form and the wegwijzer.</summary>
public static class SizeClasses
{
    /// <summary>A head count above this is a typing error, not a company (also the top of an offer's staff limit).</summary>
    public const int MaxEmployees = 1_000_000;

    /// <summary>A yearly turnover above this (a thousand billion euros) is a typing error, for a company or an offer's limit.</summary>
    public const long MaxTurnoverEuros = 1_000_000_000_000;

    /// <summary>The band a head count falls in.</summary>
    public static SizeClass Of(int employees) => employees switch
    {
        < 10 => SizeClass.Micro,
        < 50 => SizeClass.Small,
        < 250 => SizeClass.Medium,
        _ => SizeClass.Large,
    };

    /// <summary>The lowest and highest head count of a band (the largest band has no top).</summary>
    public static (int Low, int High) Range(SizeClass size) => size switch
    {
        SizeClass.Micro => (1, 9),
        SizeClass.Small => (10, 49),
        SizeClass.Medium => (50, 249),
        _ => (250, int.MaxValue),
    };
}

/// <summary>Names of the sector classification editions Leerrijk knows.</summary>
public static class ReferenceDataSchemes
{
    public const string Sbi2008 = "SBI2008";
}

public sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(Organisation.NameMaxLength);
        builder.Property(o => o.SbiSection).HasMaxLength(2);
        builder.Property(o => o.SectorScheme).HasMaxLength(16);
        builder.Property(o => o.SizeClass).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.ProvinceId).HasMaxLength(64);
        builder.Property(o => o.LabourMarketRegionId).HasMaxLength(64);
        builder.Property(o => o.KvkNumber).HasMaxLength(8);
    }
}
