using System.ComponentModel.DataAnnotations;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Infrastructure.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Menukaart;

/// <summary>/verhalen/{slug}/bewerken: editors change a story's texts (Markdown for what, cost and result).</summary>
public sealed class EditStoryModel(Menukaart menukaart, MenukaartEditing editing, IStringLocalizer<SharedResource> l) : PageModel
{
    public Story Original { get; private set; } = null!;

    [BindProperty]
    public StoryInput Input { get; set; } = new();

    /// <summary>The texts of a story; <see cref="NewStoryModel"/> adds what a new story also needs.</summary>
    public class StoryInput
    {
        [Display(Name = "Edit.TitleNl"), Required(ErrorMessage = "Validation.Required"), StringLength(EditInterventionModel.ShortMax, ErrorMessage = "Validation.MaxLength"), StorableText]
        public string? TitleNl { get; set; }

        [Display(Name = "Edit.TitleEn"), Required(ErrorMessage = "Validation.Required"), StringLength(EditInterventionModel.ShortMax, ErrorMessage = "Validation.MaxLength"), StorableText]
        public string? TitleEn { get; set; }

        [Display(Name = "Edit.WhatNl"), Required(ErrorMessage = "Validation.Required"), StringLength(EditInterventionModel.LongMax, ErrorMessage = "Validation.MaxLength"), StorableText(AllowLineBreaks = true)]
        public string? WhatNl { get; set; }

        [Display(Name = "Edit.WhatEn"), Required(ErrorMessage = "Validation.Required"), StringLength(EditInterventionModel.LongMax, ErrorMessage = "Validation.MaxLength"), StorableText(AllowLineBreaks = true)]
        public string? WhatEn { get; set; }

        [Display(Name = "Edit.CostNl"), Required(ErrorMessage = "Validation.Required"), StringLength(EditInterventionModel.LongMax, ErrorMessage = "Validation.MaxLength"), StorableText(AllowLineBreaks = true)]
        public string? CostNl { get; set; }

        [Display(Name = "Edit.CostEn"), Required(ErrorMessage = "Validation.Required"), StringLength(EditInterventionModel.LongMax, ErrorMessage = "Validation.MaxLength"), StorableText(AllowLineBreaks = true)]
        public string? CostEn { get; set; }

        [Display(Name = "Edit.ResultNl"), Required(ErrorMessage = "Validation.Required"), StringLength(EditInterventionModel.LongMax, ErrorMessage = "Validation.MaxLength"), StorableText(AllowLineBreaks = true)]
        public string? ResultNl { get; set; }

        [Display(Name = "Edit.ResultEn"), Required(ErrorMessage = "Validation.Required"), StringLength(EditInterventionModel.LongMax, ErrorMessage = "Validation.MaxLength"), StorableText(AllowLineBreaks = true)]
        public string? ResultEn { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        Input = new StoryInput
        {
            TitleNl = Original.Title.Nl,
            TitleEn = Original.Title.En,
            WhatNl = Original.What.Nl,
            WhatEn = Original.What.En,
            CostNl = Original.Cost.Nl,
            CostEn = Original.Cost.En,
            ResultNl = Original.Result.Nl,
            ResultEn = Original.Result.En,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var edited = WithTexts(Original, Input);
        await editing.SaveAsync(MenukaartEntry.StoryKind, slug, edited, cancellationToken);
        TempData["Status"] = l["Edit.Saved"].Value;
        return Redirect($"/verhalen/{slug}");
    }

    /// <summary>A story with the editor's texts.</summary>
    internal static Story WithTexts(Story story, StoryInput input) => story with
    {
        Title = new LocalizedText(input.TitleNl!.Trim(), input.TitleEn!.Trim()),
        What = new LocalizedText(input.WhatNl!.Trim(), input.WhatEn!.Trim()),
        Cost = new LocalizedText(input.CostNl!.Trim(), input.CostEn!.Trim()),
        Result = new LocalizedText(input.ResultNl!.Trim(), input.ResultEn!.Trim()),
    };

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var found = (await menukaart.StoriesAsync(cancellationToken)).FirstOrDefault(s => s.Slug == slug);
        Original = found!;
        return found is not null;
    }
}
