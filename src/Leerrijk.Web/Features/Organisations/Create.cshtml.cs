using System.Security.Claims;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Organisations;

/// <summary>Registers a company; the person who creates it becomes its owner.</summary>
public sealed class CreateModel(
    LeerrijkDbContext db, ReferenceData reference, QuickScan.QuickScanCarry quickScan, Instruments.InstrumentCatalog catalog, IStringLocalizer<SharedResource> l)
    : PageModel
{
    [BindProperty]
    public OrganisationProfileInput Input { get; set; } = new();

    /// <summary>Whether a quick scan waits on this device to be kept with the new organisation.</summary>
    public bool CarriesQuickScan { get; private set; }

    public void OnGet()
    {
        var carried = quickScan.Read(HttpContext);
        CarriesQuickScan = carried is not null;
        // The size chosen on the quick scan is the same class as here; the owner need not choose it twice.
        Input.SizeClass ??= carried?.SizeClass;
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

        // An owner who took the quick scan before signing up brings its result along (it waited in a cookie).
        var carried = quickScan.Read(HttpContext);
        if (carried is { } scan && catalog.Find(QuickScan.IndexModel.InstrumentId) is { } instrument)
        {
            db.Add(scan.ToResult(organisation.Id, instrument));
            QuickScan.QuickScanCarry.Forget(HttpContext);
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = carried is null ? l["Organisations.Created"].Value : l["QuickScan.KeptWithOrganisation"].Value;
        return RedirectToPage("/Organisations/Dashboard", new { orgId = organisation.Id });
    }
}
