using Leerrijk.Scoring.Instruments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Instruments;

/// <summary>Shows an instrument as a respondent sees it, in the chosen language and for the chosen role. Nothing is saved.</summary>
public sealed class PreviewModel(InstrumentCatalog catalog) : PageModel
{
    public Instrument Instrument { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "rol")]
    public RespondentRole? Role { get; set; }

    /// <summary>The role asked for, else the employee (most respondents are), else the instrument's first role.</summary>
    public RespondentRole ShownRole =>
        Role is { } r && Instrument.Roles.Contains(r) ? r
        : Instrument.Roles.Contains(RespondentRole.Employee) ? RespondentRole.Employee
        : Instrument.Roles[0];

    public IActionResult OnGet(string id)
    {
        var instrument = catalog.Find(id);
        if (instrument is null)
        {
            return NotFound();
        }

        Instrument = instrument;
        return Page();
    }
}
