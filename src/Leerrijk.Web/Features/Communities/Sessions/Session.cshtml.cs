using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using Leerrijk.Web.Data;
using Leerrijk.Web.Infrastructure.Forms;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Communities.Sessions;

/// <summary>
/// One session: its details and calendar file for every member; for those who run the community also changing it
/// (members get an update when the time, place or link changes), cancelling it, and, once it started, attendance and notes.
/// </summary>
public sealed class SessionModel(LeerrijkDbContext db, SessionMails mails, TimeProvider clock, IStringLocalizer<SharedResource> l) : CommunityPageModel
{
    public const string UnreachedKey = "Session.Unreached";

    [BindProperty]
    public SessionInput Input { get; set; } = new();

    [BindProperty]
    [StringLength(CommunitySession.NotesMaxLength, ErrorMessage = "Validation.MaxLength")]
    [StorableText(AllowLineBreaks = true)]
    [Display(Name = "Session.Field.Notes")]
    public string? Notes { get; set; }

    /// <summary>The session's version when the notes or cancel form was loaded.</summary>
    [BindProperty]
    public int? Version { get; set; }

    /// <summary>The members ticked as present.</summary>
    [BindProperty]
    public List<Guid> Present { get; set; } = [];

    public CommunitySession Session { get; private set; } = null!;

    public string CommunityName { get; private set; } = "";

    public (string Day, string From, string To) When { get; private set; }

    public bool Started { get; private set; }

    public bool Cancelled => Session.CancelledAtUtc is not null;

    /// <summary>Every active member with whether they were there (runners only).</summary>
    public IReadOnlyList<AttendanceRow> Attendance { get; private set; } = [];

    /// <summary>The form that the current post came from, so its messages show there: "edit", "notes", "attendance" or "cancel".</summary>
    public string? FailedForm { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(sessionId, tracked: false, cancellationToken))
        {
            return NotFound();
        }

        Input = SessionInput.From(Session);
        Notes = Session.Notes;
        Version = Session.Version;
        return Page();
    }

    /// <summary>The session as a calendar file, for members whose mail did not add it.</summary>
    public async Task<IActionResult> OnGetIcsAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(sessionId, tracked: false, cancellationToken))
        {
            return NotFound();
        }

        var pageUrl = $"{Request.Scheme}://{Request.Host}{Request.PathBase}{SessionMails.PagePath(Session)}";
        var ics = SessionCalendar.Write(Session, CommunityName, SessionCalendar.Publish, pageUrl, clock.GetUtcNow().UtcDateTime);
        var day = LocalizationSetup.ToLocalTime(Session.StartsAtUtc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"bijeenkomst-{day}.ics");
    }

    [RequiresCommunityFacilitator]
    public async Task<IActionResult> OnPostEditAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(sessionId, tracked: true, cancellationToken))
        {
            return NotFound();
        }

        FailedForm = "edit";
        Notes = Session.Notes;
        if (Cancelled)
        {
            ModelState.AddModelError("", l["Session.Error.Cancelled"]);
            return Page();
        }

        if (Input.Version is null)
        {
            ModelState.AddModelError("", l["Plan.VersionMissing"]);
        }

        var times = await Input.ValidateAsync(db, Reader.CommunityId, Session, clock.GetUtcNow().UtcDateTime, ModelState, l, cancellationToken);
        if (times is not { } t || !ModelState.IsValid)
        {
            Version = Session.Version;
            return Page();
        }

        var tellMembers = Input.ChangesWhatMembersKnow(Session, t.StartUtc, t.EndUtc);
        var timeMoved = Session.StartsAtUtc != t.StartUtc;
        db.Entry(Session).Property(s => s.Version).OriginalValue = Input.Version!.Value;
        Session.Version = Input.Version.Value + 1;
        Input.ApplyTo(Session, t.StartUtc, t.EndUtc);
        if (tellMembers)
        {
            Session.Sequence++;
        }

        if (timeMoved)
        {
            // The reminder belongs to the new time: whoever got one for the old time gets one for this.
            Session.ReminderSentAtUtc = null;
        }

        if (!await SaveAsync(sessionId, cancellationToken))
        {
            Input.Version = Session.Version;
            ModelState.Remove("Input.Version");
            return Page();
        }

        var unreached = tellMembers ? await mails.SendAsync(Session, SessionMailKind.Update, CancellationToken.None) : [];
        Tell(TempData, l[tellMembers ? "Session.Updated" : "Session.Saved"].Value, unreached, l);
        return Reload();
    }

    [RequiresCommunityFacilitator]
    public async Task<IActionResult> OnPostCancelAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(sessionId, tracked: true, cancellationToken))
        {
            return NotFound();
        }

        FailedForm = "cancel";
        KeepForms();
        if (Cancelled)
        {
            return Reload();
        }

        if (Started)
        {
            ModelState.AddModelError("", l["Session.Error.CancelStarted"]);
            return Page();
        }

        if (!TakeVersion())
        {
            return Page();
        }

        Session.CancelledAtUtc = clock.GetUtcNow().UtcDateTime;
        Session.Sequence++;
        if (!await SaveAsync(sessionId, cancellationToken))
        {
            return Page();
        }

        var unreached = await mails.SendAsync(Session, SessionMailKind.Cancellation, CancellationToken.None);
        Tell(TempData, l["Session.CancelledStatus"].Value, unreached, l);
        return Reload();
    }

    [RequiresCommunityFacilitator]
    public async Task<IActionResult> OnPostNotesAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(sessionId, tracked: true, cancellationToken))
        {
            return NotFound();
        }

        FailedForm = "notes";
        var posted = Notes;
        KeepForms();
        Notes = posted;
        if (!Started || Cancelled)
        {
            ModelState.AddModelError("", l[Cancelled ? "Session.Error.Cancelled" : "Session.Error.NotStarted"]);
        }

        if (!ModelState.IsValid || !TakeVersion())
        {
            return Page();
        }

        Session.Notes = string.IsNullOrWhiteSpace(Notes) ? null : Notes.Trim();
        if (!await SaveAsync(sessionId, cancellationToken))
        {
            // Keep what the person typed: they may copy it into the form that now shows the other version.
            Notes = posted;
            return Page();
        }

        TempData["Status"] = l["Session.NotesSaved"].Value;
        return Reload();
    }

    [RequiresCommunityFacilitator]
    public async Task<IActionResult> OnPostAttendanceAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(sessionId, tracked: false, cancellationToken))
        {
            return NotFound();
        }

        FailedForm = "attendance";
        KeepForms();
        if (!Started || Cancelled)
        {
            ModelState.AddModelError("", l[Cancelled ? "Session.Error.Cancelled" : "Session.Error.NotStarted"]);
            return Page();
        }

        var existing = await db.SessionAttendances.Where(a => a.SessionId == sessionId).ToDictionaryAsync(a => a.MemberId, cancellationToken);
        foreach (var row in Attendance)
        {
            if (!existing.TryGetValue(row.MemberId, out var attendance))
            {
                attendance = new SessionAttendance { SessionId = sessionId, MemberId = row.MemberId };
                db.SessionAttendances.Add(attendance);
            }

            attendance.Present = Present.Contains(row.MemberId);
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Session.AttendanceSaved", Present.Count(Attendance.Select(r => r.MemberId).Contains)].Value;
        return Reload();
    }

    /// <summary>Puts the outcome of a save and the addresses that were not reached where the session page shows them.</summary>
    public static void Tell(ITempDataDictionary tempData, string status, IReadOnlyList<string> unreached, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        ArgumentNullException.ThrowIfNull(unreached);
        tempData["Status"] = status;
        if (unreached.Count > 0)
        {
            tempData[UnreachedKey] = string.Join(", ", unreached);
        }
    }

    private IActionResult Reload() => RedirectToPage(new { communityId = Reader.CommunityId, sessionId = Session.Id });

    /// <summary>The other forms on the page show what is stored, not what this post carried.</summary>
    private void KeepForms()
    {
        Input = SessionInput.From(Session);
        Notes = Session.Notes;
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }
    }

    /// <summary>Takes the posted version as the one the save must find; false with a message when the form lacked it.</summary>
    private bool TakeVersion()
    {
        if (Version is not { } version)
        {
            ModelState.AddModelError("", l["Plan.VersionMissing"]);
            return false;
        }

        db.Entry(Session).Property(s => s.Version).OriginalValue = version;
        Session.Version = version + 1;
        return true;
    }

    /// <summary>Saves; on a conflict, shows the session as it is now with a message, and returns false.</summary>
    private async Task<bool> SaveAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(sessionId, tracked: false, cancellationToken);
            Version = Session.Version;
            ModelState.Remove(nameof(Version));
            ModelState.AddModelError("", l["Session.Conflict"]);
            return false;
        }
    }

    private async Task<bool> LoadAsync(Guid sessionId, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.CommunitySessions.Where(s => s.Id == sessionId && s.CommunityId == Reader.CommunityId);
        if (await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(cancellationToken) is not { } session)
        {
            return false;
        }

        Session = session;
        CommunityName = await db.Communities.AsNoTracking().Where(c => c.Id == Reader.CommunityId).Select(c => c.Name).SingleAsync(cancellationToken);
        When = SessionInput.Describe(session, CultureInfo.CurrentCulture);
        Started = clock.GetUtcNow().UtcDateTime >= session.StartsAtUtc;
        if (Reader.RunsIt)
        {
            Attendance = await AttendanceAsync(cancellationToken);
        }

        return true;
    }

    private async Task<IReadOnlyList<AttendanceRow>> AttendanceAsync(CancellationToken cancellationToken)
    {
        var members = await db.CommunityMembers.AsNoTracking()
            .Where(m => m.CommunityId == Reader.CommunityId)
            .Where(CommunityMember.Active)
            .Include(m => m.Organisation)
            .ToListAsync(cancellationToken);
        var userIds = members.Select(m => m.UserId).ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var present = await db.SessionAttendances.AsNoTracking().Where(a => a.SessionId == Session.Id && a.Present).Select(a => a.MemberId).ToListAsync(cancellationToken);
        return members
            .Select(m => CommunityAccess.ShowsIdentityTo(m, Reader)
                ? new AttendanceRow(m.Id, names.GetValueOrDefault(m.UserId!.Value) ?? m.Email, m.Organisation?.Name ?? m.Affiliation, present.Contains(m.Id))
                : new AttendanceRow(m.Id, l["Session.AMember"].Value, null, present.Contains(m.Id)))
            .OrderBy(r => r.Name, StringComparer.CurrentCulture)
            .ToList();
    }
}

/// <summary>One active member in the attendance list.</summary>
/// <param name="MemberId">The member row.</param>
/// <param name="Name">Their name, or a neutral label.</param>
/// <param name="Company">Their company or school, if shown.</param>
/// <param name="Present">Recorded as present.</param>
public sealed record AttendanceRow(Guid MemberId, string Name, string? Company, bool Present);
