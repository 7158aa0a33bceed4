using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Organisations;

/// <summary>The owner edits the organisation profile.</summary>
[RequiresOrganisationRole(OrganisationRole.Owner)]
public sealed class SettingsModel(LeerrijkDbContext db, ReferenceData reference, IStringLocalizer<SharedResource> l) : OrganisationPageModel
{
    [BindProperty]
    public OrganisationProfileInput Input { get; set; } = new();

    /// <summary>The retention period's own form; bound only by its handler, so the profile form never touches it.</summary>
    [BindProperty]
    public RetentionInput Retention { get; set; } = new();

    public DateTime? ErasureRequestedAtUtc { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == Member.OrganisationId, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        Input = OrganisationProfileInput.From(organisation);
        Retention.Months = organisation.RetentionMonths;
        ErasureRequestedAtUtc = organisation.ErasureRequestedAtUtc;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == Member.OrganisationId, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        Input.ValidateChoices(reference, ModelState, l, nameof(Input));
        Retention.Months = organisation.RetentionMonths;
        ErasureRequestedAtUtc = organisation.ErasureRequestedAtUtc;
        // Only the profile form was sent: the retention form's field, with or without its prefix, is not checked here.
        ModelState.Remove($"{nameof(Retention)}.{nameof(RetentionInput.Months)}");
        ModelState.Remove(nameof(RetentionInput.Months));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        Input.ApplyTo(organisation);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Settings.Saved"].Value;
        return RedirectToPage("/Organisations/Dashboard", new { orgId = organisation.Id });
    }

    public async Task<IActionResult> OnPostRetentionAsync(CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == Member.OrganisationId, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        // Only the retention form was sent: the profile form shows the stored values, unchecked. (With none of its
        // fields sent, the binder tried them without prefix, so everything but the retention field goes.)
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(nameof(Retention) + ".", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        Input = OrganisationProfileInput.From(organisation);
        ErasureRequestedAtUtc = organisation.ErasureRequestedAtUtc;
        if (Retention.Months is null && ModelState.IsValid)
        {
            ModelState.AddModelError($"{nameof(Retention)}.{nameof(RetentionInput.Months)}", l["Validation.Required", l["Retention.Months"]]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        organisation.RetentionMonths = Retention.Months!.Value;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Retention.Saved", organisation.RetentionMonths].Value;
        return RedirectToPage(new { orgId = organisation.Id });
    }
}

/// <summary>How many months after a round closes its raw answers are kept (ADR 0021).</summary>
public sealed class RetentionInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [Range(Erasure.RetentionRules.MinMonths, Erasure.RetentionRules.MaxMonths, ErrorMessage = "Validation.Range")]
    [Display(Name = "Retention.Months")]
    public int? Months { get; set; }
}
