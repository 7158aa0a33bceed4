using System.Security.Claims;
using Leerrijk.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Support;

/// <summary>
/// The support organisations the signed-in person works for and the programmes they follow as a manager (who need not
/// work for the support organisation); with just one support organisation and no programme, straight to its caseload.
/// </summary>
public sealed class IndexModel(LeerrijkDbContext db) : PageModel
{
    public IReadOnlyList<Row> Memberships { get; private set; } = [];

    public IReadOnlyList<ProgrammeRow> Programmes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        Memberships = await db.SupportMemberships
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.SupportOrganisation!.Name)
            .Select(m => new Row(m.SupportOrganisationId, m.SupportOrganisation!.Name, m.Role))
            .ToListAsync(cancellationToken);
        Programmes = await (
                from m in db.ProgrammeManagers
                join p in db.Programmes on m.ProgrammeId equals p.Id
                where m.UserId == userId
                orderby p.StartsOn descending, p.Name
                select new ProgrammeRow(p.Id, p.Name, p.SupportOrganisation!.Name))
            .ToListAsync(cancellationToken);
        return Memberships.Count == 1 && Programmes.Count == 0 ? RedirectToPage("/Support/Caseload", new { supportId = Memberships[0].Id }) : Page();
    }

    public sealed record Row(Guid Id, string Name, SupportRole Role);

    public sealed record ProgrammeRow(Guid Id, string Name, string SupportName);
}
