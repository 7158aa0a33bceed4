using System.Globalization;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Menukaart;

/// <summary>/menukaart: every first step, filtered by what it strengthens, effort, company size and sector, with text search.</summary>
public sealed class IndexModel(Menukaart menukaart, InstrumentCatalog catalog, ReferenceData reference) : PageModel
{
    /// <summary>Effort filters: at most this many hours in the first month.</summary>
    public static readonly IReadOnlyList<int> EffortLimits = [2, 4, 8, 16];

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>"instrument/dimension", for instance "leerrijk-teamscan/leidinggevende-als-coach".</summary>
    [BindProperty(SupportsGet = true, Name = "onderwerp")]
    public string? Dimension { get; set; }

    [BindProperty(SupportsGet = true, Name = "uren")]
    public int? MaxHours { get; set; }

    [BindProperty(SupportsGet = true, Name = "grootte")]
    public string? Size { get; set; }

    [BindProperty(SupportsGet = true, Name = "sector")]
    public string? Sector { get; set; }

    public IReadOnlyList<Intervention> Results { get; private set; } = [];

    public int Total { get; private set; }

    /// <summary>The topics to filter on, per scan.</summary>
    public IReadOnlyList<(string Scan, IReadOnlyList<(string Value, string Label)> Options)> DimensionGroups { get; private set; } = [];

    public IReadOnlyList<(string Code, string Name)> Sectors { get; private set; } = [];

    public string Language { get; private set; } = "nl";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var all = await menukaart.InterventionsAsync(cancellationToken);
        Total = all.Count;
        // Grouped per scan: one flat list of every scan's dimensions is too long to scan by eye.
        DimensionGroups = catalog.All
            .Select(i => (i.Title.For(Language), (IReadOnlyList<(string, string)>)i.Dimensions.Select(d => ($"{i.Id}/{d.Id}", d.Name.For(Language))).ToList()))
            .ToList();
        Sectors = reference.SbiSections.Select(s => (s.Id, s.NameFor(CultureInfo.CurrentUICulture))).ToList();
        Results = Filter(all, Query, Dimension, MaxHours, Size, Sector, Language);
    }

    /// <summary>The filter, separate from the page so it is tested on its own.</summary>
    public static IReadOnlyList<Intervention> Filter(IEnumerable<Intervention> all, string? query, string? dimension, int? maxHours, string? size, string? sector, string language)
    {
        var results = all;
        if (dimension?.Split('/') is [var instrument, var dimensionId])
        {
            results = results.Where(i => i.Strengthens(instrument, dimensionId));
        }

        if (maxHours is { } hours)
        {
            results = results.Where(i => i.Hours <= hours);
        }

        if (!string.IsNullOrEmpty(size))
        {
            results = results.Where(i => i.Sizes.Contains(size));
        }

        if (!string.IsNullOrEmpty(sector))
        {
            results = results.Where(i => i.Sectors.Count == 0 || i.Sectors.Contains(sector));
        }

        var words = (query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length > 0)
        {
            string Text(Intervention i) => string.Join(' ', [i.Slug, i.Title.For(language), i.Promise.For(language), i.Why.For(language), .. i.Steps.Select(s => s.For(language))]);
            results = results.Where(i => words.All(w => Text(i).Contains(w, StringComparison.CurrentCultureIgnoreCase)));
        }

        return results.OrderBy(i => i.EffortPoints).ThenBy(i => i.Title.For(language), StringComparer.CurrentCulture).ToList();
    }
}
