using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Account;

/// <summary>Tells the person to look in their mailbox, without saying whether an account exists.</summary>
public sealed class CheckEmailModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    public void OnGet()
    {
    }
}
