using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.Norms;

/// <summary>
/// The percentile bands of one instrument dimension in one norm group (all companies, or a sector × size × region
/// cell where "" means any), as computed by the last norm refresh from the consenting pool. Reports look these rows
/// up; nothing about a single company is stored here.
/// </summary>
public sealed class NormBand
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string InstrumentId { get; set; } = "";

    public string DimensionId { get; set; } = "";

    /// <summary>SBI section letter, or "" for every sector.</summary>
    public string SbiSection { get; set; } = "";

    /// <summary>A <see cref="Organisations.SizeClass"/> name, or "" for every size.</summary>
    public string SizeClass { get; set; } = "";

    /// <summary>Labour-market region id, or "" for every region.</summary>
    public string LabourMarketRegionId { get; set; } = "";

    public int Companies { get; set; }

    public int Respondents { get; set; }

    public NormStatus Status { get; set; }

    public double? P25 { get; set; }

    public double? P50 { get; set; }

    public double? P75 { get; set; }

    public double? P90 { get; set; }

    /// <summary>The first day of the rolling window the rounds were taken from.</summary>
    public DateOnly WindowFrom { get; set; }

    public DateTime ComputedAtUtc { get; set; }
}

/// <summary>Whether a norm group is large enough to compare with.</summary>
public enum NormStatus
{
    /// <summary>At least 20 companies and 500 respondents.</summary>
    Standard = 1,

    /// <summary>10 to 19 companies (or 20 or more with fewer than 500 respondents): shown with the word "emerging".</summary>
    Emerging = 2,
}

/// <summary>One run of the norm refresh: when, how long, and how much it found.</summary>
public sealed class NormRefresh
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public DateTime StartedAtUtc { get; set; }

    public int DurationMilliseconds { get; set; }

    public int Companies { get; set; }

    public int Bands { get; set; }
}

public sealed class NormBandConfiguration : IEntityTypeConfiguration<NormBand>
{
    public void Configure(EntityTypeBuilder<NormBand> builder)
    {
        builder.Property(b => b.InstrumentId).HasMaxLength(100);
        builder.Property(b => b.DimensionId).HasMaxLength(100);
        builder.Property(b => b.SbiSection).HasMaxLength(2);
        builder.Property(b => b.SizeClass).HasMaxLength(12);
        builder.Property(b => b.LabourMarketRegionId).HasMaxLength(100);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(12);
        builder.HasIndex(b => new { b.InstrumentId, b.DimensionId, b.SbiSection, b.SizeClass, b.LabourMarketRegionId }).IsUnique();
    }
}

public sealed class NormRefreshConfiguration : IEntityTypeConfiguration<NormRefresh>
{
    public void Configure(EntityTypeBuilder<NormRefresh> builder) => builder.HasIndex(r => r.StartedAtUtc);
}
