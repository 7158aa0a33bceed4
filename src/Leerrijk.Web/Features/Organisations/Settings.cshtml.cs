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

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == Member.OrganisationId, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        Input = OrganisationProfileInput.From(organisation);
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
        if (!ModelState.IsValid)
        {
            return Page();
        }

        Input.ApplyTo(organisation);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Settings.Saved"].Value;
        return RedirectToPage("/Organisations/Dashboard", new { orgId = organisation.Id });
    }
}
