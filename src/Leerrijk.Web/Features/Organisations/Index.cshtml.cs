using System.Security.Claims;
using Leerrijk.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Organisations;

/// <summary>The organisations the signed-in person belongs to, with their role in each.</summary>
public sealed class IndexModel(LeerrijkDbContext db) : PageModel
{
    public IReadOnlyList<Row> Organisations { get; private set; } = [];

    /// <summary>Support organisations the person works for (as adviser or coordinator).</summary>
    public IReadOnlyList<SupportRow> SupportOrganisations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        Organisations = await db.Memberships
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.Organisation!.Name)
            .Select(m => new Row(m.OrganisationId, m.Organisation!.Name, m.Role))
            .ToListAsync(cancellationToken);
        SupportOrganisations = await db.SupportMemberships
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.SupportOrganisation!.Name)
            .Select(m => new SupportRow(m.SupportOrganisationId, m.SupportOrganisation!.Name, m.Role))
            .ToListAsync(cancellationToken);

        // Log-in lands here; an adviser or programme manager who belongs to no company starts at their caseload or
        // programmes, not at "no organisations".
        return Organisations.Count == 0 && (SupportOrganisations.Count > 0 || await db.ProgrammeManagers.AnyAsync(m => m.UserId == userId, cancellationToken))
            ? RedirectToPage("/Support/Index")
            : Page();
    }

    public sealed record SupportRow(Guid Id, string Name, Support.SupportRole Role);

    public sealed record Row(Guid Id, string Name, OrganisationRole Role);
}
