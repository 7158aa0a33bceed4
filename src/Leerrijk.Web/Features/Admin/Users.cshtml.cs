using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Admin;

/// <summary>Platform admins grant and withdraw the platform roles (admin, editor, adviser, programme manager).</summary>
/// <remarks>Admins see accounts, not organisation data: platform roles give no way into a company's pages.</remarks>
public sealed class UsersModel(LeerrijkDbContext db, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var roleNames = await db.Roles.ToDictionaryAsync(r => r.Id, r => r.Name!, cancellationToken);
        var userRoles = await db.UserRoles.ToListAsync(cancellationToken);
        var people = await db.Users.OrderBy(u => u.Email).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken);
        Users = people
            .Select(u => new UserRow(
                u.Id,
                u.DisplayName,
                u.Email ?? "",
                userRoles.Where(r => r.UserId == u.Id).Select(r => roleNames[r.RoleId]).ToHashSet(StringComparer.Ordinal)))
            .ToList();
    }

    public async Task<IActionResult> OnPostAsync(Guid userId, string? role, bool grant)
    {
        if (role is null || !PlatformRoles.All.Contains(role))
        {
            return BadRequest();
        }

        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return NotFound();
        }

        if (!grant && role == PlatformRoles.Admin && (await users.GetUsersInRoleAsync(PlatformRoles.Admin)).Count <= 1)
        {
            TempData["Status"] = l["Admin.LastAdmin"].Value;
            return RedirectToPage();
        }

        var result = grant ? await users.AddToRoleAsync(user, role) : await users.RemoveFromRoleAsync(user, role);
        TempData["Status"] = result.Succeeded ? l["Admin.Saved"].Value : l["Identity.DefaultError"].Value;
        return RedirectToPage();
    }

    public sealed record UserRow(Guid Id, string Name, string Email, IReadOnlySet<string> Roles);
}
