using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Menukaart;

/// <summary>/verhalen/{slug}: one company's story and the first steps it took.</summary>
public sealed class StoryModel(Menukaart menukaart) : PageModel
{
    public Story? Story { get; private set; }

    public IReadOnlyList<Intervention> Used { get; private set; } = [];

    public string Language { get; private set; } = "nl";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Story = (await menukaart.StoriesAsync(cancellationToken)).FirstOrDefault(s => s.Slug == slug);
        if (Story is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Used = (await menukaart.InterventionsAsync(cancellationToken)).Where(i => Story.Interventions.Contains(i.Slug)).ToList();
        return Page();
    }
}
