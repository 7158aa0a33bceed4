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

namespace Leerrijk.Web.Features.Programmes;

/// <summary>
/// Who the programme invited and which companies take part: names, dates and the two choices, never a company's
/// results (those reach the programme only as figures over several companies, on the monitor). Coordinators invite
/// owners by e-mail and withdraw open invitations; managers read.
/// </summary>
public sealed class ParticipantsModel(
    LeerrijkDbContext db, ProgrammeMails mails, PublicLinks links, TimeProvider clock, IStringLocalizer<SharedResource> l) : ProgrammePageModel
{
    /// <summary>The languages the invitation mail can be written in: those of the app.</summary>
    public static readonly string[] Languages = [.. LocalizationSetup.Supported.Select(c => c.TwoLetterISOLanguageName)];

    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public string ProgrammeName { get; private set; } = "";

    public IReadOnlyList<ParticipantRow> Rows { get; private set; } = [];

    public DateTime NowUtc { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new InviteInput { Language = "nl" };
        await LoadAsync(cancellationToken);
    }

    [RequiresProgrammeCoordinator]
    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        if (Input.Language is { } language && !Languages.Contains(language))
        {
            ModelState.AddModelError("Input.Language", l["Validation.NotInList"]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var email = Input.Email?.Trim() ?? "";
        if (ModelState.IsValid && await db.ProgrammeParticipants.AnyAsync(
                p => p.ProgrammeId == Reader.ProgrammeId && p.Email == email && p.JoinedAtUtc == null && p.LeftAtUtc == null && p.InvitationExpiresAtUtc > now,
                cancellationToken))
        {
            ModelState.AddModelError("Input.Email", l["Programme.Invite.AlreadyOpen", email]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var programme = await db.Programmes.AsNoTracking().SingleAsync(p => p.Id == Reader.ProgrammeId, cancellationToken);
        var token = LinkToken.New();
        var invitation = new ProgrammeParticipant
        {
            ProgrammeId = programme.Id,
            Email = email,
            CompanyName = string.IsNullOrWhiteSpace(Input.CompanyName) ? null : Input.CompanyName.Trim(),
            TokenHash = LinkToken.Hash(token),
            InvitedByUserId = Reader.UserId,
            InvitationExpiresAtUtc = now + ProgrammeParticipant.InvitationLifetime,
        };
        db.ProgrammeParticipants.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);

        var supportName = await db.SupportOrganisations.Where(s => s.Id == programme.SupportOrganisationId).Select(s => s.Name).SingleAsync(cancellationToken);
        var english = Input.Language == "en";

        // The page the link opens speaks the mail's language (?lang=en), whatever the owner's browser last chose.
        object route = english ? new { token, lang = "en" } : new { token };
        var link = links.Page(HttpContext, "/Programmes/Join", route);
        var lastDay = DateOnly.FromDateTime(LocalizationSetup.ToLocalTime(invitation.InvitationExpiresAtUtc));
        await mails.SendInvitationAsync(email, Input.Language ?? "nl", programme, supportName, invitation.CompanyName, lastDay, link, cancellationToken);

        TempData["Status"] = l["Programme.Invite.Sent", email, (int)ProgrammeParticipant.InvitationLifetime.TotalDays].Value;
        return RedirectToPage(new { programmeId = Reader.ProgrammeId });
    }

    [RequiresProgrammeCoordinator]
    public async Task<IActionResult> OnPostWithdrawAsync(Guid participantId, CancellationToken cancellationToken)
    {
        var invitation = await db.ProgrammeParticipants.SingleOrDefaultAsync(p => p.Id == participantId && p.ProgrammeId == Reader.ProgrammeId, cancellationToken);
        if (invitation is null)
        {
            return NotFound();
        }

        // An invitation that was never used ends with LeftAtUtc set, so its link stops working and the list says "withdrawn".
        var now = clock.GetUtcNow().UtcDateTime;
        if (invitation.IsOpenInvitation(now))
        {
            invitation.LeftAtUtc = now;
            await db.SaveChangesAsync(cancellationToken);
            TempData["Status"] = l["Programme.Invite.Withdrawn", invitation.Email].Value;
        }
        else
        {
            TempData["Status"] = l["Programme.Invite.NoLongerOpen", invitation.Email].Value;
        }

        return RedirectToPage(new { programmeId = Reader.ProgrammeId });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        NowUtc = clock.GetUtcNow().UtcDateTime;
        ProgrammeName = await db.Programmes.Where(p => p.Id == Reader.ProgrammeId).Select(p => p.Name).SingleAsync(cancellationToken);
        Rows = await db.ProgrammeParticipants
            .Where(p => p.ProgrammeId == Reader.ProgrammeId)
            .OrderByDescending(p => p.CreatedAtUtc)
            .Select(p => new ParticipantRow(
                p.Id, p.Organisation != null ? p.Organisation.Name : null, p.CompanyName, p.Email, p.CreatedAtUtc, p.InvitationExpiresAtUtc,
                p.JoinedAtUtc, p.SharesResults, p.InNormPool, p.LeftAtUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>One invitation or participating company, as the programme may see it: no results.</summary>
    public sealed record ParticipantRow(
        Guid Id, string? OrganisationName, string? CompanyHint, string Email, DateTime InvitedAtUtc, DateTime ExpiresAtUtc,
        DateTime? JoinedAtUtc, bool SharesResults, bool InNormPool, DateTime? LeftAtUtc)
    {
        /// <summary>Where the invitation or company stands: Open, Expired, Withdrawn, Joined or Left.</summary>
        public string State(DateTime nowUtc) => (JoinedAtUtc, LeftAtUtc) switch
        {
            (not null, null) => "Joined",
            (not null, not null) => "Left",
            (null, not null) => "Withdrawn",
            _ => nowUtc < ExpiresAtUtc ? "Open" : "Expired",
        };
    }

    public sealed class InviteInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [StorableText]
        [StringLength(256, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Programme.Invite.Email")]
        public string? Email { get; set; }

        [StorableText]
        [StringLength(Organisation.NameMaxLength, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Programme.Invite.CompanyName")]
        public string? CompanyName { get; set; }

        [Display(Name = "Programme.Invite.Language")]
        public string? Language { get; set; }
    }
}
