using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Programmes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Norms;

/// <summary>The public page that says exactly how the norm groups and programme figures are built, refreshed and protected.</summary>
[AllowAnonymous]
public sealed class MethodModel(LeerrijkDbContext db) : PageModel
{
    public const string Path = "/normen";

    /// <summary>The last norm refresh (its time, duration and the pool's size), or null before the first.</summary>
    public NormRefresh? LastRefresh { get; private set; }

    /// <summary>The lowest company count a programme figure may rest on.</summary>
    public static int ProgrammeMinCompanies => Programme.LowestMinCompanies;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        LastRefresh = await db.NormRefreshes.AsNoTracking().OrderByDescending(r => r.StartedAtUtc).FirstOrDefaultAsync(cancellationToken);
}
