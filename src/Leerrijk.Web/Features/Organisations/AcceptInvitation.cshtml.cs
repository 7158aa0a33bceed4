using System.Security.Claims;
using Leerrijk.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Organisations;

/// <summary>Where an invitation link lands: the invited person logs in (or registers) with the invited address and joins.</summary>
public sealed class AcceptInvitationModel(LeerrijkDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public Invitation? Invitation { get; private set; }

    public string? OrganisationName { get; private set; }

    public string? Problem { get; private set; }

    public string ReturnUrl => Url.Page("/Organisations/AcceptInvitation", new { token = Token }) ?? "/";

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        await LoadAsync(cancellationToken);
        if (Invitation is null || Problem is not null)
        {
            return Page();
        }

        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync(cancellationToken);
        if (!string.Equals(email, Invitation.Email, StringComparison.OrdinalIgnoreCase))
        {
            Problem = l["Invitation.OtherAddress", Invitation.Email];
            return Page();
        }

        var alreadyMember = await db.Memberships.AnyAsync(m => m.OrganisationId == Invitation.OrganisationId && m.UserId == userId, cancellationToken);
        if (!alreadyMember)
        {
            db.Memberships.Add(new Membership { OrganisationId = Invitation.OrganisationId, UserId = userId, Role = Invitation.Role });
        }

        Invitation.AcceptedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Invitation.Joined", OrganisationName!].Value;
        return RedirectToPage("/Organisations/Dashboard", new { orgId = Invitation.OrganisationId });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Token) || Token.Length > 100)
        {
            Problem = l["Invitation.Invalid"];
            return;
        }

        var hash = Organisations.Invitation.HashToken(Token);
        Invitation = await db.Invitations.Include(i => i.Organisation).SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (Invitation is null || !Invitation.IsOpen(clock.GetUtcNow().UtcDateTime))
        {
            Problem = l["Invitation.Invalid"];
            Invitation = null;
            return;
        }

        OrganisationName = Invitation.Organisation!.Name;
    }
}
