using System.Globalization;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Menukaart;

/// <summary>/menukaart/nieuw: editors add a first step that no content file has, with what it strengthens and for whom.</summary>
[Authorize(Policy = MenukaartEditing.Policy)]
public sealed class NewInterventionModel(
    Menukaart menukaart, MenukaartEditing editing, InstrumentCatalog catalog, ReferenceData reference, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public NewInterventionInput Input { get; set; } = new();

    /// <summary>A new step's texts and effort, plus the dimensions it strengthens and the companies it suits.</summary>
    public sealed class NewInterventionInput : EditInterventionModel.InterventionInput
    {
        /// <summary>"instrument/dimension" pairs.</summary>
        public List<string> Dimensions { get; set; } = [];

        public List<string> Sizes { get; set; } = [];

        /// <summary>SBI sections; none means every sector.</summary>
        public List<string> Sectors { get; set; } = [];
    }

    public string Language { get; private set; } = "nl";

    public IReadOnlyList<Instrument> Instruments => catalog.All;

    public IReadOnlyList<(string Code, string Name)> SectorOptions { get; private set; } = [];

    public void OnGet() => Prepare();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Prepare();
        var steps = EditInterventionModel.Steps(Input, ModelState, l);
        var dimensions = Input.Dimensions.Select(d => d.Split('/')).Where(p => p.Length == 2)
            .Where(p => catalog.Find(p[0])?.Dimensions.Any(d => d.Id == p[1]) == true)
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p[1]).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        if (dimensions.Count == 0 || dimensions.Values.Sum(d => d.Count) != Input.Dimensions.Distinct(StringComparer.Ordinal).Count())
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Dimensions)}", l["New.DimensionsRule"]);
        }

        if (Input.Sizes.Count == 0 || Input.Sizes.Any(s => !CompanySizes.All.Contains(s)))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Sizes)}", l["New.SizesRule"]);
        }

        if (Input.Sectors.Any(s => !reference.IsSbiSection(s)))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Sectors)}", l["New.SectorsRule"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var existing = await menukaart.InterventionsAsync(cancellationToken);
        var slug = MenukaartEditing.SlugFor(Input.TitleNl!, existing.Select(i => i.Slug));
        var blank = new Intervention(slug, null!, null!, null!, [], 0, 0, Input.Sizes.Distinct(StringComparer.Ordinal).ToList(), Input.Sectors.Distinct(StringComparer.Ordinal).ToList(), dimensions);
        await editing.AddAsync(MenukaartEntry.InterventionKind, slug, EditInterventionModel.WithTexts(blank, Input, steps), cancellationToken);
        TempData["Status"] = l["New.Added"].Value;
        return Redirect($"/menukaart/{slug}");
    }

    private void Prepare()
    {
        Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        SectorOptions = reference.SbiSections.Select(s => (s.Id, s.NameFor(CultureInfo.CurrentUICulture))).ToList();
    }
}
