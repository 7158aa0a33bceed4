using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Responses;
using Leerrijk.Web.Features.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Answering;

/// <summary>Where the link and the QR code lead: what the round is, what is stored, and a few background questions.</summary>
public sealed class StartModel(Survey survey, LeerrijkDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public SurveyRound Round { get; private set; } = null!;

    public string Language { get; private set; } = "nl";

    public ResponseDraft? Draft { get; private set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Department { get; set; }

    [BindProperty]
    public string? YearsEmployed { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var problem = await LoadAsync(code, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        // Codes are typed from posters in any case; the device's draft cookie belongs to the canonical address.
        if (code != Round.Round.Code)
        {
            return Redirect($"/s/{Round.Round.Code}{Request.QueryString}");
        }

        Draft = await survey.DraftAsync(HttpContext, Round, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        var problem = await LoadAsync(code, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (Round.Status != RoundStatus.Open)
        {
            // Not open yet: the page says from when; nothing is stored.
            return Page();
        }

        var round = Round.Round;
        if (!ResponseRules.TryRole(round, Role, out var role))
        {
            ModelState.AddModelError(nameof(Role), l["Answering.ChooseRole"]);
        }

        if (!ResponseRules.TryDepartment(round, Department, out var department))
        {
            ModelState.AddModelError(nameof(Department), l["Validation.NotInList"]);
        }

        if (!ResponseRules.TryYears(Round.Instrument, YearsEmployed, out var years))
        {
            ModelState.AddModelError(nameof(YearsEmployed), l["Validation.NotInList"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var resumeCode = ResponseDraft.NewResumeCode();
        var draft = new ResponseDraft
        {
            Id = Guid.NewGuid(),
            OrganisationId = round.OrganisationId,
            RoundId = round.Id,
            ResumeCodeHash = ResponseDraft.HashResumeCode(round.Id, resumeCode),
            Language = Language,
            Role = role,
            Department = department,
            YearsEmployed = years,
            UpdatedOn = survey.Today,
        };
        db.Add(draft);
        await db.SaveChangesAsync(cancellationToken);
        survey.Remember(HttpContext, Round, draft);
        TempData["ResumeCode"] = resumeCode;
        return Redirect($"/s/{round.Code}/1");
    }

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var found = await survey.FindAsync(code, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        Round = found;
        Language = AnsweringLanguage.Of(found);
        if (found.Status == RoundStatus.Closed)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }

        return null;
    }
}
