using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Infrastructure.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Leerrijk.Web.Features.Consent;

namespace Leerrijk.Web.Features.ActionPlan;

/// <summary>
/// The organisation's action plan: the steps it chose, who takes them on, from when, how far they are, and when the
/// follow-up round will show the effect. Members see it; HR and owners change it. Prints as a clean list.
/// </summary>
[AdviserScope(ConsentScope.ReadReports)]
public sealed class PlanModel(LeerrijkDbContext db, Menukaart.Menukaart menukaart, IStringLocalizer<SharedResource> l) : OrganisationPageModel
{
    public IReadOnlyList<ActionStep> Steps { get; private set; } = [];

    public bool CanEdit => Member.May(OrganisationRole.Hr, ConsentScope.WorkOnPlan);

    public string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    [BindProperty]
    public StepInput Input { get; set; } = new();

    public sealed class StepInput
    {
        [StorableText]
        [Display(Name = "Plan.Title")]
        [StringLength(ActionStep.TitleMaxLength, ErrorMessage = "Validation.MaxLength")]
        public string? Title { get; set; }

        [StorableText]
        [Display(Name = "Plan.Owner")]
        [StringLength(ActionStep.OwnerMaxLength, ErrorMessage = "Validation.MaxLength")]
        public string? Owner { get; set; }

        [Display(Name = "Plan.StartOn")]
        public DateOnly? StartOn { get; set; }

        [Display(Name = "Plan.Status")]
        public ActionStatus Status { get; set; }

        [StorableText(AllowLineBreaks = true)]
        [Display(Name = "Plan.Note")]
        [StringLength(ActionStep.NoteMaxLength, ErrorMessage = "Validation.MaxLength")]
        public string? Note { get; set; }

        [Display(Name = "Plan.FollowUpOn")]
        public DateOnly? FollowUpOn { get; set; }
    }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Adds a menukaart step, usually from a report's first steps.</summary>
    [RequiresOrganisationRole(OrganisationRole.Hr)]
    [AdviserScope(ConsentScope.WorkOnPlan)]
    public async Task<IActionResult> OnPostAddAsync(string slug, Guid? roundId, CancellationToken cancellationToken)
    {
        var intervention = (await menukaart.InterventionsAsync(cancellationToken)).FirstOrDefault(i => i.Slug == slug);
        if (intervention is null)
        {
            return NotFound();
        }

        // A round id from the form must be one of this organisation's rounds; the tenancy filter hides the others.
        var round = roundId is { } id ? await db.Rounds.Where(r => r.Id == id).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(cancellationToken) : null;
        if (roundId is not null && round is null)
        {
            return NotFound();
        }

        if (await db.Set<ActionStep>().AnyAsync(s => s.InterventionSlug == slug && s.Status != ActionStatus.Dropped, cancellationToken))
        {
            TempData["Status"] = l["Plan.AlreadyIn"].Value;
            return RedirectToPage(new { orgId = Member.OrganisationId });
        }

        db.Add(new ActionStep
        {
            OrganisationId = Member.OrganisationId,
            RoundId = round,
            InterventionSlug = slug,
            Title = intervention.Title.For(Language),
        });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Plan.Added", intervention.Title.For(Language)].Value;
        return RedirectToPage(new { orgId = Member.OrganisationId });
    }

    /// <summary>Adds a step of the organisation's own.</summary>
    [RequiresOrganisationRole(OrganisationRole.Hr)]
    [AdviserScope(ConsentScope.WorkOnPlan)]
    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Input.Title))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Title)}", l["Validation.Required", l["Plan.Title"]]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        db.Add(Apply(new ActionStep { OrganisationId = Member.OrganisationId, Title = Input.Title!.Trim() }));
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Plan.Added", Input.Title.Trim()].Value;
        return RedirectToPage(new { orgId = Member.OrganisationId });
    }

    [RequiresOrganisationRole(OrganisationRole.Hr)]
    [AdviserScope(ConsentScope.WorkOnPlan)]
    public async Task<IActionResult> OnPostUpdateAsync(Guid stepId, CancellationToken cancellationToken)
    {
        var step = await db.Set<ActionStep>().SingleOrDefaultAsync(s => s.Id == stepId, cancellationToken);
        if (step is null)
        {
            return NotFound();
        }

        if (!Enum.IsDefined(Input.Status))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Status)}", l["Validation.NotInList"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        Apply(step);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Plan.Saved", step.Title].Value;
        return RedirectToPage(new { orgId = Member.OrganisationId });
    }

    private ActionStep Apply(ActionStep step)
    {
        step.Owner = string.IsNullOrWhiteSpace(Input.Owner) ? null : Input.Owner.Trim();
        step.StartOn = Input.StartOn;
        step.Status = Input.Status;
        step.Note = string.IsNullOrWhiteSpace(Input.Note) ? null : Input.Note.Trim();
        step.FollowUpOn = Input.FollowUpOn;
        return step;
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Steps = await db.Set<ActionStep>().AsNoTracking()
            .OrderBy(s => s.Status == ActionStatus.Done || s.Status == ActionStatus.Dropped)
            .ThenBy(s => s.StartOn)
            .ThenBy(s => s.CreatedAtUtc)
            .ToListAsync(cancellationToken);
}
