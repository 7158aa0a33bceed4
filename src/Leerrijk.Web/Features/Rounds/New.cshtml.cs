using System.ComponentModel.DataAnnotations;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Scoring.Languages;
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
    LeerrijkDbContext db, InstrumentCatalog catalog, TimeProvider clock, IOptions<AnonymityOptions> anonymity, IStringLocalizer<SharedResource> l,
    LanguageRegistry languages)
    : OrganisationPageModel
{
    /// <summary>Every registered respondent language, a checkbox each (content/languages.yaml).</summary>
    public IReadOnlyList<RespondentLanguage> Languages => languages.All;

    public string NameOf(string code) => RoundLanguages.NameOf(code, l, languages);

    [BindProperty(SupportsGet = true, Name = "instrument")]
    public string? InstrumentId { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Instrument? Instrument { get; private set; }

    public IReadOnlyList<Instrument> Instruments => catalog.All.Where(i => !i.IsModule).ToList();

    public IReadOnlyList<Instrument> Modules => catalog.All.Where(i => i.IsModule).ToList();

    /// <summary>The staff body the company's size calls for: the form reminds the owner to ask it first (null below 10 staff).</summary>
    public ConsultedBody? ExpectedBody { get; private set; }

    private async Task LoadExpectedBodyAsync(CancellationToken cancellationToken) =>
        ExpectedBody = WorksCouncilRules.ExpectedBody(
            await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == Member.OrganisationId, cancellationToken));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadExpectedBodyAsync(cancellationToken);
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
            await LoadExpectedBodyAsync(cancellationToken);
            return Page();
        }

        var module = string.IsNullOrEmpty(Input.ModuleId) ? null : catalog.Find(Input.ModuleId);
        Validate(Instrument, module, LocalizationSetup.Today(clock));
        if (!ModelState.IsValid)
        {
            await LoadExpectedBodyAsync(cancellationToken);
            return Page();
        }

        var round = RoundRules.Build(
            Member.OrganisationId,
            Member.UserId,
            instrument: Instrument,
            module,
            new RoundPlan(Input.Title!, Input.OpensOn!.Value, Input.ClosesOn!.Value, Input.Roles, Departments(), Input.Languages, Input.AnonymityThreshold!.Value, Input.ExpectedRespondents));
        await RoundRules.AddAsync(db, round, LocalizationSetup.Today(clock), clock.GetUtcNow().UtcDateTime, cancellationToken);
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
        foreach (var (field, message) in RoundRules.Check(instrument, Input.ModuleId, module, Input.OpensOn, Input.ClosesOn, Input.Roles, Departments(), Input.Languages, Input.AnonymityThreshold, today, languages, l))
        {
            ModelState.AddModelError($"Input.{field}", message);
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
