using System.Security.Claims;
using Leerrijk.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Support;

/// <summary>The support organisations the signed-in person works for; with just one, straight to its caseload.</summary>
public sealed class IndexModel(LeerrijkDbContext db) : PageModel
{
    public IReadOnlyList<Row> Memberships { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        Memberships = await db.SupportMemberships
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.SupportOrganisation!.Name)
            .Select(m => new Row(m.SupportOrganisationId, m.SupportOrganisation!.Name, m.Role))
            .ToListAsync(cancellationToken);
        return Memberships.Count == 1 ? RedirectToPage("/Support/Caseload", new { supportId = Memberships[0].Id }) : Page();
    }

    public sealed record Row(Guid Id, string Name, SupportRole Role);
}
