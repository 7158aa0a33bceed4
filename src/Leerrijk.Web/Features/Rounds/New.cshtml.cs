using System.ComponentModel.DataAnnotations;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Anonymity;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Infrastructure.Forms;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Leerrijk.Web.Features.Rounds;

/// <summary>
/// An owner or HR member opens a round in two steps without JavaScript: first the instrument, then the form whose
/// role choices follow from it.
/// </summary>
[RequiresOrganisationRole(OrganisationRole.Hr)]
[AdviserScope(ConsentScope.ManageRounds)]
public sealed class NewModel(
    LeerrijkDbContext db, InstrumentCatalog catalog, TimeProvider clock, IOptions<AnonymityOptions> anonymity, IStringLocalizer<SharedResource> l)
    : OrganisationPageModel
{
    [BindProperty(SupportsGet = true, Name = "instrument")]
    public string? InstrumentId { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Instrument? Instrument { get; private set; }

    public IReadOnlyList<Instrument> Instruments => catalog.All.Where(i => !i.IsModule).ToList();

    public IReadOnlyList<Instrument> Modules => catalog.All.Where(i => i.IsModule).ToList();

    public IActionResult OnGet()
    {
        Instrument = InstrumentId is null ? null : catalog.Find(InstrumentId);
        if (Instrument is { IsModule: false })
        {
            var today = LocalizationSetup.Today(clock);
            Input = new InputModel
            {
                Title = Instrument.Title.For("nl"),
                OpensOn = today,
                ClosesOn = today.AddDays(14),
                Roles = [.. Instrument.Roles.Select(r => r.ToString())],
                Languages = ["nl", "en"],
                AnonymityThreshold = anonymity.Value.DefaultThreshold,
            };
        }
        else
        {
            Instrument = null;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Instrument = InstrumentId is null ? null : catalog.Find(InstrumentId);
        if (Instrument is null || Instrument.IsModule)
        {
            ModelState.AddModelError(string.Empty, l["Rounds.ChooseInstrument"]);
            return Page();
        }

        var module = string.IsNullOrEmpty(Input.ModuleId) ? null : catalog.Find(Input.ModuleId);
        Validate(Instrument, module, LocalizationSetup.Today(clock));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var round = new Round
        {
            OrganisationId = Member.OrganisationId,
            Title = Input.Title!.Trim(),
            InstrumentId = Instrument.Id,
            InstrumentVersion = Instrument.Version,
            InstrumentFingerprint = InstrumentFingerprint.Of(Instrument),
            ModuleId = module?.Id,
            ModuleVersion = module?.Version,
            ModuleFingerprint = module is null ? null : InstrumentFingerprint.Of(module),
            OpensOn = Input.OpensOn!.Value,
            ClosesOn = Input.ClosesOn!.Value,
            Roles = [.. Input.Roles.Distinct(StringComparer.Ordinal)],
            Departments = Departments(),
            Languages = [.. Input.Languages.Distinct(StringComparer.Ordinal)],
            AnonymityThreshold = Input.AnonymityThreshold!.Value,
            ExpectedRespondents = Input.ExpectedRespondents,
            CreatedByUserId = Member.UserId,
        };

        // Codes are random; on the rare clash with an existing code, draw again.
        do
        {
            round.Code = Round.NewCode();
        }
        while (await db.Rounds.IgnoreQueryFilters().AnyAsync(r => r.Code == round.Code, cancellationToken));

        db.Rounds.Add(round);
        if (round.StatusOn(LocalizationSetup.Today(clock)) == RoundStatus.Open)
        {
            // A round that opens later is announced by the webhook worker on its first day.
            Webhooks.WebhookOutbox.RoundOpened(db, round, clock.GetUtcNow().UtcDateTime);
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Rounds.Created"].Value;
        return RedirectToPage("/Rounds/Details", new { orgId = Member.OrganisationId, roundId = round.Id });
    }

    private List<string> Departments() =>
        (Input.Departments ?? "")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    private void Validate(Instrument instrument, Instrument? module, DateOnly today)
    {
        if (!string.IsNullOrEmpty(Input.ModuleId) && module is not { IsModule: true })
        {
            ModelState.AddModelError("Input.ModuleId", l["Validation.NotInList"]);
        }

        if (Input.OpensOn is { } opens && opens < today)
        {
            ModelState.AddModelError("Input.OpensOn", l["Rounds.OpensInPast"]);
        }

        if (Input.OpensOn is { } from && Input.ClosesOn is { } to && to < from)
        {
            ModelState.AddModelError("Input.ClosesOn", l["Rounds.ClosesBeforeOpens"]);
        }

        var roles = instrument.Roles.Select(r => r.ToString()).ToHashSet(StringComparer.Ordinal);
        if (Input.Roles.Count == 0)
        {
            ModelState.AddModelError("Input.Roles", l["Rounds.ChooseRole"]);
        }
        else if (Input.Roles.Any(r => !roles.Contains(r)))
        {
            ModelState.AddModelError("Input.Roles", l["Validation.NotInList"]);
        }

        if (Input.Languages.Count == 0 || Input.Languages.Any(x => x is not ("nl" or "en")))
        {
            ModelState.AddModelError("Input.Languages", l["Rounds.ChooseLanguage"]);
        }

        if (Input.AnonymityThreshold is { } k && k < AnonymityOptions.LowestThreshold)
        {
            ModelState.AddModelError("Input.AnonymityThreshold", l["Rounds.ThresholdTooLow", AnonymityOptions.LowestThreshold]);
        }

        var departments = Departments();
        if (departments.Count > Round.MaxDepartments)
        {
            ModelState.AddModelError("Input.Departments", l["Rounds.TooManyDepartments", Round.MaxDepartments]);
        }
        else if (departments.Any(d => d.Length > Round.DepartmentMaxLength))
        {
            ModelState.AddModelError("Input.Departments", l["Rounds.DepartmentTooLong", Round.DepartmentMaxLength]);
        }
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(Round.TitleMaxLength, ErrorMessage = "Validation.MaxLength")]
        [StorableText]
        [Display(Name = "Field.RoundTitle")]
        public string? Title { get; set; }

        [Display(Name = "Field.Module")]
        public string? ModuleId { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.OpensOn")]
        public DateOnly? OpensOn { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.ClosesOn")]
        public DateOnly? ClosesOn { get; set; }

        [Display(Name = "Field.Roles")]
        public List<string> Roles { get; set; } = [];

        [StorableText(AllowLineBreaks = true)]
        [Display(Name = "Field.Departments")]
        [StringLength(4000, ErrorMessage = "Validation.MaxLength")]
        public string? Departments { get; set; }

        [Display(Name = "Field.Languages")]
        public List<string> Languages { get; set; } = [];

        [Range(1, 100_000, ErrorMessage = "Validation.Range")]
        [Display(Name = "Field.ExpectedRespondents")]
        public int? ExpectedRespondents { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Range(1, 50, ErrorMessage = "Validation.Range")]
        [Display(Name = "Field.Threshold")]
        public int? AnonymityThreshold { get; set; }
    }
}
