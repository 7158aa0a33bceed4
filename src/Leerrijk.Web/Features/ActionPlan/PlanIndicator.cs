using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.ActionPlan;

/// <summary>
/// Something the action plan wants to move, beside its steps: a baseline, a target and measured values over time
/// (the share of staff with a development plan, the share trained in the last 12 months, or the company's own).
/// </summary>
public sealed class PlanIndicator : IOrganisationScoped, IHasCreatedAt
{
    public const int NameMaxLength = 120;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }

    public IndicatorKind Kind { get; set; }

    /// <summary>The company's own name for a custom indicator; empty for the standard ones (their names are ours, in both languages).</summary>
    public string? Name { get; set; }

    public IndicatorUnit Unit { get; set; } = IndicatorUnit.Percent;

    public decimal? Baseline { get; set; }

    public DateOnly? BaselineOn { get; set; }

    public decimal? Target { get; set; }

    public DateOnly? TargetOn { get; set; }

    public int Version { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

public enum IndicatorKind
{
    /// <summary>Share of staff with a development plan (POP).</summary>
    DevelopmentPlanShare = 1,

    /// <summary>Share of staff trained in the last 12 months.</summary>
    TrainedShare = 2,

    Custom = 3,
}

public enum IndicatorUnit
{
    Percent = 1,
    Number = 2,
}

/// <summary>One measured value of an indicator.</summary>
public sealed class IndicatorMeasurement : IOrganisationScoped, IHasCreatedAt
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }

    public Guid IndicatorId { get; set; }

    public DateOnly MeasuredOn { get; set; }

    public decimal Value { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

public sealed class PlanIndicatorConfiguration : IEntityTypeConfiguration<PlanIndicator>
{
    public void Configure(EntityTypeBuilder<PlanIndicator> builder)
    {
        builder.HasIndex(i => i.OrganisationId);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(i => i.Unit).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Name).HasMaxLength(PlanIndicator.NameMaxLength);
        builder.Property(i => i.Baseline).HasPrecision(12, 2);
        builder.Property(i => i.Target).HasPrecision(12, 2);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class IndicatorMeasurementConfiguration : IEntityTypeConfiguration<IndicatorMeasurement>
{
    public void Configure(EntityTypeBuilder<IndicatorMeasurement> builder)
    {
        builder.HasIndex(m => m.IndicatorId);
        builder.HasIndex(m => m.OrganisationId);
        builder.Property(m => m.Value).HasPrecision(12, 2);
        builder.HasOne<PlanIndicator>().WithMany().HasForeignKey(m => m.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}
