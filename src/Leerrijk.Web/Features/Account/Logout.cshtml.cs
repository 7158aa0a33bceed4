using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Account;

/// <summary>Logs out; only by POST, so a link or an image cannot log someone out.</summary>
public sealed class LogoutModel(SignInManager<ApplicationUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        TempData["Status"] = l["Logout.Done"].Value;
        return LocalRedirect("/");
    }
}
