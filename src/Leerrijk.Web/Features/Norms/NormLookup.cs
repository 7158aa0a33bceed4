using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Norms;

/// <summary>
/// Where a company's shown dimension scores stand among the norm pool: per dimension the most specific group with a
/// band (sector × size × region down to all companies) and the position in plain words. Reads the bands of the last
/// refresh only; it never computes or invents one.
/// </summary>
public sealed class NormLookup(LeerrijkDbContext db)
{
    /// <summary>The comparison for every dimension the report shows a score for; null for a round whose report shows no scores.</summary>
    public async Task<NormComparison?> ForReportAsync(Guid organisationId, RoundReport report, CancellationToken cancellationToken)
    {
        if (report.Status is not (ReportStatus.Full or ReportStatus.CompanyOnly))
        {
            return null;
        }

        var shown = report.Dimensions.Where(d => d.Score is not null).ToList();
        var company = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId)
            .Select(o => new { o.SbiSection, o.SizeClass, o.LabourMarketRegionId }).SingleAsync(cancellationToken);
        var order = NormComputation.LookupOrder(company.SbiSection, company.SizeClass, company.LabourMarketRegionId);
        var sectors = order.Select(c => c.Sector).Distinct().ToList();
        var sizes = order.Select(c => c.Size).Distinct().ToList();
        var regions = order.Select(c => c.Region).Distinct().ToList();
        var instruments = shown.Select(d => d.InstrumentId).Distinct().ToList();
        var bands = await db.NormBands.AsNoTracking()
            .Where(b => instruments.Contains(b.InstrumentId) && sectors.Contains(b.SbiSection) && sizes.Contains(b.SizeClass) && regions.Contains(b.LabourMarketRegionId))
            .ToListAsync(cancellationToken);
        var lastRefresh = await db.NormRefreshes.AsNoTracking().OrderByDescending(r => r.StartedAtUtc).FirstOrDefaultAsync(cancellationToken);

        var lines = new List<NormLine>();
        foreach (var dimension in shown)
        {
            var band = order
                .Select(cell => bands.FirstOrDefault(b => b.InstrumentId == dimension.InstrumentId && b.DimensionId == dimension.Id
                    && b.SbiSection == cell.Sector && b.SizeClass == cell.Size && b.LabourMarketRegionId == cell.Region))
                .FirstOrDefault(b => b is not null && PositionOf(dimension.Score!.Value, b) is not null);
            lines.Add(new NormLine(dimension.Name, band, band is null ? null : PositionOf(dimension.Score!.Value, band)));
        }

        return new NormComparison(lines, lastRefresh, bands.Select(b => (DateOnly?)b.WindowFrom).FirstOrDefault());
    }

    /// <summary>Where <paramref name="score"/> lies among the published percentiles of <paramref name="band"/>; null when none is published.</summary>
    public static NormPosition? PositionOf(double score, NormBand band)
    {
        if (band.P25 is { } p25 && band.P75 is { } p75)
        {
            return score < p25 ? NormPosition.LowestQuarter
                : score <= p75 ? NormPosition.MiddleHalf
                : band.P90 is { } p90 && score >= p90 ? NormPosition.Top10
                : NormPosition.UpperQuarter;
        }

        if (band.P50 is { } p50)
        {
            return score < p50 ? NormPosition.LowerHalf : NormPosition.UpperHalf;
        }

        return null;
    }
}

/// <summary>A report's comparison with the norm pool: one line per shown dimension, the last refresh and the window it used.</summary>
public sealed record NormComparison(IReadOnlyList<NormLine> Lines, NormRefresh? LastRefresh, DateOnly? WindowFrom)
{
    /// <summary>Whether any dimension has a group to compare with.</summary>
    public bool Any => Lines.Any(l => l.Position is not null);
}

/// <summary>One dimension: its name, the group it is compared with and its position; no band when the groups are still too small.</summary>
public sealed record NormLine(string DimensionName, NormBand? Band, NormPosition? Position);

/// <summary>A position among the published percentiles of a norm group, in the words the report uses.</summary>
public enum NormPosition
{
    /// <summary>Below P25.</summary>
    LowestQuarter,

    /// <summary>From P25 to P75.</summary>
    MiddleHalf,

    /// <summary>Above P75 (and below P90 where P90 is published).</summary>
    UpperQuarter,

    /// <summary>At or above P90.</summary>
    Top10,

    /// <summary>Below P50, when only P50 is published.</summary>
    LowerHalf,

    /// <summary>At or above P50, when only P50 is published.</summary>
    UpperHalf,
}
