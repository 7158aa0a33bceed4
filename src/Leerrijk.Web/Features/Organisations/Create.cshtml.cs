using System.Security.Claims;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Organisations;

/// <summary>Registers a company; the person who creates it becomes its owner.</summary>
public sealed class CreateModel(LeerrijkDbContext db, ReferenceData reference, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public OrganisationProfileInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Input.ValidateChoices(reference, ModelState, l, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var organisation = new Organisation();
        Input.ApplyTo(organisation);
        db.Organisations.Add(organisation);
        db.Memberships.Add(new Membership
        {
            OrganisationId = organisation.Id,
            UserId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!),
            Role = OrganisationRole.Owner,
        });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Organisations.Created"].Value;
        return RedirectToPage("/Organisations/Dashboard", new { orgId = organisation.Id });
    }
}
