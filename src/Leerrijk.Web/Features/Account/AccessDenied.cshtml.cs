using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Account;

/// <summary>Shown when a signed-in person asks for something their role does not allow.</summary>
public sealed class AccessDeniedModel : PageModel
{
    public void OnGet()
    {
        // The cookie middleware redirects here; the status says what happened to clients that read it.
        Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden;
    }
}
