using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.Reports;

/// <summary>
/// The sufficient statistics of one group of a round's responses for one instrument (the round's scan or its
/// module): the whole round, or everyone with one value of one background attribute. Reports are computed from
/// these rows plus the few responses not folded in yet, so a report costs the same for 50 or 500,000 responses.
/// </summary>
/// <remarks>
/// Only <see cref="StatisticsFolder"/> writes these rows, in batches; submissions only append responses, so no
/// submission ever waits for a lock on a statistics row.
/// </remarks>
public sealed class RoundStatistic : IOrganisationScoped
{
    /// <summary>The attribute of the row that holds the whole round.</summary>
    public const string WholeRound = "";

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid OrganisationId { get; set; }

    public Guid RoundId { get; set; }

    public string InstrumentId { get; set; } = "";

    /// <summary>"" for the whole round, else <see cref="GroupAttribute"/>'s name: role, department, years.</summary>
    public string Attribute { get; set; } = WholeRound;

    /// <summary>The attribute's value ("Employee", "Werkplaats", "1-5"), or "" for "not stated" and for the whole round.</summary>
    public string Value { get; set; } = "";

    /// <summary><see cref="Leerrijk.Scoring.Statistics.AggregateData"/> as JSON.</summary>
    public string DataJson { get; set; } = "";
}

/// <summary>The background attributes a report can break results down by, one at a time.</summary>
public static class GroupAttribute
{
    public const string Role = "role";
    public const string Department = "department";
    public const string Years = "years";
}

public sealed class RoundStatisticConfiguration : IEntityTypeConfiguration<RoundStatistic>
{
    public void Configure(EntityTypeBuilder<RoundStatistic> builder)
    {
        builder.ToTable("RoundStatistics");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.InstrumentId).HasMaxLength(100);
        builder.Property(s => s.Attribute).HasMaxLength(16);
        builder.Property(s => s.Value).HasMaxLength(Rounds.Round.DepartmentMaxLength);
        builder.HasIndex(s => new { s.RoundId, s.InstrumentId, s.Attribute, s.Value }).IsUnique();
        builder.HasIndex(s => s.OrganisationId);
        builder.HasOne<Rounds.Round>().WithMany().HasForeignKey(s => s.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}
