using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Infrastructure.Forms;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Tracks;

/// <summary>
/// A company's track (traject) with a support organisation: the stages with the day each was reached, coach hours
/// against the budget, conversation notes, the baseline and follow-up rounds and, once both are closed, the measured
/// change. Every member reads it; HR, owners and advisers allowed to work on the plan mark stages and choose rounds;
/// only the support side logs coach hours, sets the budget and writes notes internal to the support organisation,
/// which company members never see.
/// </summary>
[AdviserScope(ConsentScope.ReadReports)]
public sealed class IndexModel(LeerrijkDbContext db, ReportQueries reports, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : OrganisationPageModel
{
    /// <summary>A track may start at most this many years back, and its follow-up may be due at most this many years after its start.</summary>
    public const int YearsRange = 5;

    public const decimal DefaultBudget = 120m;

    /// <summary>Which of the page's forms was posted: its fields keep what the person typed, the others show the track.</summary>
    private enum Form
    {
        None,
        Start,
        Stage,
        Track,
        Hours,
        Note,
    }

    /// <summary>The track shown (query string on GET, hidden field on POST); empty: the first open one.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? TrackId { get; set; }

    /// <summary>The track's <see cref="Track.Version"/> the form was read at, for optimistic concurrency.</summary>
    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public StartInput Start { get; set; } = new();

    [BindProperty]
    public StageInput Mark { get; set; } = new();

    [BindProperty]
    public TrackInput Input { get; set; } = new();

    [BindProperty]
    public HoursInput Hours { get; set; } = new();

    [BindProperty]
    public NoteInput Note { get; set; } = new();

    public sealed class StartInput
    {
        [Display(Name = "Track.StartedOn")]
        public DateOnly? StartedOn { get; set; }

        [Display(Name = "Track.Budget")]
        public string? Budget { get; set; }

        [Display(Name = "Track.FirstStage")]
        public TrackStage? FirstStage { get; set; }
    }

    public sealed class StageInput
    {
        [Display(Name = "Track.Stage")]
        public TrackStage? Stage { get; set; }

        [Display(Name = "Track.ReachedOn")]
        public DateOnly? ReachedOn { get; set; }
    }

    public sealed class TrackInput
    {
        [Display(Name = "Track.Budget")]
        public string? Budget { get; set; }

        [Display(Name = "Track.FollowUpDueOn")]
        public DateOnly? FollowUpDueOn { get; set; }

        [Display(Name = "Track.BaselineRound")]
        public Guid? BaselineRoundId { get; set; }

        [Display(Name = "Track.FollowUpRound")]
        public Guid? FollowUpRoundId { get; set; }
    }

    public sealed class HoursInput
    {
        [Display(Name = "Track.Hours.On")]
        public DateOnly? On { get; set; }

        [Display(Name = "Track.Hours.Hours")]
        public string? Hours { get; set; }

        [StorableText]
        [Display(Name = "Track.Hours.Activity")]
        [StringLength(CoachHoursEntry.ActivityMaxLength, ErrorMessage = "Validation.MaxLength")]
        public string? Activity { get; set; }
    }

    public sealed class NoteInput
    {
        [Display(Name = "Track.Note.On")]
        public DateOnly? On { get; set; }

        [StorableText(AllowLineBreaks = true)]
        [Display(Name = "Track.Note.Text")]
        [StringLength(TrackNote.TextMaxLength, ErrorMessage = "Validation.MaxLength")]
        public string? Text { get; set; }

        [Display(Name = "Track.Note.Internal")]
        public bool Internal { get; set; }
    }

    public sealed record TrackListItem(Guid Id, string SupportName, DateOnly StartedOn, DateOnly? ClosedOn, TrackStage Stage);

    public sealed record HoursRow(DateOnly On, decimal Hours, string Activity, string? By);

    public sealed record NoteRow(DateOnly On, string Text, bool Internal, string? By);

    public sealed record RoundOption(Guid Id, string Title, DateOnly OpensOn, DateOnly ClosesOn, bool Closed);

    public DateOnly Today { get; private set; }

    public IReadOnlyList<TrackListItem> Tracks { get; private set; } = [];

    /// <summary>The track shown; null when the company has none (that this person may see).</summary>
    public Track? Track { get; private set; }

    public string SupportName { get; private set; } = "";

    public IReadOnlyDictionary<TrackStage, DateOnly> Milestones { get; private set; } = new Dictionary<TrackStage, DateOnly>();

    public IReadOnlyList<HoursRow> HoursLogged { get; private set; } = [];

    public decimal HoursUsed { get; private set; }

    public IReadOnlyList<NoteRow> Notes { get; private set; } = [];

    public IReadOnlyList<RoundOption> Rounds { get; private set; } = [];

    public RoundOption? BaselineRound => Rounds.FirstOrDefault(r => r.Id == Track?.BaselineRoundId);

    public RoundOption? FollowUpRound => Rounds.FirstOrDefault(r => r.Id == Track?.FollowUpRoundId);

    /// <summary>The measured change, once both rounds are closed and both reports could be read.</summary>
    public TrackComparison? Comparison { get; private set; }

    /// <summary>Set when a save met a track someone else changed meanwhile; the page then shows the track as it is now.</summary>
    public bool Conflict { get; private set; }

    /// <summary>HR, owners, and advisers whose grant lets them work on the plan: stages, rounds, shared notes.</summary>
    public bool CanEdit => Member.May(OrganisationRole.Hr, ConsentScope.WorkOnPlan);

    /// <summary>The support side with the right to work on the plan: also coach hours, the budget and internal notes.</summary>
    public bool IsSupportEditor => Member.IsAdviser && CanEdit;

    /// <summary>An adviser may start a track for their own support organisation while it has none open with this company.</summary>
    public bool CanStart => IsSupportEditor && !Tracks.Any(t => t.ClosedOn is null);

    public CultureInfo Culture => CultureInfo.CurrentCulture;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(Form.None, cancellationToken);
        return TrackId is not null && Track is null ? NotFound() : Page();
    }

    /// <summary>An adviser starts a track for their own support organisation.</summary>
    [RequiresOrganisationRole(OrganisationRole.Hr)]
    [AdviserScope(ConsentScope.WorkOnPlan)]
    public async Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken)
    {
        if (Member.Adviser is not { } adviser)
        {
            // A track is the support organisation's offer to the company; the company does not start one on its own.
            return Forbid();
        }

        var today = LocalizationSetup.Today(clock);
        if (await db.Tracks.AnyAsync(t => t.SupportOrganisationId == adviser.SupportOrganisationId && t.ClosedOn == null, cancellationToken))
        {
            ModelState.AddModelError(string.Empty, l["Track.AlreadyOpen"]);
        }

        ValidateDate($"{nameof(Start)}.{nameof(Start.StartedOn)}", Start.StartedOn, today.AddYears(-YearsRange), today, "Track.DateTooEarly");
        var budget = ReadBudget($"{nameof(Start)}.{nameof(Start.Budget)}", Start.Budget);
        RequireChoice($"{nameof(Start)}.{nameof(Start.FirstStage)}", Start.FirstStage is { } first && Enum.IsDefined(first) && first != TrackStage.CloseOut);

        if (!ModelState.IsValid)
        {
            await LoadAsync(Form.Start, cancellationToken);
            return Page();
        }

        var track = new Track
        {
            OrganisationId = Member.OrganisationId,
            SupportOrganisationId = adviser.SupportOrganisationId,
            StartedOn = Start.StartedOn!.Value,
            CoachHoursBudget = budget!.Value,
            Stage = Start.FirstStage!.Value,
        };
        db.Tracks.Add(track);
        db.TrackMilestones.Add(new TrackMilestone { OrganisationId = track.OrganisationId, TrackId = track.Id, Stage = track.Stage, ReachedOn = track.StartedOn });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Track.Started"].Value;
        return RedirectToPage(new { orgId = Member.OrganisationId, trackId = track.Id });
    }

    /// <summary>Marks a stage as reached on a day (again: moves the day); the latest stage reached is the current one.</summary>
    [RequiresOrganisationRole(OrganisationRole.Hr)]
    [AdviserScope(ConsentScope.WorkOnPlan)]
    public async Task<IActionResult> OnPostStageAsync(CancellationToken cancellationToken)
    {
        var track = await FindAsync(cancellationToken);
        if (track is null)
        {
            return NotFound();
        }

        RequireChoice($"{nameof(Mark)}.{nameof(Mark.Stage)}", Mark.Stage is { } stage && Enum.IsDefined(stage));

        ValidateDate($"{nameof(Mark)}.{nameof(Mark.ReachedOn)}", Mark.ReachedOn, track.StartedOn, LocalizationSetup.Today(clock));
        if (!ModelState.IsValid)
        {
            await LoadAsync(Form.Stage, cancellationToken);
            return Page();
        }

        var milestones = await db.TrackMilestones.Where(m => m.TrackId == track.Id).ToListAsync(cancellationToken);
        var milestone = milestones.FirstOrDefault(m => m.Stage == Mark.Stage);
        if (milestone is null)
        {
            milestone = new TrackMilestone { OrganisationId = track.OrganisationId, TrackId = track.Id, Stage = Mark.Stage!.Value };
            db.TrackMilestones.Add(milestone);
            milestones.Add(milestone);
        }

        milestone.ReachedOn = Mark.ReachedOn!.Value;
        Settle(track, milestones);
        return await SaveTrackAsync(track, Form.Stage, l["Track.StageMarked", l["Track.Stage." + milestone.Stage]].Value, cancellationToken);
    }

    /// <summary>Takes back a stage marked by mistake; a track keeps at least one stage.</summary>
    [RequiresOrganisationRole(OrganisationRole.Hr)]
    [AdviserScope(ConsentScope.WorkOnPlan)]
    public async Task<IActionResult> OnPostClearStageAsync(CancellationToken cancellationToken)
    {
        var track = await FindAsync(cancellationToken);
        if (track is null)
        {
            return NotFound();
        }

        var milestones = await db.TrackMilestones.Where(m => m.TrackId == track.Id).ToListAsync(cancellationToken);
        var milestone = milestones.FirstOrDefault(m => m.Stage == Mark.Stage);
        if (milestone is null)
        {
            return NotFound();
        }

        if (milestones.Count == 1)
        {
            ModelState.AddModelError(string.Empty, l["Track.KeepOneStage"]);
            await LoadAsync(Form.None, cancellationToken);
            return Page();
        }

        db.TrackMilestones.Remove(milestone);
        milestones.Remove(milestone);
        Settle(track, milestones);
        return await SaveTrackAsync(track, Form.None, l["Track.StageCleared", l["Track.Stage." + milestone.Stage]].Value, cancellationToken);
    }

    /// <summary>The track form: the rounds compared, when the follow-up is due and (support side only) the coach-hours budget.</summary>
    [RequiresOrganisationRole(OrganisationRole.Hr)]
    [AdviserScope(ConsentScope.WorkOnPlan)]
    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var track = await FindAsync(cancellationToken);
        if (track is null)
        {
            return NotFound();
        }

        // The budget is the support organisation's to give; a company member's form does not carry it.
        var budget = IsSupportEditor ? ReadBudget($"{nameof(Input)}.{nameof(Input.Budget)}", Input.Budget) : track.CoachHoursBudget;
        if (Input.FollowUpDueOn is { } due && (due < track.StartedOn || due > track.StartedOn.AddYears(YearsRange)))
        {
            ModelState.AddModelError(
                $"{nameof(Input)}.{nameof(Input.FollowUpDueOn)}",
                l["Track.FollowUpDueRange", Day(track.StartedOn), Day(track.StartedOn.AddYears(YearsRange))]);
        }

        var rounds = await db.Rounds.AsNoTracking()
            .Where(r => r.Id == Input.BaselineRoundId || r.Id == Input.FollowUpRoundId)
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var baseline = Input.BaselineRoundId is { } b ? rounds.GetValueOrDefault(b) : null;
        var followUp = Input.FollowUpRoundId is { } f ? rounds.GetValueOrDefault(f) : null;
        if (Input.BaselineRoundId is not null && baseline is null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.BaselineRoundId)}", l["Validation.NotInList"]);
        }

        if (Input.FollowUpRoundId is not null && followUp is null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.FollowUpRoundId)}", l["Validation.NotInList"]);
        }
        else if (baseline is not null && followUp is not null && (followUp.Id == baseline.Id || followUp.OpensOn < baseline.ClosesOn))
        {
            // The same rule as a report's trend: the later round opens once the earlier one has ended.
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.FollowUpRoundId)}", l["Track.FollowUpAfterBaseline", baseline.Title, Day(baseline.ClosesOn)]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(Form.Track, cancellationToken);
            return Page();
        }

        if (track.FollowUpDueOn != Input.FollowUpDueOn)
        {
            // A new due date is a new appointment: it gets its own reminder.
            track.FollowUpReminderSentOn = null;
        }

        track.CoachHoursBudget = budget!.Value;
        track.FollowUpDueOn = Input.FollowUpDueOn;
        track.BaselineRoundId = baseline?.Id;
        track.FollowUpRoundId = followUp?.Id;
        return await SaveTrackAsync(track, Form.Track, l["Track.Saved"].Value, cancellationToken);
    }

    /// <summary>The support side logs coach hours against the budget; going over is shown, not refused.</summary>
    [RequiresOrganisationRole(OrganisationRole.Hr)]
    [AdviserScope(ConsentScope.WorkOnPlan)]
    public async Task<IActionResult> OnPostHoursAsync(CancellationToken cancellationToken)
    {
        var track = await FindAsync(cancellationToken);
        if (track is null)
        {
            return NotFound();
        }

        if (!Member.IsAdviser)
        {
            return Forbid();
        }

        // Hours belong to the track's period: a closed track takes hours up to its close-out day (the closing talk
        // itself), not after it, so its total stays what was spent on it.
        var today = LocalizationSetup.Today(clock);
        var closedBeforeToday = track.ClosedOn is { } closed && closed < today;
        ValidateDate($"{nameof(Hours)}.{nameof(Hours.On)}", Hours.On, track.StartedOn, closedBeforeToday ? track.ClosedOn!.Value : today,
            tooLate: closedBeforeToday ? "Track.Hours.AfterClose" : "Track.DateInFuture");
        var field = $"{nameof(Hours)}.{nameof(Hours.Hours)}";
        decimal hours = 0;
        if (string.IsNullOrWhiteSpace(Hours.Hours))
        {
            ModelState.AddModelError(field, l["Track.Hours.Required"]);
        }
        else if (HoursText.Read(Hours.Hours, 0.25m, CoachHoursEntry.MaxHoursPerEntry, out hours) is var problem and not HoursText.Problem.None)
        {
            ModelState.AddModelError(field, l["Track.Hours." + problem, HoursText.Format(CoachHoursEntry.MaxHoursPerEntry, Culture)]);
        }

        if (string.IsNullOrWhiteSpace(Hours.Activity))
        {
            ModelState.AddModelError($"{nameof(Hours)}.{nameof(Hours.Activity)}", l["Track.Hours.ActivityRequired"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(Form.Hours, cancellationToken);
            return Page();
        }

        db.CoachHours.Add(new CoachHoursEntry
        {
            OrganisationId = track.OrganisationId,
            TrackId = track.Id,
            On = Hours.On!.Value,
            Hours = hours,
            Activity = Hours.Activity!.Trim(),
            LoggedByUserId = Member.UserId,
        });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Track.Hours.Logged", HoursText.Format(hours, Culture)].Value;
        return RedirectToPage(new { orgId = Member.OrganisationId, trackId = track.Id });
    }

    /// <summary>A conversation note: shared with the company, or (support side only) internal to the support organisation.</summary>
    [RequiresOrganisationRole(OrganisationRole.Hr)]
    [AdviserScope(ConsentScope.WorkOnPlan)]
    public async Task<IActionResult> OnPostNoteAsync(CancellationToken cancellationToken)
    {
        var track = await FindAsync(cancellationToken);
        if (track is null)
        {
            return NotFound();
        }

        if (Note.Internal && !Member.IsAdviser)
        {
            return Forbid();
        }

        ValidateDate($"{nameof(Note)}.{nameof(Note.On)}", Note.On, track.StartedOn, LocalizationSetup.Today(clock));
        if (string.IsNullOrWhiteSpace(Note.Text))
        {
            ModelState.AddModelError($"{nameof(Note)}.{nameof(Note.Text)}", l["Track.Note.Required"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(Form.Note, cancellationToken);
            return Page();
        }

        db.TrackNotes.Add(new TrackNote
        {
            OrganisationId = track.OrganisationId,
            TrackId = track.Id,
            On = Note.On!.Value,
            Text = Note.Text!.Trim(),
            InternalToSupport = Note.Internal,
            AuthorUserId = Member.UserId,
        });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l[Note.Internal ? "Track.Note.SavedInternal" : "Track.Note.Saved"].Value;
        return RedirectToPage(new { orgId = Member.OrganisationId, trackId = track.Id });
    }

    /// <summary>
    /// The notes <paramref name="member"/> may read: the support side reads all of its track's notes, company members only
    /// the shared ones. The one place internal notes are kept from the company.
    /// </summary>
    public static IQueryable<TrackNote> NotesReadableBy(IQueryable<TrackNote> notes, OrganisationMember member) =>
        member.IsAdviser ? notes : notes.Where(n => !n.InternalToSupport);

    /// <summary>
    /// The tracks <paramref name="member"/> may see: company members every track of their company, the support side only
    /// its own organisation's (another support organisation's notes and hours are not theirs to read).
    /// </summary>
    public static IQueryable<Track> TracksVisibleTo(IQueryable<Track> tracks, OrganisationMember member) =>
        member.Adviser is { } adviser ? tracks.Where(t => t.SupportOrganisationId == adviser.SupportOrganisationId) : tracks;

    public string Day(DateOnly day) => day.ToString("d", Culture);

    public string FormatHours(decimal hours) => HoursText.Format(hours, Culture);

    private Task<Track?> FindAsync(CancellationToken cancellationToken) =>
        TrackId is { } id
            ? TracksVisibleTo(db.Tracks, Member).SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
            : Task.FromResult<Track?>(null);

    /// <summary>The current stage is the latest one reached; reaching close-out closes the track on that day.</summary>
    private static void Settle(Track track, IReadOnlyCollection<TrackMilestone> milestones)
    {
        track.Stage = milestones.Count == 0 ? TrackStage.Intake : milestones.Max(m => m.Stage);
        track.ClosedOn = milestones.FirstOrDefault(m => m.Stage == TrackStage.CloseOut)?.ReachedOn;
    }

    /// <summary>
    /// Saves a change to the track only if nobody saved it since the form was read (<see cref="Version"/>); otherwise
    /// nothing is stored and the form comes back with the person's input and the track as it is now.
    /// </summary>
    private async Task<IActionResult> SaveTrackAsync(Track track, Form form, string status, CancellationToken cancellationToken)
    {
        db.Entry(track).Property(t => t.Version).OriginalValue = Version;
        track.Version = Version + 1;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            Conflict = true;
            ModelState.AddModelError(string.Empty, l["Track.Changed"]);
            await LoadAsync(form, cancellationToken);
            return Page();
        }

        TempData["Status"] = status;
        return RedirectToPage(new { orgId = Member.OrganisationId, trackId = track.Id });
    }

    /// <summary>Refuses a choice outside the list, unless binding already said the value was not valid.</summary>
    private void RequireChoice(string field, bool inList)
    {
        if (!inList && ModelState.GetFieldValidationState(field) != ModelValidationState.Invalid)
        {
            ModelState.AddModelError(field, l["Validation.NotInList"]);
        }
    }

    /// <summary>A date that must lie between <paramref name="earliest"/> (the track's start, or as far back as a track may start) and today.</summary>
    private void ValidateDate(string field, DateOnly? day, DateOnly earliest, DateOnly latest, string tooEarly = "Track.DateBeforeStart", string tooLate = "Track.DateInFuture")
    {
        if (ModelState.GetFieldValidationState(field) == ModelValidationState.Invalid)
        {
            return; // not a date at all: binding already said so
        }

        if (day is not { } d)
        {
            ModelState.AddModelError(field, l["Track.DateRequired"]);
        }
        else if (d > latest)
        {
            ModelState.AddModelError(field, l[tooLate, Day(latest)]);
        }
        else if (d < earliest)
        {
            ModelState.AddModelError(field, l[tooEarly, Day(earliest)]);
        }
    }

    private decimal? ReadBudget(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            ModelState.AddModelError(field, l["Track.Budget.Required"]);
            return null;
        }

        var problem = HoursText.Read(text, 0, Track.MaxBudgetHours, out var budget);
        if (problem == HoursText.Problem.None)
        {
            return budget;
        }

        ModelState.AddModelError(field, problem is HoursText.Problem.TooFew or HoursText.Problem.TooMany
            ? l["Track.Budget.Range", HoursText.Format(Track.MaxBudgetHours, Culture)]
            : l["Track.Budget." + problem]);
        return null;
    }

    private async Task LoadAsync(Form posted, CancellationToken cancellationToken)
    {
        Today = LocalizationSetup.Today(clock);
        Tracks = await Track.CurrentFirst(TracksVisibleTo(db.Tracks, Member).AsNoTracking())
            .Select(t => new TrackListItem(t.Id, t.SupportOrganisation!.Name, t.StartedOn, t.ClosedOn, t.Stage))
            .ToListAsync(cancellationToken);
        var shown = TrackId is { } id ? Tracks.FirstOrDefault(t => t.Id == id) : Tracks.FirstOrDefault();
        if (posted != Form.Start)
        {
            Start = new StartInput { StartedOn = Today, Budget = HoursText.Format(DefaultBudget, Culture), FirstStage = TrackStage.Intake };
        }

        if (shown is null)
        {
            return;
        }

        Track = await db.Tracks.AsNoTracking().SingleAsync(t => t.Id == shown.Id, cancellationToken);
        SupportName = shown.SupportName;
        Milestones = await db.TrackMilestones.AsNoTracking()
            .Where(m => m.TrackId == Track.Id)
            .ToDictionaryAsync(m => m.Stage, m => m.ReachedOn, cancellationToken);
        HoursLogged = await (
                from h in db.CoachHours.AsNoTracking()
                where h.TrackId == Track.Id
                join u in db.Users on h.LoggedByUserId equals u.Id into users
                from u in users.DefaultIfEmpty()
                orderby h.On descending, h.CreatedAtUtc descending
                select new HoursRow(h.On, h.Hours, h.Activity, u == null ? null : u.DisplayName))
            .ToListAsync(cancellationToken);
        HoursUsed = HoursLogged.Sum(h => h.Hours);
        Notes = await (
                from n in NotesReadableBy(db.TrackNotes.AsNoTracking(), Member)
                where n.TrackId == Track.Id
                join u in db.Users on n.AuthorUserId equals u.Id into users
                from u in users.DefaultIfEmpty()
                orderby n.On descending, n.CreatedAtUtc descending
                select new NoteRow(n.On, n.Text, n.InternalToSupport, u == null ? null : u.DisplayName))
            .ToListAsync(cancellationToken);
        Rounds = (await db.Rounds.AsNoTracking().OrderBy(r => r.OpensOn).ThenBy(r => r.CreatedAtUtc).ToListAsync(cancellationToken))
            .Select(r => new RoundOption(r.Id, r.Title, r.OpensOn, r.ClosesOn, r.StatusOn(Today) == RoundStatus.Closed))
            .ToList();
        if (BaselineRound is { Closed: true } baseline && FollowUpRound is { Closed: true } followUp)
        {
            var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            var before = await reports.BuildAsync(Member.OrganisationId, baseline.Id, language, cancellationToken);
            var after = await reports.BuildAsync(Member.OrganisationId, followUp.Id, language, cancellationToken);
            Comparison = before is null || after is null ? null : TrackComparison.Between(before, after);
        }

        if (posted != Form.Stage)
        {
            Mark = new StageInput { Stage = Track.Stage == TrackStage.CloseOut ? Track.Stage : Track.Stage + 1, ReachedOn = Today };
        }

        if (posted != Form.Track)
        {
            Input = new TrackInput
            {
                Budget = HoursText.Format(Track.CoachHoursBudget, Culture),
                FollowUpDueOn = Track.FollowUpDueOn,
                BaselineRoundId = Track.BaselineRoundId,
                FollowUpRoundId = Track.FollowUpRoundId,
            };
        }

        if (posted != Form.Hours)
        {
            Hours = new HoursInput { On = Today };
        }

        if (posted != Form.Note)
        {
            Note = new NoteInput { On = Today };
        }
    }
}
