using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Menukaart;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Infrastructure.Forms;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Communities;

/// <summary>
/// /leergemeenschap/{communityId}/cyclus: the learning cycle. Each company's question and what the community needs to
/// know, what members try at work (steps in their own company's plan), what came of it, the lessons, and lessons
/// proposed as practice stories. Members work on their own company's part; those who run it on everyone's.
/// </summary>
public sealed class CycleModel(LeerrijkDbContext db, CompanyScores scores, InstrumentCatalog catalog, TimeProvider clock, IStringLocalizer<SharedResource> l) : CommunityPageModel
{
    public Community Community { get; private set; } = null!;

    public IReadOnlyList<MemberRow> Members { get; private set; } = [];

    public IReadOnlyList<CompanyTries> Tries { get; private set; } = [];

    public IReadOnlyList<LessonRow> Lessons { get; private set; } = [];

    public IReadOnlyList<CommunitySession> Sessions { get; private set; } = [];

    /// <summary>The reader's own member row, when they take part for a company.</summary>
    public MemberRow? Own { get; private set; }

    /// <summary>The reader may share their company's report summary (an owner or HR member of it).</summary>
    public bool MayShareSummary { get; private set; }

    public string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    [BindProperty]
    public QuestionInput Question { get; set; } = new();

    [BindProperty]
    public TryInput Try { get; set; } = new();

    [BindProperty]
    public OutcomeInput Outcome { get; set; } = new();

    [BindProperty]
    public LessonInput Lesson { get; set; } = new();

    [BindProperty]
    public ProposalInput Proposal { get; set; } = new();

    /// <summary>Which form failed, so the page opens it with what was typed.</summary>
    public string? FailedForm { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostQuestionAsync(CancellationToken cancellationToken)
    {
        var member = await MemberWithCompanyAsync(Question.MemberId, cancellationToken);
        if (member is null || !MayWorkFor(member))
        {
            return NotFound();
        }

        if (!Valid(nameof(Question)))
        {
            return await FailAsync(nameof(Question), cancellationToken);
        }

        member.Question = Clean(Question.Question);
        member.NeedToKnow = Clean(Question.NeedToKnow);
        await db.SaveChangesAsync(cancellationToken);
        return Done("CommunityCycle.QuestionSaved", "vragen");
    }

    public async Task<IActionResult> OnPostTryAsync(CancellationToken cancellationToken)
    {
        var member = await MemberWithCompanyAsync(Try.MemberId, cancellationToken);
        if (member is null || !MayWorkFor(member))
        {
            return NotFound();
        }

        if (Try.SessionId is { } sessionId && !await db.CommunitySessions.AnyAsync(s => s.Id == sessionId && s.CommunityId == Reader.CommunityId, cancellationToken))
        {
            ModelState.AddModelError($"{nameof(Try)}.{nameof(Try.SessionId)}", l["CommunityCycle.NoSuchSession"]);
        }

        var today = LocalizationSetup.Today(clock);
        if (Try.FollowUpOn is { } on && (on < today || on > today.AddYears(2)))
        {
            ModelState.AddModelError($"{nameof(Try)}.{nameof(Try.FollowUpOn)}", l["CommunityCycle.FollowUpRange"]);
        }

        if (!Valid(nameof(Try)))
        {
            return await FailAsync(nameof(Try), cancellationToken);
        }

        var owner = await db.Users.Where(u => u.Id == member.UserId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
        LearningCycle.AddTry(db, member, Try.Title!.Trim(), Try.SessionId, today, Try.FollowUpOn, Truncate(owner, ActionStep.OwnerMaxLength));
        await db.SaveChangesAsync(cancellationToken);
        return Done("CommunityCycle.TryAdded", "proberen");
    }

    public async Task<IActionResult> OnPostOutcomeAsync(CancellationToken cancellationToken)
    {
        var step = await LearningCycle.TriesOf(db, Reader.CommunityId).SingleOrDefaultAsync(s => s.Id == Outcome.StepId, cancellationToken);
        if (step is null || !await MayWorkForCompanyAsync(step.OrganisationId, cancellationToken))
        {
            return NotFound();
        }

        if (!Valid(nameof(Outcome)))
        {
            return await FailAsync(nameof(Outcome), cancellationToken);
        }

        step.Outcome = Clean(Outcome.Outcome);
        if (Outcome.Done)
        {
            step.Status = ActionStatus.Done;
        }
        else if (step.Status == ActionStatus.Planned && step.Outcome is not null)
        {
            step.Status = ActionStatus.Started;
        }

        step.Version++;
        await db.SaveChangesAsync(cancellationToken);
        return Done("CommunityCycle.OutcomeSaved", "proberen");
    }

    public async Task<IActionResult> OnPostLessonAsync(CancellationToken cancellationToken)
    {
        if (Lesson.SessionId is { } sessionId && !await db.CommunitySessions.AnyAsync(s => s.Id == sessionId && s.CommunityId == Reader.CommunityId, cancellationToken))
        {
            ModelState.AddModelError($"{nameof(Lesson)}.{nameof(Lesson.SessionId)}", l["CommunityCycle.NoSuchSession"]);
        }

        Guid? organisationId = null;
        if (Lesson.FromOwnCompany)
        {
            organisationId = await OwnCompanyAsync(cancellationToken);
            if (organisationId is null)
            {
                ModelState.AddModelError($"{nameof(Lesson)}.{nameof(Lesson.FromOwnCompany)}", l["CommunityCycle.NoOwnCompany"]);
            }
        }

        if (!Valid(nameof(Lesson)))
        {
            return await FailAsync(nameof(Lesson), cancellationToken);
        }

        db.CommunityLessons.Add(new CommunityLesson
        {
            CommunityId = Reader.CommunityId,
            SessionId = Lesson.SessionId,
            OrganisationId = organisationId,
            Text = Lesson.Text!.Trim(),
            RecordedByUserId = Reader.UserId,
        });
        await db.SaveChangesAsync(cancellationToken);
        return Done("CommunityCycle.LessonAdded", "lessen");
    }

    public async Task<IActionResult> OnPostProposeAsync(CancellationToken cancellationToken)
    {
        var lesson = await db.CommunityLessons.SingleOrDefaultAsync(x => x.Id == Proposal.LessonId && x.CommunityId == Reader.CommunityId, cancellationToken);
        if (lesson is null)
        {
            return NotFound();
        }

        // A lesson of one company is proposed by someone of that company or by those who run the community; naming the
        // company is a choice only someone of that company can make.
        var ofCompany = lesson.OrganisationId is { } companyId && await OwnCompanyAsync(cancellationToken) == companyId;
        if (!Reader.RunsIt && lesson.OrganisationId is not null && !ofCompany)
        {
            return Forbid();
        }

        if (Proposal.MayBeNamed && !ofCompany)
        {
            ModelState.AddModelError($"{nameof(Proposal)}.{nameof(Proposal.MayBeNamed)}", l["CommunityCycle.OnlyCompanyNames"]);
        }

        if (await db.StoryDrafts.AnyAsync(d => d.CommunityLessonId == lesson.Id && d.Status != StoryDraftStatus.SetAside, cancellationToken))
        {
            ModelState.AddModelError(string.Empty, l["CommunityCycle.AlreadyProposed"]);
        }

        if (!Valid(nameof(Proposal)))
        {
            return await FailAsync(nameof(Proposal), cancellationToken);
        }

        var community = await db.Communities.AsNoTracking().SingleAsync(c => c.Id == Reader.CommunityId, cancellationToken);
        var origin = Truncate(l["CommunityCycle.Origin", community.Name, LocalizationSetup.ToLocalTime(lesson.CreatedAtUtc).ToString("d", CultureInfo.CurrentCulture)].Value, StoryDraft.TitleMaxLength)!;
        LearningCycle.Propose(db, lesson, origin, Proposal.Title!.Trim(), Proposal.What!.Trim(), Proposal.Result!.Trim(), Proposal.MayBeNamed, Reader.UserId);
        await db.SaveChangesAsync(cancellationToken);
        return Done("CommunityCycle.Proposed", "lessen");
    }

    public async Task<IActionResult> OnPostShareAsync(CancellationToken cancellationToken)
    {
        var member = await OwnMemberAsync(cancellationToken);
        if (member?.OrganisationId is not { } organisationId || !await SharesAllowedAsync(organisationId, cancellationToken))
        {
            return Forbid();
        }

        var summary = await LearningCycle.SummaryOfAsync(db, scores, organisationId, LocalizationSetup.Today(clock), cancellationToken);
        if (summary is null)
        {
            ModelState.AddModelError(string.Empty, l["CommunityCycle.NoReport"]);
            return await FailAsync("Share", cancellationToken);
        }

        // Every member row of the company carries the same summary, so it shows once per company whoever shared it.
        var rows = await db.CommunityMembers.Where(CommunityMember.Active).Where(m => m.CommunityId == Reader.CommunityId && m.OrganisationId == organisationId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var row in rows)
        {
            (row.SharedSummaryJson, row.SharedSummaryAtUtc) = (summary.ToJson(), now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Done("CommunityCycle.Shared", "vragen");
    }

    public async Task<IActionResult> OnPostStopSharingAsync(CancellationToken cancellationToken)
    {
        var member = await OwnMemberAsync(cancellationToken);
        if (member?.OrganisationId is not { } organisationId || !await SharesAllowedAsync(organisationId, cancellationToken))
        {
            return Forbid();
        }

        var rows = await db.CommunityMembers.Where(m => m.CommunityId == Reader.CommunityId && m.OrganisationId == organisationId).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            (row.SharedSummaryJson, row.SharedSummaryAtUtc) = (null, null);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Done("CommunityCycle.StoppedSharing", "vragen");
    }

    public string DimensionName(string instrumentId, string dimensionId) =>
        catalog.Find(instrumentId)?.Dimensions.FirstOrDefault(d => d.Id == dimensionId)?.Name.For(Language) ?? dimensionId;

    public string InstrumentTitle(string instrumentId) => catalog.Find(instrumentId)?.Title.For(Language) ?? instrumentId;

    public string SessionLabel(Guid? sessionId) =>
        Sessions.FirstOrDefault(s => s.Id == sessionId) is { } s ? LocalizationSetup.ToLocalTime(s.StartsAtUtc).ToString("d", CultureInfo.CurrentCulture) : "";

    private bool MayWorkFor(CommunityMember member) => Reader.RunsIt || member.Id == Reader.MemberId;

    private async Task<bool> MayWorkForCompanyAsync(Guid organisationId, CancellationToken cancellationToken) =>
        Reader.RunsIt || await OwnCompanyAsync(cancellationToken) == organisationId;

    private async Task<CommunityMember?> OwnMemberAsync(CancellationToken cancellationToken) =>
        Reader.MemberId is { } id ? await db.CommunityMembers.SingleOrDefaultAsync(m => m.Id == id, cancellationToken) : null;

    private async Task<Guid?> OwnCompanyAsync(CancellationToken cancellationToken) => (await OwnMemberAsync(cancellationToken))?.OrganisationId;

    private async Task<CommunityMember?> MemberWithCompanyAsync(Guid memberId, CancellationToken cancellationToken) =>
        await db.CommunityMembers.Where(CommunityMember.Active)
            .SingleOrDefaultAsync(m => m.Id == memberId && m.CommunityId == Reader.CommunityId && m.OrganisationId != null, cancellationToken);

    /// <summary>A company's results are its owners' and HR's to share; a viewer of the company may take part but not share them.</summary>
    /// <remarks>Roles are stored as their names, so the query names both roles: "Viewer" sorts after "Hr" as text.</remarks>
    private Task<bool> SharesAllowedAsync(Guid organisationId, CancellationToken cancellationToken) =>
        db.Memberships.AnyAsync(m => m.OrganisationId == organisationId && m.UserId == Reader.UserId && (m.Role == OrganisationRole.Hr || m.Role == OrganisationRole.Owner), cancellationToken);

    /// <summary>Whether the fields of one form are valid; the other forms on the page were not posted and do not count.</summary>
    private bool Valid(string form) =>
        ModelState.Where(e => e.Key.StartsWith(form + ".", StringComparison.Ordinal) || e.Key.Length == 0).All(e => e.Value?.ValidationState != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid);

    private async Task<IActionResult> FailAsync(string form, CancellationToken cancellationToken)
    {
        // Errors of forms that were not posted (their required fields are empty) are not this person's problem.
        foreach (var key in ModelState.Keys.Where(k => k.Length > 0 && !k.StartsWith(form + ".", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        FailedForm = form;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private RedirectResult Done(string message, string anchor)
    {
        TempData["Status"] = l[message].Value;
        return Redirect($"/leergemeenschap/{Reader.CommunityId}/cyclus#{anchor}");
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Truncate(string? text, int max) => text is null ? null : text.Length <= max ? text : text[..max];

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Community = await db.Communities.AsNoTracking().SingleAsync(c => c.Id == Reader.CommunityId, cancellationToken);
        var members = await db.CommunityMembers.AsNoTracking().Where(CommunityMember.Active)
            .Where(m => m.CommunityId == Reader.CommunityId)
            .OrderBy(m => m.JoinedAtUtc).ThenBy(m => m.CreatedAtUtc)
            .ToListAsync(cancellationToken);
        var userIds = members.Select(m => m.UserId!.Value).ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var organisationIds = members.Where(m => m.OrganisationId != null).Select(m => m.OrganisationId!.Value).Distinct().ToList();
        var companies = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);

        // A company is named to the reader when one of its members agreed to be shown (or the reader runs it or is of it);
        // otherwise it is "Bedrijf A", "Bedrijf B" in the order they joined, the same on every visit.
        var companyLabels = new Dictionary<Guid, string>();
        var letter = 0;
        foreach (var organisationId in organisationIds)
        {
            var named = members.Any(m => m.OrganisationId == organisationId && CommunityAccess.ShowsIdentityTo(m, Reader));
            companyLabels[organisationId] = named ? companies.GetValueOrDefault(organisationId, "") : l["CommunityCycle.CompanyLetter", (char)('A' + (letter % 26))].Value;
            letter++;
        }

        var rows = new List<MemberRow>();
        var number = 0;
        foreach (var m in members)
        {
            // Members are numbered in the order they joined, facilitators apart, so a number stays put on every visit.
            number += m.Role == CommunityRole.Facilitator ? 0 : 1;
            var shown = CommunityAccess.ShowsIdentityTo(m, Reader);
            var label = shown ? names.GetValueOrDefault(m.UserId!.Value, m.Email)
                : m.Role == CommunityRole.Facilitator ? l["CommunityCycle.Facilitator"].Value : l["CommunityCycle.MemberNumber", number].Value;
            var company = m.OrganisationId is { } org ? companyLabels[org] : m.Affiliation;
            rows.Add(new MemberRow(m, label, shown ? company : m.OrganisationId is { } o ? companyLabels[o] : null, SharedSummary.FromJson(m.SharedSummaryJson)));
        }

        Members = rows;
        Own = rows.FirstOrDefault(r => r.Member.Id == Reader.MemberId && r.Member.OrganisationId != null);
        MayShareSummary = Own?.Member.OrganisationId is { } ownOrg && await SharesAllowedAsync(ownOrg, cancellationToken);
        Sessions = await db.CommunitySessions.AsNoTracking().Where(s => s.CommunityId == Reader.CommunityId && s.CancelledAtUtc == null)
            .OrderBy(s => s.StartsAtUtc).ToListAsync(cancellationToken);

        var steps = await LearningCycle.TriesOf(db, Reader.CommunityId).AsNoTracking().ToListAsync(cancellationToken);
        var ownCompany = Own?.Member.OrganisationId;
        Tries = organisationIds
            .Select(org => new CompanyTries(org, companyLabels[org], Reader.RunsIt || org == ownCompany,
                [.. steps.Where(s => s.OrganisationId == org).OrderBy(s => s.CreatedAtUtc)]))
            .ToList();

        var lessons = await db.CommunityLessons.AsNoTracking().Where(x => x.CommunityId == Reader.CommunityId).OrderBy(x => x.CreatedAtUtc).ToListAsync(cancellationToken);
        var lessonIds = lessons.Select(x => x.Id).ToList();
        var drafts = await db.StoryDrafts.AsNoTracking().Where(d => d.CommunityLessonId != null && lessonIds.Contains(d.CommunityLessonId.Value))
            .ToListAsync(cancellationToken);
        Lessons = lessons.Select(x => new LessonRow(
                x,
                x.OrganisationId is { } org && companyLabels.TryGetValue(org, out var company) ? company : null,
                drafts.Where(d => d.CommunityLessonId == x.Id).OrderByDescending(d => d.CreatedAtUtc).FirstOrDefault(),
                Reader.RunsIt || x.OrganisationId is null || x.OrganisationId == ownCompany,
                x.OrganisationId is not null && x.OrganisationId == ownCompany))
            .ToList();
    }

    /// <summary>An active member as the reader may see them.</summary>
    public sealed record MemberRow(CommunityMember Member, string Label, string? Company, SharedSummary? Summary);

    /// <summary>The steps one company tries, and whether the reader may write what came of them.</summary>
    public sealed record CompanyTries(Guid OrganisationId, string Company, bool MayEdit, IReadOnlyList<ActionStep> Steps);

    /// <summary>A lesson, the company it came from (as the reader may see it), its latest story draft, and what the reader may do.</summary>
    public sealed record LessonRow(CommunityLesson Lesson, string? Company, StoryDraft? Draft, bool MayPropose, bool MayName);

    public sealed class QuestionInput
    {
        public Guid MemberId { get; set; }

        [Display(Name = "CommunityCycle.Question"), Required(ErrorMessage = "Validation.Required"), StorableText(AllowLineBreaks = true), StringLength(CommunityMember.QuestionMaxLength, ErrorMessage = "Validation.MaxLength")]
        public string? Question { get; set; }

        [Display(Name = "CommunityCycle.NeedToKnow"), StorableText(AllowLineBreaks = true), StringLength(CommunityMember.QuestionMaxLength, ErrorMessage = "Validation.MaxLength")]
        public string? NeedToKnow { get; set; }
    }

    public sealed class TryInput
    {
        public Guid MemberId { get; set; }

        [Display(Name = "CommunityCycle.TryTitle"), Required(ErrorMessage = "Validation.Required"), StorableText, StringLength(ActionStep.TitleMaxLength, ErrorMessage = "Validation.MaxLength")]
        public string? Title { get; set; }

        [Display(Name = "CommunityCycle.Session")]
        public Guid? SessionId { get; set; }

        [Display(Name = "CommunityCycle.FollowUpOn")]
        public DateOnly? FollowUpOn { get; set; }
    }

    public sealed class OutcomeInput
    {
        public Guid StepId { get; set; }

        [Display(Name = "CommunityCycle.Outcome"), Required(ErrorMessage = "Validation.Required"), StorableText(AllowLineBreaks = true), StringLength(ActionStep.NoteMaxLength, ErrorMessage = "Validation.MaxLength")]
        public string? Outcome { get; set; }

        [Display(Name = "CommunityCycle.Done")]
        public bool Done { get; set; }
    }

    public sealed class LessonInput
    {
        [Display(Name = "CommunityCycle.LessonText"), Required(ErrorMessage = "Validation.Required"), StorableText(AllowLineBreaks = true), StringLength(CommunityLesson.TextMaxLength, ErrorMessage = "Validation.MaxLength")]
        public string? Text { get; set; }

        [Display(Name = "CommunityCycle.Session")]
        public Guid? SessionId { get; set; }

        [Display(Name = "CommunityCycle.FromOwnCompany")]
        public bool FromOwnCompany { get; set; }
    }

    public sealed class ProposalInput
    {
        public Guid LessonId { get; set; }

        [Display(Name = "CommunityCycle.StoryTitle"), Required(ErrorMessage = "Validation.Required"), StorableText, StringLength(StoryDraft.TitleMaxLength, ErrorMessage = "Validation.MaxLength")]
        public string? Title { get; set; }

        [Display(Name = "CommunityCycle.StoryWhat"), Required(ErrorMessage = "Validation.Required"), StorableText(AllowLineBreaks = true), StringLength(StoryDraft.TextMaxLength, ErrorMessage = "Validation.MaxLength")]
        public string? What { get; set; }

        [Display(Name = "CommunityCycle.StoryResult"), Required(ErrorMessage = "Validation.Required"), StorableText(AllowLineBreaks = true), StringLength(StoryDraft.TextMaxLength, ErrorMessage = "Validation.MaxLength")]
        public string? Result { get; set; }

        [Display(Name = "CommunityCycle.MayBeNamed")]
        public bool MayBeNamed { get; set; }
    }
}
