using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Menukaart;

/// <summary>/verhalen/nieuw: editors add a practice story that no content file has, with its company and its source.</summary>
[Authorize(Policy = MenukaartEditing.Policy)]
public sealed class NewStoryModel(Menukaart menukaart, MenukaartEditing editing, ReferenceData reference, LeerrijkDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The proposal (<see cref="StoryDraft"/>) the editor works out, if any: it fills the form and is marked published on save.</summary>
    [BindProperty(SupportsGet = true, Name = "voorstel")]
    public Guid? DraftId { get; set; }

    /// <summary>The proposal being worked out, shown above the form.</summary>
    public StoryDraft? Draft { get; private set; }

    [BindProperty]
    public NewStoryInput Input { get; set; } = new();

    /// <summary>A new story's texts, plus the company it is about, the steps it used and where it comes from.</summary>
    public sealed class NewStoryInput : EditStoryModel.StoryInput
    {
        [Display(Name = "New.CompanyNl"), Required(ErrorMessage = "Validation.Required"), StringLength(EditInterventionModel.ShortMax, ErrorMessage = "Validation.MaxLength")]
        public string? CompanyNl { get; set; }

        [Display(Name = "New.CompanyEn"), Required(ErrorMessage = "Validation.Required"), StringLength(EditInterventionModel.ShortMax, ErrorMessage = "Validation.MaxLength")]
        public string? CompanyEn { get; set; }

        [Display(Name = "New.Size"), Required(ErrorMessage = "Validation.Required")]
        public string? Size { get; set; }

        [Display(Name = "New.Sector")]
        public string? Sector { get; set; }

        [Display(Name = "New.Estimate")]
        public bool Estimate { get; set; }

        public List<string> Interventions { get; set; } = [];

        [Display(Name = "New.Source"), Required(ErrorMessage = "Validation.Required"), StringLength(EditInterventionModel.ShortMax, ErrorMessage = "Validation.MaxLength")]
        public string? Source { get; set; }
    }

    public string Language { get; private set; } = "nl";

    public IReadOnlyList<Intervention> InterventionOptions { get; private set; } = [];

    public IReadOnlyList<(string Code, string Name)> SectorOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken);
        if (DraftId is not null && Draft is null)
        {
            return NotFound();
        }

        if (Draft is { } draft)
        {
            // The proposal gives the Dutch texts, the company's size and sector, and where it came from; the editor writes
            // the English, the cost and the steps used. The company is named only when it agreed.
            var company = draft.OrganisationId is { } id ? await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken) : null;
            Input.TitleNl = draft.Title;
            Input.WhatNl = draft.What;
            Input.ResultNl = draft.Result;
            Input.Source = draft.Origin;
            Input.Size = CompanySizes.Of(company?.SizeClass);
            Input.Sector = string.IsNullOrEmpty(company?.SbiSection) ? null : company.SbiSection;
            Input.CompanyNl = draft.CompanyMayBeNamed && company is not null ? company.Name : null;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken);
        if (Input.Size is { } size && !CompanySizes.All.Contains(size))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Size)}", l["New.SizesRule"]);
        }

        if (!string.IsNullOrEmpty(Input.Sector) && !reference.IsSbiSection(Input.Sector))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Sector)}", l["New.SectorsRule"]);
        }

        var used = Input.Interventions.Distinct(StringComparer.Ordinal).ToList();
        if (used.Count == 0 || used.Any(slug => InterventionOptions.All(i => i.Slug != slug)))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Interventions)}", l["New.InterventionsRule"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var slug = MenukaartEditing.SlugFor(Input.TitleNl!, (await menukaart.StoriesAsync(cancellationToken)).Select(s => s.Slug));
        var blank = new Story(
            slug, null!, new LocalizedText(Input.CompanyNl!.Trim(), Input.CompanyEn!.Trim()), Input.Size!,
            string.IsNullOrEmpty(Input.Sector) ? null : Input.Sector, null!, null!, null!, Input.Estimate, used,
            new StorySource("", Input.Source!.Trim()));
        await editing.AddAsync(MenukaartEntry.StoryKind, slug, EditStoryModel.WithTexts(blank, Input), cancellationToken);
        if (Draft is { } draft)
        {
            draft.Status = StoryDraftStatus.Published;
            draft.PublishedSlug = slug;
            draft.ReviewedByUserId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
            draft.ReviewedAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }

        TempData["Status"] = l["New.Added"].Value;
        return Redirect($"/verhalen/{slug}");
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        InterventionOptions = (await menukaart.InterventionsAsync(cancellationToken)).OrderBy(i => i.Title.For(Language), StringComparer.CurrentCulture).ToList();
        SectorOptions = reference.SbiSections.Select(s => (s.Id, s.NameFor(CultureInfo.CurrentUICulture))).ToList();
        Draft = DraftId is { } id ? await db.StoryDrafts.SingleOrDefaultAsync(d => d.Id == id && d.Status == StoryDraftStatus.Proposed, cancellationToken) : null;
    }
}
