using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Account;

/// <summary>Confirms an e-mail address from the link in the welcome mail.</summary>
/// <remarks>The link opens a page with a button: mail scanners that follow links must not confirm for the person.</remarks>
public sealed class ConfirmEmailModel(UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool LinkInvalid { get; private set; }

    public void OnGet()
    {
        LinkInvalid = UserId == Guid.Empty || TokenEncoding.Decode(Code) is null;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var token = TokenEncoding.Decode(Code);
        var user = UserId == Guid.Empty ? null : await users.FindByIdAsync(UserId.ToString());
        if (user is null || token is null)
        {
            LinkInvalid = true;
            return Page();
        }

        if (!user.EmailConfirmed)
        {
            var result = await users.ConfirmEmailAsync(user, token);
            if (!result.Succeeded)
            {
                LinkInvalid = true;
                return Page();
            }
        }

        TempData["Status"] = l["ConfirmEmail.Done"].Value;
        return RedirectToPage("/Account/Login", new { returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
    }
}
