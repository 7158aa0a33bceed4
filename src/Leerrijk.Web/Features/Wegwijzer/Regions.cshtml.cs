using Leerrijk.Web.Features.Reference;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Wegwijzer;

/// <summary>An area with how many offers are there for it alone (national ones are counted once, apart).</summary>
public sealed record AreaCount(string Id, string Name, int Offers);

/// <summary>
/// /wegwijzer/regios, public: the offers per province and per labour-market region, each linked to the filtered
/// wegwijzer. A list, not a map: no maintained open boundary file ships with Leerrijk, and a list reads on every screen.
/// Ended offers are left out.
/// </summary>
public sealed class RegionsModel(OfferCatalog catalog, ReferenceData reference) : PageModel
{
    public const string Path = "/wegwijzer/regios";

    public int National { get; private set; }

    public IReadOnlyList<AreaCount> Provinces { get; private set; } = [];

    public IReadOnlyList<AreaCount> Regions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var offers = (await catalog.AllAsync(cancellationToken)).Where(o => o.Status != OfferTerms.Ended).ToList();
        (National, Provinces, Regions) = Count(offers, reference);
    }

    /// <summary>
    /// Counts per area the offers that name it, directly or through a named sub-region that lies in it; an offer for the
    /// whole country counts only in <c>National</c>, so a count says what is special about the area.
    /// </summary>
    public static (int National, IReadOnlyList<AreaCount> Provinces, IReadOnlyList<AreaCount> Regions) Count(IReadOnlyList<Offer> offers, ReferenceData reference)
    {
        var regional = offers.Where(o => !o.Areas.National).ToList();
        return (
            offers.Count(o => o.Areas.National),
            [.. reference.Provinces.Select(p => new AreaCount(p.Id, p.Name, regional.Count(o => o.Areas.Provinces.Contains(p.Id) || o.Areas.SubRegions.Any(s => s.Provinces.Contains(p.Id)))))],
            [.. reference.LabourMarketRegions.Select(r => new AreaCount(r.Id, r.Name, regional.Count(o => o.Areas.Regions.Contains(r.Id) || o.Areas.SubRegions.Any(s => s.Regions.Contains(r.Id)))))]);
    }
}
