using System.Security.Claims;
using Leerrijk.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Organisations;

/// <summary>The organisations the signed-in person belongs to, with their role in each.</summary>
public sealed class IndexModel(LeerrijkDbContext db) : PageModel
{
    public IReadOnlyList<Row> Organisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        Organisations = await db.Memberships
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.Organisation!.Name)
            .Select(m => new Row(m.OrganisationId, m.Organisation!.Name, m.Role))
            .ToListAsync(cancellationToken);
    }

    public sealed record Row(Guid Id, string Name, OrganisationRole Role);
}
