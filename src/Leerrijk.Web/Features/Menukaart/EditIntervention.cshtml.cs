using System.ComponentModel.DataAnnotations;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Infrastructure.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Menukaart;

/// <summary>/menukaart/{slug}/bewerken: editors change an intervention's texts, steps and effort. Why-texts are Markdown.</summary>
public sealed class EditInterventionModel(Menukaart menukaart, MenukaartEditing editing, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int ShortMax = 200;
    public const int LongMax = 4000;

    public Intervention Original { get; private set; } = null!;

    [BindProperty]
    public InterventionInput Input { get; set; } = new();

    /// <summary>The texts and effort of a step; <see cref="NewInterventionModel"/> adds what a new step also needs.</summary>
    public class InterventionInput
    {
        [Display(Name = "Edit.TitleNl"), Required(ErrorMessage = "Validation.Required"), StringLength(ShortMax, ErrorMessage = "Validation.MaxLength"), StorableText]
        public string? TitleNl { get; set; }

        [Display(Name = "Edit.TitleEn"), Required(ErrorMessage = "Validation.Required"), StringLength(ShortMax, ErrorMessage = "Validation.MaxLength"), StorableText]
        public string? TitleEn { get; set; }

        [Display(Name = "Edit.PromiseNl"), Required(ErrorMessage = "Validation.Required"), StringLength(ShortMax, ErrorMessage = "Validation.MaxLength"), StorableText]
        public string? PromiseNl { get; set; }

        [Display(Name = "Edit.PromiseEn"), Required(ErrorMessage = "Validation.Required"), StringLength(ShortMax, ErrorMessage = "Validation.MaxLength"), StorableText]
        public string? PromiseEn { get; set; }

        [Display(Name = "Edit.WhyNl"), Required(ErrorMessage = "Validation.Required"), StringLength(LongMax, ErrorMessage = "Validation.MaxLength"), StorableText(AllowLineBreaks = true)]
        public string? WhyNl { get; set; }

        [Display(Name = "Edit.WhyEn"), Required(ErrorMessage = "Validation.Required"), StringLength(LongMax, ErrorMessage = "Validation.MaxLength"), StorableText(AllowLineBreaks = true)]
        public string? WhyEn { get; set; }

        [Display(Name = "Edit.StepsNl"), Required(ErrorMessage = "Validation.Required"), StringLength(LongMax, ErrorMessage = "Validation.MaxLength"), StorableText(AllowLineBreaks = true)]
        public string? StepsNl { get; set; }

        [Display(Name = "Edit.StepsEn"), Required(ErrorMessage = "Validation.Required"), StringLength(LongMax, ErrorMessage = "Validation.MaxLength"), StorableText(AllowLineBreaks = true)]
        public string? StepsEn { get; set; }

        [Display(Name = "Edit.Hours"), Range(0, 1000, ErrorMessage = "Validation.Range")]
        public int Hours { get; set; }

        [Display(Name = "Edit.Euros"), Range(0, 100_000, ErrorMessage = "Validation.Range")]
        public int Euros { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        Input = new InterventionInput
        {
            TitleNl = Original.Title.Nl,
            TitleEn = Original.Title.En,
            PromiseNl = Original.Promise.Nl,
            PromiseEn = Original.Promise.En,
            WhyNl = Original.Why.Nl,
            WhyEn = Original.Why.En,
            StepsNl = string.Join('\n', Original.Steps.Select(s => s.Nl)),
            StepsEn = string.Join('\n', Original.Steps.Select(s => s.En)),
            Hours = Original.Hours,
            Euros = Original.Euros,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        var steps = Steps(Input, ModelState, l);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var edited = WithTexts(Original, Input, steps);
        await editing.SaveAsync(MenukaartEntry.InterventionKind, slug, edited, cancellationToken);
        TempData["Status"] = l["Edit.Saved"].Value;
        return Redirect($"/menukaart/{slug}");
    }

    /// <summary>The steps as pairs of lines, or a model error when there are not 3 to 5 in both languages.</summary>
    internal static List<LocalizedText> Steps(InterventionInput input, ModelStateDictionary modelState, IStringLocalizer l)
    {
        var nl = Lines(input.StepsNl);
        var en = Lines(input.StepsEn);
        if (nl.Count is < 3 or > 5 || en.Count != nl.Count)
        {
            modelState.AddModelError($"{nameof(Input)}.{nameof(input.StepsNl)}", l["Edit.StepsRule"]);
        }

        return nl.Zip(en, (a, b) => new LocalizedText(a, b)).ToList();
    }

    /// <summary>An intervention with the editor's texts, steps and effort.</summary>
    internal static Intervention WithTexts(Intervention intervention, InterventionInput input, List<LocalizedText> steps) => intervention with
    {
        Title = new LocalizedText(input.TitleNl!.Trim(), input.TitleEn!.Trim()),
        Promise = new LocalizedText(input.PromiseNl!.Trim(), input.PromiseEn!.Trim()),
        Why = new LocalizedText(input.WhyNl!.Trim(), input.WhyEn!.Trim()),
        Steps = steps,
        Hours = input.Hours,
        Euros = input.Euros,
    };

    private static List<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var found = (await menukaart.InterventionsAsync(cancellationToken)).FirstOrDefault(i => i.Slug == slug);
        Original = found!;
        return found is not null;
    }
}
