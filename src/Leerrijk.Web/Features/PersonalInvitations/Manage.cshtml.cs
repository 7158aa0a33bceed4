using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Infrastructure.Forms;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MimeKit;

namespace Leerrijk.Web.Features.PersonalInvitations;

/// <summary>
/// Personal invitations for one round: HR pastes addresses, Leerrijk mails each a single-use link, and a reminder
/// goes only to those who have not started. Members see counts; nobody sees who answered what.
/// </summary>
[AdviserScope(ConsentScope.ManageRounds)]
public sealed class ManageModel(LeerrijkDbContext db, TimeProvider clock, InvitationMailer mailer, IStringLocalizer<SharedResource> l)
    : OrganisationPageModel
{
    /// <summary>One paste at a time: enough for any mkb company, small enough to check and show errors for.</summary>
    public const int MaxAddressesPerPaste = 1000;

    public Round Round { get; private set; } = null!;

    public RoundStatus Status { get; private set; }

    public bool CanManage => Member.May(OrganisationRole.Hr, ConsentScope.ManageRounds);

    public InvitationCounts Counts { get; private set; } = new(0, 0, 0, 0, 0);

    public IReadOnlyList<string> Undeliverable { get; private set; } = [];

    [BindProperty]
    [StorableText(AllowLineBreaks = true)]
    [Display(Name = "Invitations.Addresses")]
    public string? Addresses { get; set; }

    public sealed record InvitationCounts(int Invited, int Waiting, int Used, int CanRemind, int Undeliverable)
    {
        public int NotStarted => Invited - Used;
    }

    public async Task<IActionResult> OnGetAsync(Guid roundId, CancellationToken cancellationToken) =>
        await LoadAsync(roundId, cancellationToken) ? Page() : NotFound();

    [RequiresOrganisationRole(OrganisationRole.Hr)]
    public async Task<IActionResult> OnPostInviteAsync(Guid roundId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(roundId, cancellationToken))
        {
            return NotFound();
        }

        if (Status == RoundStatus.Closed)
        {
            ModelState.AddModelError(nameof(Addresses), l["Invitations.RoundClosed"]);
            return Page();
        }

        var parsed = ParseAddresses(Addresses);
        if (parsed.Invalid.Count > 0)
        {
            ModelState.AddModelError(nameof(Addresses), l["Invitations.InvalidAddresses", string.Join(", ", parsed.Invalid.Take(10))]);
        }
        else if (parsed.Valid.Count == 0)
        {
            ModelState.AddModelError(nameof(Addresses), l["Invitations.NoAddresses"]);
        }
        else if (parsed.Valid.Count > MaxAddressesPerPaste)
        {
            ModelState.AddModelError(nameof(Addresses), l["Invitations.TooMany", MaxAddressesPerPaste]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var known = await db.PersonalInvitations
            .Where(i => i.RoundId == Round.Id && i.Email != null && parsed.Valid.Contains(i.Email))
            .Select(i => i.Email!)
            .ToListAsync(cancellationToken);
        var added = parsed.Valid.Except(known, StringComparer.Ordinal).ToList();
        db.PersonalInvitations.AddRange(added.Select(email => new PersonalInvitation
        {
            OrganisationId = Round.OrganisationId,
            RoundId = Round.Id,
            Email = email,
            MailDue = InvitationMail.Invitation,
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone else added one of these addresses at the same moment: nothing of this paste was stored.
            ModelState.AddModelError(nameof(Addresses), l["Invitations.TryAgain"]);
            db.ChangeTracker.Clear();
            await LoadAsync(roundId, cancellationToken);
            return Page();
        }

        mailer.Wake();
        TempData["Status"] = known.Count == 0
            ? l["Invitations.Queued", added.Count].Value
            : l["Invitations.QueuedSomeKnown", added.Count, known.Count].Value;
        return RedirectToPage(new { orgId = Member.OrganisationId, roundId });
    }

    [RequiresOrganisationRole(OrganisationRole.Hr)]
    public async Task<IActionResult> OnPostRemindAsync(Guid roundId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(roundId, cancellationToken))
        {
            return NotFound();
        }

        if (Status != RoundStatus.Open)
        {
            ModelState.AddModelError("", l["Invitations.RemindOnlyOpen"]);
            return Page();
        }

        var today = LocalizationSetup.Today(clock);
        var queued = await RemindableQuery(today).ExecuteUpdateAsync(s => s.SetProperty(i => i.MailDue, InvitationMail.Reminder), cancellationToken);
        mailer.Wake();
        TempData["Status"] = l["Invitations.RemindersQueued", queued].Value;
        return RedirectToPage(new { orgId = Member.OrganisationId, roundId });
    }

    /// <summary>
    /// Who may get a reminder today: invited, not started, not already reminded today, under the maximum. "Not started"
    /// is as close to "not finished" as we can know without linking a response to a person (ADR 0006).
    /// </summary>
    private IQueryable<PersonalInvitation> RemindableQuery(DateOnly today) =>
        db.PersonalInvitations.Where(i =>
            i.RoundId == Round.Id && !i.Used && !i.Undeliverable && i.Email != null && i.MailDue == InvitationMail.None
            && i.InvitedOn != null && (i.LastRemindedOn == null || i.LastRemindedOn < today) && i.Reminders < PersonalInvitation.MaxReminders);

    private async Task<bool> LoadAsync(Guid roundId, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId && r.OrganisationId == Member.OrganisationId, cancellationToken);
        if (round is null)
        {
            return false;
        }

        Round = round;
        var today = LocalizationSetup.Today(clock);
        Status = round.StatusOn(today);
        var all = db.PersonalInvitations.Where(i => i.RoundId == round.Id);
        Counts = new InvitationCounts(
            await all.CountAsync(i => i.InvitedOn != null, cancellationToken),
            await all.CountAsync(i => i.MailDue != InvitationMail.None, cancellationToken),
            await all.CountAsync(i => i.Used, cancellationToken),
            Status == RoundStatus.Open ? await RemindableQuery(today).CountAsync(cancellationToken) : 0,
            await all.CountAsync(i => i.Undeliverable, cancellationToken));
        Undeliverable = await all.Where(i => i.Undeliverable && i.Email != null).OrderBy(i => i.Email).Select(i => i.Email!).ToListAsync(cancellationToken);
        return true;
    }

    /// <summary>Addresses as people paste them from a spreadsheet or mail program: one per line, or separated by commas or semicolons.</summary>
    public static (List<string> Valid, List<string> Invalid) ParseAddresses(string? text)
    {
        var valid = new List<string>();
        var invalid = new List<string>();
        foreach (var raw in (text ?? "").Split(['\n', '\r', ',', ';', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // "Jan de Vries <jan@bedrijf.nl>" from a mail program is accepted too; only the address is kept.
            if (MailboxAddress.TryParse(raw, out var mailbox)
                && mailbox.Address.Length <= PersonalInvitation.EmailMaxLength
                && mailbox.Address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at
                && at < mailbox.Address.Length - 1
                && mailbox.Address[(at + 1)..].Contains('.', StringComparison.Ordinal))
            {
                var address = mailbox.Address.ToLowerInvariant();
                if (!valid.Contains(address, StringComparer.Ordinal))
                {
                    valid.Add(address);
                }
            }
            else
            {
                invalid.Add(raw);
            }
        }

        return (valid, invalid);
    }
}
