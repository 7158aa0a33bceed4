using System.Security.Claims;
using Leerrijk.Web.Data;
using Leerrijk.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Communities;

/// <summary>
/// Where a community invitation lands (after logging in): who runs the community, what members see of each other and
/// that scan results are never shared; the invitee says which company they take part for (a guest types their school),
/// whether others may see their name, and accepts or declines. A link that expired, was withdrawn or was used stores nothing.
/// </summary>
public sealed class InvitationModel(LeerrijkDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public JoinInput Input { get; set; } = new();

    /// <summary>The open invitation the link names; null when the link does not work (any reason, one message).</summary>
    public CommunityMember? Pending { get; private set; }

    public Community Community { get; private set; } = null!;

    public string RunnerName { get; private set; } = "";

    /// <summary>The companies the signed-in person belongs to.</summary>
    public IReadOnlyList<(Guid Id, string Name)> Organisations { get; private set; } = [];

    /// <summary>The form's choices: a guest types their school; a facilitator may take part for no company; a member chooses one.</summary>
    public JoinChoicesView Choices => Pending!.Role == CommunityRole.Guest
        ? new([], null, null, AsksAffiliation: true, Input.Affiliation, Input.ShowsIdentity)
        : new(Organisations, Input.OrganisationId, Pending.Role == CommunityRole.Facilitator ? "Community.Field.NoCompany" : null, AsksAffiliation: false, null, Input.ShowsIdentity);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Pending is not null)
        {
            Input = new JoinInput
            {
                OrganisationId = Organisations.Count == 1 ? Organisations[0].Id : null,
                Affiliation = Pending.Role == CommunityRole.Guest ? Pending.Affiliation : null,
            };
        }
    }

    public async Task<IActionResult> OnPostAcceptAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Pending is null)
        {
            return Page();
        }

        var role = Pending.Role;
        if (role == CommunityRole.Guest)
        {
            ModelState.Remove("Input.OrganisationId");
            if (string.IsNullOrWhiteSpace(Input.Affiliation))
            {
                ModelState.AddModelError("Input.Affiliation", l["Validation.Required", l["Community.Field.Affiliation"]]);
            }
        }
        else if (Input.OrganisationId is { } chosen && Organisations.All(o => o.Id != chosen))
        {
            ModelState.AddModelError("Input.OrganisationId", l["Validation.NotInList"]);
        }
        else if (Input.OrganisationId is null && role == CommunityRole.Member)
        {
            ModelState.AddModelError("Input.OrganisationId", l["Validation.Choose", l["Community.Field.Organisation"]]);
        }

        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var communityId = Community.Id;
        if (await db.CommunityMembers.Where(CommunityMember.Active).AnyAsync(m => m.CommunityId == communityId && m.UserId == userId, cancellationToken))
        {
            ModelState.AddModelError("", l["Community.Join.AlreadyIn", Community.Name]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var organisationId = role == CommunityRole.Guest ? null : Input.OrganisationId;
        var affiliation = role == CommunityRole.Guest ? Input.Affiliation!.Trim() : null;
        var shows = Input.ShowsIdentity;
        var id = Pending.Id;

        // The link works once: only an invitation still open is claimed, so two clicks join once.
        var rows = await db.CommunityMembers
            .Where(m => m.Id == id && m.Status == MemberStatus.Invited && m.InvitationExpiresAtUtc > now)
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.UserId, userId)
                    .SetProperty(m => m.OrganisationId, organisationId)
                    .SetProperty(m => m.Affiliation, affiliation)
                    .SetProperty(m => m.ShowsIdentity, shows)
                    .SetProperty(m => m.Status, MemberStatus.Active)
                    .SetProperty(m => m.JoinedAtUtc, now),
                cancellationToken);
        if (rows != 1)
        {
            Pending = null;
            return Page();
        }

        TempData["Status"] = l["Community.Join.Done", Community.Name].Value;
        return RedirectToPage("/Communities/Workspace", new { communityId });
    }

    public async Task<IActionResult> OnPostDeclineAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Pending is null)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var id = Pending.Id;
        await db.CommunityMembers
            .Where(m => m.Id == id && m.Status == MemberStatus.Invited && m.InvitationExpiresAtUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MemberStatus.Declined), cancellationToken);
        TempData["Status"] = l["Community.Join.Declined", Community.Name].Value;
        return Redirect("/");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Token) || Token.Length > 100)
        {
            return;
        }

        var hash = LinkToken.Hash(Token);
        var invitation = await db.CommunityMembers.AsNoTracking().Include(m => m.Community).SingleOrDefaultAsync(m => m.TokenHash == hash, cancellationToken);
        if (invitation?.Community is not { } community || !invitation.IsOpenInvitation(clock.GetUtcNow().UtcDateTime))
        {
            return;
        }

        Pending = invitation;
        Community = community;
        RunnerName = await CommunityMembership.RunnerNameAsync(db, community, cancellationToken);
        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        Organisations = await CommunityMembership.OrganisationsOfAsync(db, userId, cancellationToken);
    }
}
