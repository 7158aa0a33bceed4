using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Leerrijk.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Erasure;

/// <summary>A person downloads what Leerrijk holds about their account, or deletes the account after giving their password.</summary>
public sealed class MyDataModel(
    UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, PersonalData data, Eraser eraser, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Organisations the person is the only owner of: while there are any, the account cannot be deleted.</summary>
    public IReadOnlyList<string> OnlyOwnerOf { get; private set; } = [];

    /// <summary>Support organisations the person is the only coordinator of: while there are any, the account cannot be deleted.</summary>
    public IReadOnlyList<string> OnlyCoordinatorOf { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        OnlyOwnerOf = await data.OrganisationsOnlyOwnedByAsync(user.Id, cancellationToken);
        OnlyCoordinatorOf = await data.SupportOrganisationsOnlyCoordinatedByAsync(user.Id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null || await data.ReadAsync(user.Id, clock.GetUtcNow().UtcDateTime, cancellationToken) is not { } export)
        {
            return Challenge();
        }

        Response.Headers.CacheControl = "no-store";
        return File(JsonSerializer.SerializeToUtf8Bytes(export, PersonalData.Json), "application/json", "leerrijk-mijn-gegevens.json");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        OnlyOwnerOf = await data.OrganisationsOnlyOwnedByAsync(user.Id, cancellationToken);
        OnlyCoordinatorOf = await data.SupportOrganisationsOnlyCoordinatedByAsync(user.Id, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (OnlyOwnerOf.Count > 0 || OnlyCoordinatorOf.Count > 0)
        {
            if (OnlyOwnerOf.Count > 0)
            {
                ModelState.AddModelError(string.Empty, l["Erasure.LastOwner", string.Join(", ", OnlyOwnerOf)]);
            }

            if (OnlyCoordinatorOf.Count > 0)
            {
                ModelState.AddModelError(string.Empty, l["Erasure.LastCoordinator", string.Join(", ", OnlyCoordinatorOf)]);
            }

            return Page();
        }

        // Counts towards the lock-out like a log-in: the form must not become a way to guess the password.
        var check = await signIn.CheckPasswordSignInAsync(user, Input.Password!, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            ModelState.AddModelError("Input.Password", check.IsLockedOut ? l["TwoFactor.LockedOut", (int)AccountSetup.LockoutDuration.TotalMinutes] : l["Erasure.WrongPassword"]);
            return Page();
        }

        await eraser.DeleteAccountAsync(user.Id, cancellationToken);
        await signIn.SignOutAsync();
        TempData["Status"] = l["Erasure.AccountDeleted"].Value;
        return Redirect("/");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.CurrentPassword")]
        public string? Password { get; set; }
    }
}
