using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Infrastructure;
using Leerrijk.Web.Infrastructure.Forms;
using Leerrijk.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Leerrijk.Web.Features.Account;

/// <summary>Sends a new confirmation link; answers the same whether or not the address has an account.</summary>
[EnableRateLimiting(RateLimiting.AccountPolicy)]
public sealed class ResendConfirmationModel(UserManager<ApplicationUser> users, AccountMails mails, PublicLinks links) : PageModel
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
        if (user is { EmailConfirmed: false })
        {
            var token = await users.GenerateEmailConfirmationTokenAsync(user);
            var link = links.Page(HttpContext, "/Account/ConfirmEmail", new { userId = user.Id, code = TokenEncoding.Encode(token) });
            await mails.SendConfirmationAsync(user.Email!, link, cancellationToken);
        }

        return RedirectToPage("/Account/CheckEmail", new { kind = "register" });
    }
}
