using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Infrastructure;
using Leerrijk.Web.Infrastructure.Forms;
using Leerrijk.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Leerrijk.Web.Features.Account;

/// <summary>Sends a password-reset link; the answer is the same whether or not the address has an account.</summary>
[EnableRateLimiting(RateLimiting.AccountPolicy)]
public sealed class ForgotPasswordModel(UserManager<ApplicationUser> users, AccountMails mails, PublicLinks links) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [StorableText]
    [StringLength(256, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Email")]
    public string? Email { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Email!.Trim());
        if (user is { EmailConfirmed: true })
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = links.Page(HttpContext, "/Account/ResetPassword", new { email = user.Email, code = TokenEncoding.Encode(token) });
            await mails.SendPasswordResetAsync(user.Email!, link, cancellationToken);
        }

        return RedirectToPage("/Account/CheckEmail", new { kind = "reset" });
    }
}
