using Leerrijk.Web.Features.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Answering;

/// <summary>Continues a started response on another device, or after cookies were cleared, with the code shown at the start.</summary>
public sealed class ResumeModel(Survey survey, IStringLocalizer<SharedResource> l) : PageModel
{
    public SurveyRound Round { get; private set; } = null!;

    [BindProperty]
    public string? ResumeCode { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken) =>
        await LoadAsync(code, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } problem)
        {
            return problem;
        }

        var draft = string.IsNullOrWhiteSpace(ResumeCode) || ResumeCode.Length > 20
            ? null
            : await survey.DraftByResumeCodeAsync(Round, ResumeCode, cancellationToken);
        if (draft is null)
        {
            ModelState.AddModelError(nameof(ResumeCode), l["Answering.ResumeUnknown"]);
            return Page();
        }

        survey.Remember(HttpContext, Round, draft);
        return Redirect($"/s/{Round.Round.Code}/1");
    }

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var found = await survey.FindAsync(code, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        Round = found;
        AnsweringLanguage.Of(found);
        return found.Status == RoundStatus.Open ? null : Redirect($"/s/{found.Round.Code}");
    }
}
