using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Menukaart;

/// <summary>/menukaart/{slug}: one first step with its steps, effort and the stories of companies that took it.</summary>
public sealed class DetailModel(Menukaart menukaart) : PageModel
{
    public Intervention? Intervention { get; private set; }

    public IReadOnlyList<Story> Stories { get; private set; } = [];

    public string Language { get; private set; } = "nl";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Intervention = (await menukaart.InterventionsAsync(cancellationToken)).FirstOrDefault(i => i.Slug == slug);
        if (Intervention is null)
        {
            // Not the generic 404: a search box, since the slug was probably typed or an old link.
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Stories = (await menukaart.StoriesAsync(cancellationToken)).Where(s => s.Interventions.Contains(slug)).ToList();
        return Page();
    }
}
