using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Infrastructure;
using Leerrijk.Web.Infrastructure.Forms;
using Leerrijk.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Leerrijk.Web.Features.Account;

/// <summary>Creates an account and sends the link that confirms the e-mail address.</summary>
[EnableRateLimiting(RateLimiting.AccountPolicy)]
public sealed class RegisterModel(UserManager<ApplicationUser> users, AccountMails mails, PublicLinks links) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email!.Trim();
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = Input.Name!.Trim() };
        var result = await users.CreateAsync(user, Input.Password!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email";
                ModelState.AddModelError(field, error.Description);
            }

            return Page();
        }

        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = links.Page(HttpContext, "/Account/ConfirmEmail", new { userId = user.Id, code = TokenEncoding.Encode(token), returnUrl = SafeReturnUrl() });
        await mails.SendConfirmationAsync(email, link, cancellationToken);
        return RedirectToPage("/Account/CheckEmail", new { kind = "register" });
    }

    private string? SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(100, ErrorMessage = "Validation.MaxLength")]
        [StorableText]
        [Display(Name = "Field.Name")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [StorableText]
        [StringLength(256, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Field.Email")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.Password")]
        public string? Password { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "Validation.PasswordsDiffer")]
        [Display(Name = "Field.ConfirmPassword")]
        public string? ConfirmPassword { get; set; }
    }
}
