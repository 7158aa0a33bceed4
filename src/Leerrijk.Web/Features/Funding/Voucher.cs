using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.Funding;

/// <summary>
/// A voucher, subsidy or cheque in a company's register: what was asked, granted and spent, for which plan step.
/// The scheme is the wegwijzer offer when one was picked, or free text for a scheme the wegwijzer does not list.
/// </summary>
public sealed class Voucher : IOrganisationScoped, IHasCreatedAt
{
    public const int SchemeMaxLength = 200;
    public const int PurposeMaxLength = 1000;
    public const decimal MaxAmount = 10_000_000m;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }

    /// <summary>The support organisation whose budget it draws on, if any.</summary>
    public Guid? SupportOrganisationId { get; set; }

    public string Scheme { get; set; } = "";

    /// <summary>The wegwijzer offer this voucher comes from, if picked; <see cref="Scheme"/> then holds its title as it was.</summary>
    public string? OfferSlug { get; set; }

    public string Purpose { get; set; } = "";

    /// <summary>The action-plan step it pays for, if any.</summary>
    public Guid? ActionStepId { get; set; }

    public decimal? AmountRequested { get; set; }

    public decimal? AmountGranted { get; set; }

    public decimal? AmountSpent { get; set; }

    public decimal? OwnContribution { get; set; }

    public VoucherStatus Status { get; set; } = VoucherStatus.Idea;

    public DateOnly? RequestedOn { get; set; }

    public DateOnly? DecidedOn { get; set; }

    public DateOnly? SpentOn { get; set; }

    public DateOnly? AccountedOn { get; set; }

    public int Version { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>Idea → requested → granted → spent → accounted, or refused.</summary>
public enum VoucherStatus
{
    Idea = 1,
    Requested = 2,
    Granted = 3,
    Spent = 4,
    Accounted = 5,
    Refused = 6,
}

/// <summary>A support organisation's budget for one scheme: what it may commit to companies' vouchers.</summary>
public sealed class SchemeBudget : IHasCreatedAt
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SupportOrganisationId { get; set; }

    public string Scheme { get; set; } = "";

    public int Year { get; set; }

    public decimal Amount { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

public sealed class VoucherConfiguration : IEntityTypeConfiguration<Voucher>
{
    public void Configure(EntityTypeBuilder<Voucher> builder)
    {
        builder.HasIndex(v => v.OrganisationId);
        builder.HasIndex(v => v.SupportOrganisationId);
        builder.Property(v => v.Scheme).HasMaxLength(Voucher.SchemeMaxLength);
        builder.Property(v => v.OfferSlug).HasMaxLength(100);
        builder.Property(v => v.Purpose).HasMaxLength(Voucher.PurposeMaxLength);
        builder.Property(v => v.AmountRequested).HasPrecision(12, 2);
        builder.Property(v => v.AmountGranted).HasPrecision(12, 2);
        builder.Property(v => v.AmountSpent).HasPrecision(12, 2);
        builder.Property(v => v.OwnContribution).HasPrecision(12, 2);
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Version).IsConcurrencyToken();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(v => v.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SupportOrganisation>().WithMany().HasForeignKey(v => v.SupportOrganisationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<ActionPlan.ActionStep>().WithMany().HasForeignKey(v => v.ActionStepId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class SchemeBudgetConfiguration : IEntityTypeConfiguration<SchemeBudget>
{
    public void Configure(EntityTypeBuilder<SchemeBudget> builder)
    {
        builder.HasIndex(b => new { b.SupportOrganisationId, b.Scheme, b.Year }).IsUnique();
        builder.Property(b => b.Scheme).HasMaxLength(Voucher.SchemeMaxLength);
        builder.Property(b => b.Amount).HasPrecision(12, 2);
        builder.HasOne<SupportOrganisation>().WithMany().HasForeignKey(b => b.SupportOrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
