using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Home;

/// <summary>The landing page: what Leerrijk does for an owner, in business language.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
