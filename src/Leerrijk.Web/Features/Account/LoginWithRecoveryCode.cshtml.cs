using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Account;

/// <summary>
/// The second step of logging in with one of the recovery codes instead of the app; each code works once. Wrong codes
/// count towards the same lockout as wrong passwords, and a locked account is not tried at all.
/// </summary>
[EnableRateLimiting(RateLimiting.AccountPolicy)]
public sealed class LoginWithRecoveryCodeModel(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/Login", new { ReturnUrl });
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await users.IsLockedOutAsync(user))
        {
            ModelState.AddModelError("Input.Code", l["TwoFactor.LockedOut", (int)AccountSetup.LockoutDuration.TotalMinutes]);
            return Page();
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(TwoFactorSetup.RecoveryCode(Input.Code));
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/organisations");
        }

        // Identity does not count wrong recovery codes; guessing them must cost the same as guessing passwords.
        await users.AccessFailedAsync(user);
        ModelState.AddModelError("Input.Code", await users.IsLockedOutAsync(user)
            ? l["TwoFactor.LockedOut", (int)AccountSetup.LockoutDuration.TotalMinutes]
            : l["LoginWithRecoveryCode.Wrong"]);
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(40, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Field.RecoveryCode")]
        public string? Code { get; set; }
    }
}
