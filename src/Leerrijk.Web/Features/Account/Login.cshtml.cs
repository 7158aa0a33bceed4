using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Infrastructure.Forms;
using Leerrijk.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Account;

/// <summary>
/// Logs a person in; with two-step log-in on, the code follows on LoginWith2fa. After five wrong passwords or codes
/// the account is locked for 15 minutes.
/// </summary>
/// <remarks>
/// A wrong password, an unknown address and a locked account get the same answer (ASVS: no account
/// enumeration); the answer names the lockout so a locked-out person knows to wait or reset.
/// </remarks>
[EnableRateLimiting(RateLimiting.AccountPolicy)]
public sealed class LoginModel(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool NeedsConfirmation { get; private set; }

    /// <summary>True when the previous log-in ended by itself (idle or too long); the page says so.</summary>
    [BindProperty(SupportsGet = true, Name = SessionLifetime.EndedFlag)]
    public bool SessionEnded { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email!.Trim();
        var result = await signIn.PasswordSignInAsync(email, Input.Password!, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/organisations");
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl, Input.RememberMe });
        }

        if (result.IsNotAllowed)
        {
            // Identity refuses unconfirmed accounts before it checks the password; only say "confirm first"
            // to someone who proved they know the password, so this answer does not reveal accounts either.
            var user = await users.FindByEmailAsync(email);
            if (user is not null && !await users.IsLockedOutAsync(user) && await users.CheckPasswordAsync(user, Input.Password!))
            {
                NeedsConfirmation = true;
                return Page();
            }
        }

        ModelState.AddModelError(string.Empty, l["Login.Failed", AccountSetup.MaxFailedAttempts, (int)AccountSetup.LockoutDuration.TotalMinutes]);
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [StorableText]
        [StringLength(256, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Field.Email")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(PasswordPolicyValidator.MaxLength * 4, ErrorMessage = "Validation.MaxLength")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.Password")]
        public string? Password { get; set; }

        [Display(Name = "Field.RememberMe")]
        public bool RememberMe { get; set; }
    }
}
