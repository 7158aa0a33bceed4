using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Account;

/// <summary>Sets a new password from the link in the reset mail; an old or used link says so and offers a new one.</summary>
[EnableRateLimiting(RateLimiting.AccountPolicy)]
public sealed class ResetPasswordModel(UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool LinkInvalid { get; private set; }

    public void OnGet(string? email, string? code)
    {
        Input.Email = email;
        Input.Code = code;
        LinkInvalid = string.IsNullOrEmpty(email) || TokenEncoding.Decode(code) is null;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var token = TokenEncoding.Decode(Input.Code);
        if (token is null || string.IsNullOrEmpty(Input.Email))
        {
            LinkInvalid = true;
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email);
        if (user is null)
        {
            LinkInvalid = true;
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, token, Input.Password!);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                LinkInvalid = true;
                return Page();
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }

            return Page();
        }

        // Whoever can read the mailbox may log in again at once: a reset also lifts a lockout.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        TempData["Status"] = l["Reset.Done"].Value;
        return RedirectToPage("/Account/Login");
    }

    public sealed class InputModel
    {
        public string? Email { get; set; }

        public string? Code { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.NewPassword")]
        public string? Password { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "Validation.PasswordsDiffer")]
        [Display(Name = "Field.ConfirmPassword")]
        public string? ConfirmPassword { get; set; }
    }
}
