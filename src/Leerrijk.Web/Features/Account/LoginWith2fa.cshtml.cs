using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Account;

/// <summary>
/// The second step of logging in: the 6-digit code from the app. Wrong codes count towards the same lockout as wrong
/// passwords. "Remember this device" is not offered to accounts that must use two-step log-in.
/// </summary>
[EnableRateLimiting(RateLimiting.AccountPolicy)]
public sealed class LoginWith2faModel(SignInManager<ApplicationUser> signIn, TwoFactorRequirement requirement, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The "stay logged in" choice from the password step.</summary>
    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public bool MayRememberDevice { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await LoadAsync() is null ? RedirectToPage("/Account/Login", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is null)
        {
            return RedirectToPage("/Account/Login", new { ReturnUrl });
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = TwoFactorSetup.AppCode(Input.Code);
        if (code is null)
        {
            ModelState.AddModelError("Input.Code", l["TwoFactor.CodeFormat"]);
            return Page();
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, rememberClient: MayRememberDevice && Input.RememberDevice);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/organisations");
        }

        ModelState.AddModelError("Input.Code", result.IsLockedOut
            ? l["TwoFactor.LockedOut", (int)AccountSetup.LockoutDuration.TotalMinutes]
            : l["TwoFactor.CodeWrong"]);
        return Page();
    }

    /// <summary>The account that passed the password step in this browser (Identity's short-lived cookie); null when there is none.</summary>
    private async Task<ApplicationUser?> LoadAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is not null)
        {
            MayRememberDevice = (await requirement.StateAsync(user.Id, HttpContext.RequestAborted))?.Required == false;
        }

        return user;
    }

    public sealed class InputModel : AppCodeInput
    {
        [Display(Name = "Field.RememberDevice")]
        public bool RememberDevice { get; set; }
    }
}
