using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Infrastructure;
using Leerrijk.Web.Infrastructure.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Organisations;

/// <summary>Who belongs to the organisation. Owners invite colleagues by e-mail, change roles and remove members.</summary>
public sealed class MembersModel(
    LeerrijkDbContext db, AccountMails mails, PublicLinks links, TimeProvider clock, IStringLocalizer<SharedResource> l) : OrganisationPageModel
{
    public static readonly OrganisationRole[] Roles = [OrganisationRole.Owner, OrganisationRole.Hr, OrganisationRole.Viewer];

    [BindProperty]
    public InviteInput Invite { get; set; } = new();

    public IReadOnlyList<MemberRow> Members { get; private set; } = [];

    public IReadOnlyList<InvitationRow> OpenInvitations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    [RequiresOrganisationRole(OrganisationRole.Owner)]
    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        var email = Invite.Email?.Trim();
        var normalizedEmail = email?.ToUpperInvariant();
        if (ModelState.IsValid && await db.Memberships.AnyAsync(
                m => m.OrganisationId == Member.OrganisationId && m.User!.NormalizedEmail == normalizedEmail, cancellationToken))
        {
            ModelState.AddModelError("Invite.Email", l["Members.AlreadyMember"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // A new invitation for the same address replaces the old one, so only the newest link works.
        var previous = await db.Invitations
            .Where(i => i.OrganisationId == Member.OrganisationId && i.Email == email && i.AcceptedAtUtc == null && i.RevokedAtUtc == null)
            .ToListAsync(cancellationToken);
        previous.ForEach(i => i.RevokedAtUtc = now);

        var token = Invitation.NewToken();
        db.Invitations.Add(new Invitation
        {
            OrganisationId = Member.OrganisationId,
            Email = email!,
            Role = Invite.Role!.Value,
            TokenHash = Invitation.HashToken(token),
            InvitedByUserId = Member.UserId,
            ExpiresAtUtc = now + Invitation.Lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);

        var organisationName = await db.Organisations.Where(o => o.Id == Member.OrganisationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var inviter = await db.Users.Where(u => u.Id == Member.UserId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        var link = links.Page(HttpContext, "/Organisations/AcceptInvitation", new { token });
        await mails.SendInvitationAsync(email!, organisationName, inviter, link, cancellationToken);

        TempData["Status"] = l["Members.Invited", email!].Value;
        return RedirectToPage(new { orgId = Member.OrganisationId });
    }

    [RequiresOrganisationRole(OrganisationRole.Owner)]
    public async Task<IActionResult> OnPostRevokeAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(
            i => i.Id == invitationId && i.OrganisationId == Member.OrganisationId, cancellationToken);
        if (invitation is null)
        {
            return NotFound();
        }

        invitation.RevokedAtUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Members.Revoked"].Value;
        return RedirectToPage(new { orgId = Member.OrganisationId });
    }

    [RequiresOrganisationRole(OrganisationRole.Owner)]
    public async Task<IActionResult> OnPostRoleAsync(Guid membershipId, OrganisationRole? role, CancellationToken cancellationToken)
    {
        var membership = await FindMembershipAsync(membershipId, cancellationToken);
        if (membership is null)
        {
            return NotFound();
        }

        if (role is null || !Roles.Contains(role.Value))
        {
            return BadRequest();
        }

        if (membership.Role == OrganisationRole.Owner && role != OrganisationRole.Owner && await IsLastOwnerAsync(cancellationToken))
        {
            TempData["Status"] = l["Members.LastOwner"].Value;
            return RedirectToPage(new { orgId = Member.OrganisationId });
        }

        membership.Role = role.Value;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Members.RoleChanged"].Value;
        return RedirectToPage(new { orgId = Member.OrganisationId });
    }

    [RequiresOrganisationRole(OrganisationRole.Owner)]
    public async Task<IActionResult> OnPostRemoveAsync(Guid membershipId, CancellationToken cancellationToken)
    {
        var membership = await FindMembershipAsync(membershipId, cancellationToken);
        if (membership is null)
        {
            return NotFound();
        }

        if (membership.Role == OrganisationRole.Owner && await IsLastOwnerAsync(cancellationToken))
        {
            TempData["Status"] = l["Members.LastOwner"].Value;
            return RedirectToPage(new { orgId = Member.OrganisationId });
        }

        db.Memberships.Remove(membership);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Members.Removed"].Value;
        return membership.UserId == Member.UserId
            ? RedirectToPage("/Organisations/Index")
            : RedirectToPage(new { orgId = Member.OrganisationId });
    }

    private Task<Membership?> FindMembershipAsync(Guid membershipId, CancellationToken cancellationToken) =>
        db.Memberships.SingleOrDefaultAsync(m => m.Id == membershipId && m.OrganisationId == Member.OrganisationId, cancellationToken);

    private async Task<bool> IsLastOwnerAsync(CancellationToken cancellationToken) =>
        await db.Memberships.CountAsync(m => m.OrganisationId == Member.OrganisationId && m.Role == OrganisationRole.Owner, cancellationToken) <= 1;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Members = await db.Memberships
            .Where(m => m.OrganisationId == Member.OrganisationId)
            .OrderByDescending(m => m.Role).ThenBy(m => m.User!.DisplayName)
            .Select(m => new MemberRow(m.Id, m.User!.DisplayName, m.User.Email ?? "", m.Role, m.UserId == Member.UserId))
            .ToListAsync(cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        OpenInvitations = await db.Invitations
            .Where(i => i.OrganisationId == Member.OrganisationId && i.AcceptedAtUtc == null && i.RevokedAtUtc == null && i.ExpiresAtUtc > now)
            .OrderBy(i => i.Email)
            .Select(i => new InvitationRow(i.Id, i.Email, i.Role, i.ExpiresAtUtc))
            .ToListAsync(cancellationToken);
    }

    public sealed record MemberRow(Guid MembershipId, string Name, string Email, OrganisationRole Role, bool IsYou);

    public sealed record InvitationRow(Guid Id, string Email, OrganisationRole Role, DateTime ExpiresAtUtc);

    public sealed class InviteInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [StorableText]
        [StringLength(256, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Field.Email")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Validation.Choose")]
        [Display(Name = "Field.Role")]
        public OrganisationRole? Role { get; set; }
    }
}
