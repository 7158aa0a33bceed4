using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Reports;

namespace Leerrijk.Web.Features.Norms;

/// <summary>A company in the norm pool and the cell it belongs to; an empty sector or region leaves it out of the cells that split on it.</summary>
public sealed record PoolCompany(Guid OrganisationId, string SbiSection, SizeClass SizeClass, string LabourMarketRegionId);

/// <summary>
/// Turns the pool's shown round results into norm bands: one value per company and dimension (its latest round in
/// the window), counted into all eight cells of sector, size and region, and published under <see cref="NormRules"/>.
/// </summary>
public static class NormComputation
{
    /// <summary>The eight cells, as which of sector, size and region they split on.</summary>
    private static readonly (bool Sector, bool Size, bool Region)[] Cells =
    [
        (false, false, false), (true, false, false), (false, true, false), (false, false, true),
        (true, true, false), (true, false, true), (false, true, true), (true, true, true),
    ];

    /// <summary>
    /// The bands of every instrument dimension and cell that meets the rules. <paramref name="rounds"/> are the pool's
    /// rounds as <see cref="CompanyScores"/> read them; rounds of companies not in <paramref name="companies"/> and
    /// rounds closed before <paramref name="windowFrom"/> are left out.
    /// </summary>
    public static IReadOnlyList<NormBand> Compute(
        IEnumerable<PoolCompany> companies, IEnumerable<CompanyRoundScores> rounds, DateOnly windowFrom, DateTime computedAtUtc)
    {
        var pool = companies.ToDictionary(c => c.OrganisationId);
        var values = new Dictionary<(string Instrument, string Dimension, string Sector, string Size, string Region), List<(double Score, int Respondents)>>();
        foreach (var company in rounds.Where(r => r.ClosedOn >= windowFrom && pool.ContainsKey(r.OrganisationId)).GroupBy(r => r.OrganisationId))
        {
            var cells = CellsOf(pool[company.Key]);

            // One value per company and dimension: for each instrument (a module counts as its own), the latest round that shows it.
            var instruments = company.SelectMany(r => r.Dimensions.Select(d => d.InstrumentId)).Distinct(StringComparer.Ordinal);
            foreach (var instrumentId in instruments)
            {
                var latest = company.Where(r => r.Dimensions.Any(d => d.InstrumentId == instrumentId))
                    .OrderByDescending(r => r.ClosedOn).ThenByDescending(r => r.RoundId).First();
                foreach (var dimension in latest.Dimensions.Where(d => d.InstrumentId == instrumentId))
                {
                    foreach (var (sector, size, region) in cells)
                    {
                        var key = (instrumentId, dimension.DimensionId, sector, size, region);
                        if (!values.TryGetValue(key, out var list))
                        {
                            values[key] = list = [];
                        }

                        list.Add((dimension.Score, latest.Respondents));
                    }
                }
            }
        }

        var bands = new List<NormBand>();
        foreach (var ((instrumentId, dimensionId, sector, size, region), list) in values)
        {
            var respondents = list.Sum(v => v.Respondents);
            if (NormRules.StatusOf(list.Count, respondents) is not { } status)
            {
                continue;
            }

            var scores = list.Select(v => v.Score).ToList();
            bands.Add(new NormBand
            {
                InstrumentId = instrumentId,
                DimensionId = dimensionId,
                SbiSection = sector,
                SizeClass = size,
                LabourMarketRegionId = region,
                Companies = list.Count,
                Respondents = respondents,
                Status = status,
                P25 = NormRules.Band(scores, 25),
                P50 = NormRules.Band(scores, 50),
                P75 = NormRules.Band(scores, 75),
                P90 = NormRules.Band(scores, 90),
                WindowFrom = windowFrom,
                ComputedAtUtc = computedAtUtc,
            });
        }

        return bands;
    }

    /// <summary>The cells a company counts in; a cell that splits on an attribute the company has not filled in is skipped.</summary>
    public static IEnumerable<(string Sector, string Size, string Region)> CellsOf(PoolCompany company) =>
        CellsOf(company.SbiSection, company.SizeClass, company.LabourMarketRegionId, Cells);

    /// <summary>
    /// The cells a company with this profile can compare with, most specific first: sector × size × region,
    /// sector × size, sector × region, sector, size, region, all.
    /// </summary>
    public static IReadOnlyList<(string Sector, string Size, string Region)> LookupOrder(string sbiSection, SizeClass sizeClass, string regionId) =>
        CellsOf(sbiSection, sizeClass, regionId,
        [
            (true, true, true), (true, true, false), (true, false, true), (true, false, false),
            (false, true, false), (false, false, true), (false, false, false),
        ]).ToList();

    private static IEnumerable<(string Sector, string Size, string Region)> CellsOf(
        string sbiSection, SizeClass sizeClass, string regionId, IEnumerable<(bool Sector, bool Size, bool Region)> cells)
    {
        var size = Enum.IsDefined(sizeClass) ? sizeClass.ToString() : "";
        foreach (var (bySector, bySize, byRegion) in cells)
        {
            if ((bySector && sbiSection.Length == 0) || (bySize && size.Length == 0) || (byRegion && regionId.Length == 0))
            {
                continue;
            }

            yield return (bySector ? sbiSection : "", bySize ? size : "", byRegion ? regionId : "");
        }
    }
}
