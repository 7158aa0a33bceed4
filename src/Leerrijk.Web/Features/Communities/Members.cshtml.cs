using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Infrastructure;
using Leerrijk.Web.Infrastructure.Forms;
using Leerrijk.Web.Infrastructure.Localization;
using Leerrijk.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Communities;

/// <summary>
/// Those who run a community manage who is in it: invite by e-mail, withdraw an invitation, correct and resend one the
/// mail server refused, accept or decline a request, remove a member. Every row stays as history; nothing is deleted.
/// </summary>
[RequiresCommunityFacilitator]
public sealed class MembersModel(
    LeerrijkDbContext db, CommunityMails mails, PublicLinks links, TimeProvider clock, IStringLocalizer<SharedResource> l) : CommunityPageModel
{
    /// <summary>The languages the invitation mail can be written in: those of the app.</summary>
    public static readonly string[] Languages = [.. LocalizationSetup.Supported.Select(c => c.TwoLetterISOLanguageName)];

    /// <summary>The roles an invitation may give.</summary>
    public static readonly CommunityRole[] Roles = [CommunityRole.Member, CommunityRole.Guest, CommunityRole.Facilitator];

    /// <summary>The invitation form. Each handler binds the one form it was posted from (a missing form would otherwise be bound, and checked, from the other's fields).</summary>
    public InviteInput Input { get; set; } = new();

    /// <summary>A corrected address for an invitation the mail server refused or that expired.</summary>
    public AddressInput Correction { get; set; } = new();

    public string CommunityName { get; private set; } = "";

    public IReadOnlyList<MemberRow> Invitations { get; private set; } = [];

    public IReadOnlyList<MemberRow> Requests { get; private set; } = [];

    public IReadOnlyList<MemberRow> Active { get; private set; } = [];

    /// <summary>The invitation whose corrected address did not pass, so its form shows the message.</summary>
    public Guid? CorrectionFor { get; private set; }

    public DateTime NowUtc { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new InviteInput { Language = "nl", Role = CommunityRole.Member };
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        await TryUpdateModelAsync(Input, nameof(Input));
        var email = Input.Email?.Trim() ?? "";
        CheckChoices(Input.Language, Input.Role, "Input");
        if (ModelState.IsValid && await TakenAsync(email, null, cancellationToken))
        {
            ModelState.AddModelError("Input.Email", l["Community.Invite.AlreadyIn", email]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var invitation = new CommunityMember
        {
            CommunityId = Reader.CommunityId,
            Email = email,
            Role = Input.Role!.Value,
            Status = MemberStatus.Invited,
            Affiliation = string.IsNullOrWhiteSpace(Input.CompanyName) ? null : Input.CompanyName.Trim(),
            InvitedByUserId = Reader.UserId,
        };
        db.CommunityMembers.Add(invitation);
        var delivered = await SendAsync(invitation, Input.Language!, now, cancellationToken);
        TempData["Status"] = delivered
            ? l["Community.Invite.Sent", email, (int)CommunityMember.InvitationLifetime.TotalDays].Value
            : l["Community.Invite.Refused", email].Value;
        return RedirectToPage(new { communityId = Reader.CommunityId });
    }

    public async Task<IActionResult> OnPostResendAsync(Guid memberId, CancellationToken cancellationToken)
    {
        await TryUpdateModelAsync(Correction, nameof(Correction));
        var invitation = await db.CommunityMembers.SingleOrDefaultAsync(
            m => m.Id == memberId && m.CommunityId == Reader.CommunityId && m.Status == MemberStatus.Invited, cancellationToken);
        if (invitation is null)
        {
            return NotFound();
        }

        var email = Correction.Email?.Trim() ?? "";
        CheckChoices(Correction.Language, CommunityRole.Member, "Correction");
        if (ModelState.IsValid && await TakenAsync(email, invitation.Id, cancellationToken))
        {
            ModelState.AddModelError("Correction.Email", l["Community.Invite.AlreadyIn", email]);
        }

        if (!ModelState.IsValid)
        {
            CorrectionFor = memberId;
            await LoadAsync(cancellationToken);
            return Page();
        }

        // The same row, a new link: the old link stops working, and the 30 days start again.
        invitation.Email = email;
        var delivered = await SendAsync(invitation, Correction.Language!, clock.GetUtcNow().UtcDateTime, cancellationToken);
        TempData["Status"] = delivered
            ? l["Community.Invite.Sent", email, (int)CommunityMember.InvitationLifetime.TotalDays].Value
            : l["Community.Invite.Refused", email].Value;
        return RedirectToPage(new { communityId = Reader.CommunityId });
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid memberId, CancellationToken cancellationToken) =>
        await ChangeAsync(memberId, MemberStatus.Invited, m =>
        {
            m.Status = MemberStatus.Left;
            m.LeftAtUtc = clock.GetUtcNow().UtcDateTime;
            m.TokenHash = null;
            return Task.FromResult(l["Community.Invite.Withdrawn", m.Email].Value);
        }, cancellationToken);

    public async Task<IActionResult> OnPostAcceptAsync(Guid memberId, CancellationToken cancellationToken) =>
        await ChangeAsync(memberId, MemberStatus.Requested, m =>
        {
            m.Status = MemberStatus.Active;
            m.JoinedAtUtc = clock.GetUtcNow().UtcDateTime;
            return Task.FromResult(l["Community.Request.Accepted", m.Email].Value);
        }, cancellationToken);

    public async Task<IActionResult> OnPostDeclineAsync(Guid memberId, CancellationToken cancellationToken) =>
        await ChangeAsync(memberId, MemberStatus.Requested, m =>
        {
            m.Status = MemberStatus.Declined;
            return Task.FromResult(l["Community.Request.Declined", m.Email].Value);
        }, cancellationToken);

    public async Task<IActionResult> OnPostRemoveAsync(Guid memberId, CancellationToken cancellationToken) =>
        await ChangeAsync(memberId, MemberStatus.Active, async m =>
        {
            await CommunityMembership.LeaveAsync(db, m, clock.GetUtcNow().UtcDateTime, cancellationToken);
            return l["Community.Members.Removed", m.Email].Value;
        }, cancellationToken);

    /// <summary>Applies <paramref name="change"/> to a row of this community in <paramref name="status"/>; a row in another state is left alone and the page says so.</summary>
    private async Task<IActionResult> ChangeAsync(Guid memberId, MemberStatus status, Func<CommunityMember, Task<string>> change, CancellationToken cancellationToken)
    {
        var member = await db.CommunityMembers.SingleOrDefaultAsync(m => m.Id == memberId && m.CommunityId == Reader.CommunityId, cancellationToken);
        if (member is null)
        {
            return NotFound();
        }

        if (member.Status != status || (status == MemberStatus.Active && member.UserId == Reader.UserId))
        {
            // Someone else handled it meanwhile; or a facilitator tried to remove themself (they leave on their own page).
            TempData["Status"] = l["Community.Members.NotChanged", member.Email].Value;
            return RedirectToPage(new { communityId = Reader.CommunityId });
        }

        var message = await change(member);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = message;
        return RedirectToPage(new { communityId = Reader.CommunityId });
    }

    /// <summary>Gives the invitation a fresh link, saves it and sends it; when the server refuses the address the row says so, and is kept.</summary>
    private async Task<bool> SendAsync(CommunityMember invitation, string language, DateTime now, CancellationToken cancellationToken)
    {
        var token = LinkToken.New();
        invitation.TokenHash = LinkToken.Hash(token);
        invitation.InvitationExpiresAtUtc = now + CommunityMember.InvitationLifetime;
        invitation.InvitationUndeliverable = false;
        await db.SaveChangesAsync(cancellationToken);

        var community = await db.Communities.AsNoTracking().SingleAsync(c => c.Id == Reader.CommunityId, cancellationToken);
        var runner = await CommunityMembership.RunnerNameAsync(db, community, cancellationToken);

        // The page the link opens speaks the mail's language (?lang=en), whatever the invitee's browser last chose.
        object route = language == "en" ? new { token, lang = "en" } : new { token };
        var link = links.Page(HttpContext, "/Communities/Invitation", route);
        var lastDay = DateOnly.FromDateTime(LocalizationSetup.ToLocalTime(invitation.InvitationExpiresAtUtc.Value));
        if (await mails.SendInvitationAsync(invitation.Email, language, community, runner, invitation.Affiliation, lastDay, link, cancellationToken))
        {
            return true;
        }

        invitation.InvitationUndeliverable = true;
        await db.SaveChangesAsync(cancellationToken);
        return false;
    }

    private void CheckChoices(string? language, CommunityRole? role, string prefix)
    {
        if (language is not null && !Languages.Contains(language))
        {
            ModelState.AddModelError(prefix + ".Language", l["Validation.NotInList"]);
        }

        if (role is { } r && !Roles.Contains(r))
        {
            ModelState.AddModelError(prefix + ".Role", l["Validation.NotInList"]);
        }
    }

    /// <summary>Whether the address already has an open invitation, a pending request or a membership here (<paramref name="except"/> aside).</summary>
    private async Task<bool> TakenAsync(string email, Guid? except, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // Compared here, not in SQL: addresses differ in case, and a community has tens of rows, not thousands.
        var taken = await db.CommunityMembers
            .Where(m => m.CommunityId == Reader.CommunityId && m.Id != except
                        && (m.Status == MemberStatus.Active || m.Status == MemberStatus.Requested || (m.Status == MemberStatus.Invited && m.InvitationExpiresAtUtc > now)))
            .Select(m => m.Email)
            .ToListAsync(cancellationToken);
        return taken.Contains(email, StringComparer.OrdinalIgnoreCase);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        NowUtc = clock.GetUtcNow().UtcDateTime;
        CommunityName = await db.Communities.Where(c => c.Id == Reader.CommunityId).Select(c => c.Name).SingleAsync(cancellationToken);
        var rows = await db.CommunityMembers.AsNoTracking()
            .Where(m => m.CommunityId == Reader.CommunityId
                        && (m.Status == MemberStatus.Invited || m.Status == MemberStatus.Requested || m.Status == MemberStatus.Active))
            .OrderBy(m => m.CreatedAtUtc)
            .Select(m => new MemberRow(
                m.Id, m.Email, db.Users.Where(u => u.Id == m.UserId).Select(u => u.DisplayName).FirstOrDefault(),
                m.Organisation != null ? m.Organisation.Name : null, m.Affiliation, m.Role, m.Status, m.InvitationExpiresAtUtc,
                m.InvitationUndeliverable, m.RequestMessage, m.ShowsIdentity, m.UserId == Reader.UserId))
            .ToListAsync(cancellationToken);
        Invitations = [.. rows.Where(r => r.Status == MemberStatus.Invited)];
        Requests = [.. rows.Where(r => r.Status == MemberStatus.Requested)];
        Active = [.. rows.Where(r => r.Status == MemberStatus.Active)];
    }

    /// <summary>One invitation, request or member as those who run the community see it (they see everyone's name: they admitted them).</summary>
    public sealed record MemberRow(
        Guid Id, string Email, string? Name, string? Company, string? Affiliation, CommunityRole Role, MemberStatus Status,
        DateTime? ExpiresAtUtc, bool Undeliverable, string? Message, bool ShowsIdentity, bool IsReader);

    /// <summary>An address and the language of the mail to it: the correction form, and the start of the invitation form.</summary>
    public class AddressInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [StorableText]
        [StringLength(256, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Community.Invite.Email")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Validation.Choose")]
        [Display(Name = "Community.Invite.Language")]
        public string? Language { get; set; }
    }

    public sealed class InviteInput : AddressInput
    {
        [Required(ErrorMessage = "Validation.Choose")]
        [Display(Name = "Community.Invite.Role")]
        public CommunityRole? Role { get; set; }

        [StorableText]
        [StringLength(Organisation.NameMaxLength, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Community.Invite.CompanyName")]
        public string? CompanyName { get; set; }
    }
}
