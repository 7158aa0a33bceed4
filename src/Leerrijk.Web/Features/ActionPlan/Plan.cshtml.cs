using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Wegwijzer;
using Leerrijk.Web.Infrastructure.Forms;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.ActionPlan;

/// <summary>
/// The organisation's action plan: the steps it chose, who takes them on, from when, how far they are, and when the
/// follow-up round will show the effect; beside the steps, indicators with a baseline, a target and measured values,
/// each drawn as a small chart. Members see it; HR and owners change it. Prints as a clean list.
/// </summary>
/// <remarks>
/// Steps and indicators carry a <c>Version</c>: each edit form sends the version it showed, and a save over a newer
/// version is refused with the current values beside the person's own input, so two people editing at once lose nothing.
/// </remarks>
[AdviserScope(ConsentScope.ReadReports)]
public sealed class PlanModel(LeerrijkDbContext db, Menukaart.Menukaart menukaart, OfferAdvice advice, IStringLocalizer<SharedResource> l, TimeProvider clock) : OrganisationPageModel
{
    /// <summary>The wegwijzer offers a step can name: those that fit or may fit, and every one a step already names.</summary>
    public IReadOnlyList<OfferVerdict> OfferChoices { get; private set; } = [];

    /// <summary>The offer a step names, judged for this company today; null when it names none.</summary>
    public OfferVerdict? OfferOf(ActionStep step) => step.OfferSlug is { } slug ? OfferChoices.FirstOrDefault(v => v.Offer.Slug == slug) : null;

    public IReadOnlyList<ActionStep> Steps { get; private set; } = [];

    /// <summary>The names of the learning communities where steps were agreed, by id.</summary>
    public IReadOnlyDictionary<Guid, string> CommunityNames { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyList<IndicatorView> Indicators { get; private set; } = [];

    /// <summary>Whether the form for a new step of the organisation's own failed: it then shows what was typed.</summary>
    public bool CreatingStep { get; private set; }

    /// <summary>The step whose edit form failed or met a newer version: the page shows it open with what was typed.</summary>
    public Guid? EditingStepId { get; private set; }

    /// <summary>The step as someone else saved it meanwhile, shown beside the person's own input.</summary>
    public ActionStep? StepConflict { get; private set; }

    /// <summary>The indicator whose edit form failed or met a newer version.</summary>
    public Guid? EditingIndicatorId { get; private set; }

    /// <summary>The indicator as someone else saved it meanwhile.</summary>
    public IndicatorView? IndicatorConflict { get; private set; }

    /// <summary>The indicator whose new measurement was refused.</summary>
    public Guid? MeasuringIndicatorId { get; private set; }

    public DateOnly Today => LocalizationSetup.Today(clock);

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

        /// <summary>The wegwijzer offer picked for the step; empty for none.</summary>
        public string? OfferSlug { get; set; }

        /// <summary>The version of the step the form showed (edit only).</summary>
        public int? Version { get; set; }

        public static StepInput From(ActionStep step) => new()
        {
            Title = step.Title,
            Owner = step.Owner,
            StartOn = step.StartOn,
            Status = step.Status,
            Note = step.Note,
            FollowUpOn = step.FollowUpOn,
            OfferSlug = step.OfferSlug,
            Version = step.Version,
        };
    }

    [BindProperty]
    public IndicatorInput NewIndicator { get; set; } = new();

    [BindProperty]
    public IndicatorInput EditIndicator { get; set; } = new();

    [BindProperty]
    public MeasurementInput Measurement { get; set; } = new();

    /// <summary>An indicator as typed. Numbers are text, read by <see cref="DecimalText"/> so "33,5" and "33.5" both work in either language.</summary>
    public sealed class IndicatorInput
    {
        [Display(Name = "Indicator.Kind")]
        public IndicatorKind? Kind { get; set; }

        [StorableText]
        [Display(Name = "Indicator.Name")]
        [StringLength(PlanIndicator.NameMaxLength, ErrorMessage = "Validation.MaxLength")]
        public string? Name { get; set; }

        [Display(Name = "Indicator.Unit")]
        public IndicatorUnit? Unit { get; set; }

        [Display(Name = "Indicator.Baseline")]
        public string? Baseline { get; set; }

        [Display(Name = "Indicator.BaselineOn")]
        public DateOnly? BaselineOn { get; set; }

        [Display(Name = "Indicator.Target")]
        public string? Target { get; set; }

        [Display(Name = "Indicator.TargetOn")]
        public DateOnly? TargetOn { get; set; }

        /// <summary>The version of the indicator the form showed (edit and delete).</summary>
        public int? Version { get; set; }

        public static IndicatorInput From(PlanIndicator indicator, CultureInfo culture) => new()
        {
            Kind = indicator.Kind,
            Name = indicator.Name,
            Unit = indicator.Unit,
            Baseline = DecimalText.Format(indicator.Baseline, culture),
            BaselineOn = indicator.BaselineOn,
            Target = DecimalText.Format(indicator.Target, culture),
            TargetOn = indicator.TargetOn,
            Version = indicator.Version,
        };
    }

    /// <summary>One measured value as typed.</summary>
    public sealed class MeasurementInput
    {
        [Display(Name = "Indicator.MeasuredOn")]
        public DateOnly? MeasuredOn { get; set; }

        [Display(Name = "Indicator.Value")]
        public string? Value { get; set; }
    }

    /// <summary>A field of a form written once per step or indicator, where <c>asp-for</c> would give every copy the same id.</summary>
    /// <param name="Id">The input's id, unique on the page.</param>
    /// <param name="Name">The form field's name, such as "EditIndicator.Baseline".</param>
    /// <param name="Label">The visible label.</param>
    /// <param name="Value">The value to show.</param>
    /// <param name="Error">The message beside the field, if any.</param>
    /// <param name="Type">"text", "date" or "textarea".</param>
    /// <param name="Hint">A hint between label and input, if any.</param>
    public sealed record Field(string Id, string Name, string Label, string? Value, string? Error, string Type = "text", string? Hint = null)
    {
        /// <summary>Longest text allowed, as the browser's maxlength.</summary>
        public int? MaxLength { get; init; }

        /// <summary>For numbers typed as text: "decimal" brings up a keyboard with a decimal mark on phones.</summary>
        public string? InputMode { get; init; }

        /// <summary>Latest date the date picker offers (yyyy-MM-dd).</summary>
        public string? Max { get; init; }
    }

    /// <summary>The first message for a field, for the item forms that are written out by hand (one per step or indicator).</summary>
    public string? ErrorOf(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

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
            return Done(l["Plan.AlreadyIn"].Value);
        }

        db.Add(new ActionStep
        {
            OrganisationId = Member.OrganisationId,
            RoundId = round,
            InterventionSlug = slug,
            Title = intervention.Title.For(Language),
        });
        await db.SaveChangesAsync(cancellationToken);
        return Done(l["Plan.Added", intervention.Title.For(Language)].Value);
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

        var offer = await PickOfferAsync(keep: null, cancellationToken);
        if (!ModelState.IsValid)
        {
            CreatingStep = true;
            await LoadAsync(cancellationToken);
            return Page();
        }

        db.Add(Apply(new ActionStep { OrganisationId = Member.OrganisationId, Title = Input.Title!.Trim() }, offer));
        await db.SaveChangesAsync(cancellationToken);
        return Done(l["Plan.Added", Input.Title.Trim()].Value);
    }

    /// <summary>Saves a step's owner, dates, status and note, unless someone else saved it since the form was shown.</summary>
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

        if (Input.Version is null)
        {
            ModelState.AddModelError("", l["Plan.VersionMissing"]);
        }

        var offer = await PickOfferAsync(step.OfferSlug, cancellationToken);

        if (!ModelState.IsValid)
        {
            EditingStepId = stepId;
            await LoadAsync(cancellationToken);
            return Page();
        }

        db.Entry(step).Property(s => s.Version).OriginalValue = Input.Version!.Value;
        step.Version = Input.Version.Value + 1;
        Apply(step, offer);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            StepConflict = await db.Set<ActionStep>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == stepId, cancellationToken);
            if (StepConflict is null)
            {
                return NotFound();
            }

            // The form now carries the current version: saving again is a choice made with both versions in view.
            Input.Version = StepConflict.Version;
            ModelState.Remove($"{nameof(Input)}.{nameof(Input.Version)}");
            ModelState.AddModelError("", l["Plan.Conflict", StepConflict.Title]);
            EditingStepId = stepId;
            await LoadAsync(cancellationToken);
            return Page();
        }

        return Done(l["Plan.Saved", step.Title].Value);
    }

    /// <summary>Adds an indicator: a standard one (development plans, training) or the company's own, with baseline and target.</summary>
    [RequiresOrganisationRole(OrganisationRole.Hr)]
    [AdviserScope(ConsentScope.WorkOnPlan)]
    public async Task<IActionResult> OnPostAddIndicatorAsync(CancellationToken cancellationToken)
    {
        var values = ReadIndicator(NewIndicator, nameof(NewIndicator), existing: null, firstMeasurement: null);
        if (values is not null && values.Kind != IndicatorKind.Custom
            && await db.PlanIndicators.AnyAsync(i => i.Kind == values.Kind, cancellationToken))
        {
            ModelState.AddModelError($"{nameof(NewIndicator)}.{nameof(IndicatorInput.Kind)}", l["Indicator.AlreadyIn"]);
        }

        if (values is null || !ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var indicator = values.ApplyTo(new PlanIndicator { OrganisationId = Member.OrganisationId, Kind = values.Kind, Unit = values.Unit });
        db.Add(indicator);
        await db.SaveChangesAsync(cancellationToken);
        return Done(l["Indicator.Added", IndicatorView.NameOf(indicator, l)].Value);
    }

    /// <summary>Saves an indicator's name, baseline and target, unless someone else saved it since the form was shown.
    /// Kind and unit stay as they are: the measurements were taken in them.</summary>
    [RequiresOrganisationRole(OrganisationRole.Hr)]
    [AdviserScope(ConsentScope.WorkOnPlan)]
    public async Task<IActionResult> OnPostUpdateIndicatorAsync(Guid indicatorId, CancellationToken cancellationToken)
    {
        var indicator = await db.PlanIndicators.SingleOrDefaultAsync(i => i.Id == indicatorId, cancellationToken);
        if (indicator is null)
        {
            return NotFound();
        }

        var firstMeasurement = await db.IndicatorMeasurements.Where(m => m.IndicatorId == indicatorId)
            .OrderBy(m => m.MeasuredOn).Select(m => (DateOnly?)m.MeasuredOn).FirstOrDefaultAsync(cancellationToken);
        var values = ReadIndicator(EditIndicator, nameof(EditIndicator), indicator, firstMeasurement);
        if (EditIndicator.Version is null)
        {
            ModelState.AddModelError("", l["Plan.VersionMissing"]);
        }

        if (values is null || !ModelState.IsValid)
        {
            EditingIndicatorId = indicatorId;
            await LoadAsync(cancellationToken);
            return Page();
        }

        db.Entry(indicator).Property(i => i.Version).OriginalValue = EditIndicator.Version!.Value;
        indicator.Version = EditIndicator.Version.Value + 1;
        values.ApplyTo(indicator);
        if (await SaveOrConflictAsync(indicatorId, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return Done(l["Indicator.Saved", IndicatorView.NameOf(indicator, l)].Value);
    }

    /// <summary>Deletes an indicator with its measurements, unless someone else changed it since the form was shown.</summary>
    [RequiresOrganisationRole(OrganisationRole.Hr)]
    [AdviserScope(ConsentScope.WorkOnPlan)]
    public async Task<IActionResult> OnPostDeleteIndicatorAsync(Guid indicatorId, CancellationToken cancellationToken)
    {
        var indicator = await db.PlanIndicators.SingleOrDefaultAsync(i => i.Id == indicatorId, cancellationToken);
        if (indicator is null)
        {
            return NotFound();
        }

        if (EditIndicator.Version is not { } shown)
        {
            ModelState.AddModelError("", l["Plan.VersionMissing"]);
            await LoadAsync(cancellationToken);
            return Page();
        }

        db.Entry(indicator).Property(i => i.Version).OriginalValue = shown;
        db.RemoveRange(await db.IndicatorMeasurements.Where(m => m.IndicatorId == indicatorId).ToListAsync(cancellationToken));
        db.Remove(indicator);
        EditIndicator = IndicatorInput.From(indicator, CultureInfo.CurrentCulture);
        if (await SaveOrConflictAsync(indicatorId, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return Done(l["Indicator.Deleted", IndicatorView.NameOf(indicator, l)].Value);
    }

    /// <summary>Adds a measured value (date and value) to an indicator.</summary>
    [RequiresOrganisationRole(OrganisationRole.Hr)]
    [AdviserScope(ConsentScope.WorkOnPlan)]
    public async Task<IActionResult> OnPostAddMeasurementAsync(Guid indicatorId, CancellationToken cancellationToken)
    {
        var indicator = await db.PlanIndicators.AsNoTracking().SingleOrDefaultAsync(i => i.Id == indicatorId, cancellationToken);
        if (indicator is null)
        {
            return NotFound();
        }

        var prefix = nameof(Measurement) + ".";
        var value = NumberField.Read(ModelState, prefix + nameof(MeasurementInput.Value), Measurement.Value, IndicatorView.Rule(indicator.Unit), l["Indicator.Value"], l);
        if (DateField.Check(ModelState, prefix + nameof(MeasurementInput.MeasuredOn), Measurement.MeasuredOn, required: true, Today, latest: null, l["Indicator.MeasuredOn"], l))
        {
            var on = Measurement.MeasuredOn!.Value;
            if (indicator.BaselineOn is { } baselineOn && on < baselineOn)
            {
                ModelState.AddModelError(prefix + nameof(MeasurementInput.MeasuredOn), l["Indicator.MeasuredBeforeBaseline", baselineOn.ToString("d", CultureInfo.CurrentCulture)]);
            }
            else if (await db.IndicatorMeasurements.AnyAsync(m => m.IndicatorId == indicatorId && m.MeasuredOn == on, cancellationToken))
            {
                ModelState.AddModelError(prefix + nameof(MeasurementInput.MeasuredOn), l["Indicator.MeasuredTwice", on.ToString("d", CultureInfo.CurrentCulture)]);
            }
        }

        if (value is null || !ModelState.IsValid)
        {
            MeasuringIndicatorId = indicatorId;
            await LoadAsync(cancellationToken);
            return Page();
        }

        db.Add(new IndicatorMeasurement { OrganisationId = Member.OrganisationId, IndicatorId = indicatorId, MeasuredOn = Measurement.MeasuredOn!.Value, Value = value.Value });
        await db.SaveChangesAsync(cancellationToken);
        return Done(l["Indicator.Measured", IndicatorView.NameOf(indicator, l)].Value);
    }

    /// <summary>Deletes one measured value, for a measurement entered by mistake.</summary>
    [RequiresOrganisationRole(OrganisationRole.Hr)]
    [AdviserScope(ConsentScope.WorkOnPlan)]
    public async Task<IActionResult> OnPostDeleteMeasurementAsync(Guid measurementId, CancellationToken cancellationToken)
    {
        var measurement = await db.IndicatorMeasurements.SingleOrDefaultAsync(m => m.Id == measurementId, cancellationToken);
        if (measurement is null)
        {
            return NotFound();
        }

        db.Remove(measurement);
        await db.SaveChangesAsync(cancellationToken);
        return Done(l["Indicator.MeasurementDeleted", measurement.MeasuredOn.ToString("d", CultureInfo.CurrentCulture)].Value);
    }

    /// <summary>Back to the plan with a status line, after a change was stored (post-redirect-get).</summary>
    private RedirectToPageResult Done(string status)
    {
        TempData["Status"] = status;
        return RedirectToPage(new { orgId = Member.OrganisationId });
    }

    /// <summary>Saves; when the indicator changed meanwhile, returns the page with its current values beside the
    /// person's input (kept in <see cref="EditIndicator"/>), or 404 when it is gone.</summary>
    private async Task<IActionResult?> SaveOrConflictAsync(Guid indicatorId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.PlanIndicators.AsNoTracking().SingleOrDefaultAsync(i => i.Id == indicatorId, cancellationToken);
            if (current is null)
            {
                return NotFound();
            }

            var measurements = await db.IndicatorMeasurements.AsNoTracking().Where(m => m.IndicatorId == indicatorId).ToListAsync(cancellationToken);
            IndicatorConflict = IndicatorView.Create(current, measurements, l, CultureInfo.CurrentCulture);
            EditIndicator.Version = current.Version;
            ModelState.Remove($"{nameof(EditIndicator)}.{nameof(IndicatorInput.Version)}");
            ModelState.AddModelError("", l["Indicator.Conflict", IndicatorConflict.Name]);
            EditingIndicatorId = indicatorId;
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    /// <summary>What an indicator form says once read: kind, name, unit, baseline and target.</summary>
    private sealed record IndicatorValues(IndicatorKind Kind, string? Name, IndicatorUnit Unit, decimal Baseline, DateOnly BaselineOn, decimal Target, DateOnly TargetOn)
    {
        public PlanIndicator ApplyTo(PlanIndicator indicator)
        {
            indicator.Name = Name;
            indicator.Baseline = Baseline;
            indicator.BaselineOn = BaselineOn;
            indicator.Target = Target;
            indicator.TargetOn = TargetOn;
            return indicator;
        }
    }

    /// <summary>
    /// Reads an indicator form and puts a message beside every field that is wrong: kind (and for a custom indicator its
    /// name and unit), baseline and target within the unit's range, a baseline date not in the future, a target date
    /// after it and at most <see cref="IndicatorView.TargetYearsAhead"/> years ahead, and when editing a baseline date not
    /// after the first measurement. Returns null when anything is wrong.
    /// </summary>
    private IndicatorValues? ReadIndicator(IndicatorInput input, string prefix, PlanIndicator? existing, DateOnly? firstMeasurement)
    {
        string Key(string field) => $"{prefix}.{field}";
        var kind = existing?.Kind ?? input.Kind;
        if (kind is null || !Enum.IsDefined(kind.Value))
        {
            ModelState.AddModelError(Key(nameof(IndicatorInput.Kind)), l["Validation.Choose", l["Indicator.Kind"]]);
        }

        var custom = kind == IndicatorKind.Custom;
        var unit = existing?.Unit ?? (custom ? input.Unit : IndicatorUnit.Percent);
        if (custom && (unit is null || !Enum.IsDefined(unit.Value)))
        {
            ModelState.AddModelError(Key(nameof(IndicatorInput.Unit)), l["Validation.Choose", l["Indicator.Unit"]]);
        }

        var name = custom ? input.Name?.Trim() : null;
        if (custom && string.IsNullOrEmpty(name))
        {
            ModelState.AddModelError(Key(nameof(IndicatorInput.Name)), l["Validation.Required", l["Indicator.Name"]]);
        }

        var rule = IndicatorView.Rule(unit is { } u && Enum.IsDefined(u) ? u : IndicatorUnit.Percent);
        var baseline = NumberField.Read(ModelState, Key(nameof(IndicatorInput.Baseline)), input.Baseline, rule, l["Indicator.Baseline"], l);
        var target = NumberField.Read(ModelState, Key(nameof(IndicatorInput.Target)), input.Target, rule, l["Indicator.Target"], l);
        var baselineOk = DateField.Check(ModelState, Key(nameof(IndicatorInput.BaselineOn)), input.BaselineOn, required: true, Today, latest: null, l["Indicator.BaselineOn"], l);
        var targetOk = DateField.Check(ModelState, Key(nameof(IndicatorInput.TargetOn)), input.TargetOn, required: true, Today, Today.AddYears(IndicatorView.TargetYearsAhead), l["Indicator.TargetOn"], l);
        if (baselineOk && targetOk && input.TargetOn <= input.BaselineOn)
        {
            ModelState.AddModelError(Key(nameof(IndicatorInput.TargetOn)), l["Indicator.TargetBeforeBaseline"]);
        }

        if (baselineOk && firstMeasurement is { } first && input.BaselineOn > first)
        {
            ModelState.AddModelError(Key(nameof(IndicatorInput.BaselineOn)), l["Indicator.BaselineAfterMeasurement", first.ToString("d", CultureInfo.CurrentCulture)]);
        }

        return ModelState.IsValid && kind is { } k && unit is { } un && baseline is { } b && target is { } t
            ? new IndicatorValues(k, name, un, b, input.BaselineOn!.Value, t, input.TargetOn!.Value)
            : null;
    }

    private ActionStep Apply(ActionStep step, Offer? offer)
    {
        step.OfferSlug = offer?.Slug;
        step.Owner = string.IsNullOrWhiteSpace(Input.Owner) ? null : Input.Owner.Trim();
        step.StartOn = Input.StartOn;
        step.Status = Input.Status;
        step.Note = string.IsNullOrWhiteSpace(Input.Note) ? null : Input.Note.Trim();
        step.FollowUpOn = Input.FollowUpOn;
        return step;
    }

    /// <summary>Reads the picked offer: one of the choices, or the step's own (<paramref name="keep"/>) even if it no longer fits.</summary>
    private async Task<Offer?> PickOfferAsync(string? keep, CancellationToken cancellationToken)
    {
        var (offer, error) = OfferAdvice.Pick(Input.OfferSlug, await ChoicesAsync([keep], cancellationToken));
        if (error is not null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.OfferSlug)}", l[error]);
        }

        return offer;
    }

    private async Task<IReadOnlyList<OfferVerdict>> ChoicesAsync(IEnumerable<string?> keep, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == Member.OrganisationId, cancellationToken);
        return await advice.ChoicesAsync(OfferAdvice.ProfileOf(organisation), keep, Today, Language, cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Steps = await db.Set<ActionStep>().AsNoTracking()
            .OrderBy(s => s.Status == ActionStatus.Done || s.Status == ActionStatus.Dropped)
            .ThenBy(s => s.StartOn)
            .ThenBy(s => s.CreatedAtUtc)
            .ToListAsync(cancellationToken);
        OfferChoices = await ChoicesAsync(Steps.Select(s => s.OfferSlug), cancellationToken);
        var communityIds = Steps.Where(s => s.CommunityId != null).Select(s => s.CommunityId!.Value).Distinct().ToList();
        CommunityNames = await db.Communities.AsNoTracking().Where(c => communityIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var indicators = await db.PlanIndicators.AsNoTracking().OrderBy(i => i.CreatedAtUtc).ToListAsync(cancellationToken);
        var measurements = (await db.IndicatorMeasurements.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(m => m.IndicatorId);
        Indicators = indicators.Select(i => IndicatorView.Create(i, measurements[i.Id], l, CultureInfo.CurrentCulture)).ToList();
    }
}
