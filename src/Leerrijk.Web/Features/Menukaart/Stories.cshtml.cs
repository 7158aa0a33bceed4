using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Menukaart;

/// <summary>/verhalen: what companies like yours did, what it cost and what it brought.</summary>
public sealed class StoriesModel(Menukaart menukaart) : PageModel
{
    public IReadOnlyList<Story> Stories { get; private set; } = [];

    public string Language { get; private set; } = "nl";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Stories = await menukaart.StoriesAsync(cancellationToken);
    }
}
