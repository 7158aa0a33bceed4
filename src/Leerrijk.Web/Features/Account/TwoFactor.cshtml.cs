using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Infrastructure.Delivery;
using Leerrijk.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Account;

/// <summary>
/// Two-step log-in for the signed-in person: set it up (key, QR code, a first code), see how many recovery codes are
/// left, make new ones, or turn it off — refused while <see cref="TwoFactorRequirement"/> says the account needs it.
/// </summary>
/// <remarks>
/// Making the key is a POST ("Start"), not part of opening the page: a GET changes nothing. Recovery codes are shown
/// in the answer to the POST that made them and kept nowhere else, so they appear once.
/// </remarks>
[Authorize]
[DoNotCompress]
[EnableRateLimiting(RateLimiting.AccountPolicy)]
public sealed class TwoFactorModel(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    TwoFactorRequirement requirement,
    IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The first code from the app; bound by the Enable handler only, so the other buttons need no code.</summary>
    public AppCodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Required { get; private set; }

    public bool Enabled { get; private set; }

    /// <summary>The key in groups of four, once "Start" has made one and until it is turned on.</summary>
    public string? SharedKey { get; private set; }

    public string? QrMarkup { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Codes just made; shown in this answer only.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    /// <summary>Where "Verder" goes once it is set up: where the person was going, else their organisations.</summary>
    public string ContinueUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/organisations";

    public async Task<IActionResult> OnGetAsync() =>
        await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostStartAsync()
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        if (!Enabled && SharedKey is null)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user); // the key changed the security stamp: keep this session
        }

        return RedirectToPage(new { ReturnUrl });
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        if (Enabled || SharedKey is null)
        {
            return RedirectToPage(new { ReturnUrl });
        }

        if (!await TryUpdateModelAsync(Input, nameof(Input)))
        {
            return Page();
        }

        var code = TwoFactorSetup.AppCode(Input.Code);
        if (code is null)
        {
            ModelState.AddModelError("Input.Code", l["TwoFactor.CodeFormat"]);
            return Page();
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", l["TwoFactor.CodeWrong"]);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorSetup.RecoveryCodeCount) ?? []];
        await signIn.RefreshSignInAsync(user);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        if (!Enabled)
        {
            return RedirectToPage(new { ReturnUrl });
        }

        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorSetup.RecoveryCodeCount) ?? []];
        RecoveryCodesLeft = RecoveryCodes.Count;
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        if (Required)
        {
            ModelState.AddModelError(string.Empty, l["TwoFactor.DisableRefused"]);
            return Page();
        }

        if (Enabled)
        {
            await TwoFactorSetup.DisableAsync(users, user);
            await signIn.ForgetTwoFactorClientAsync();
            await signIn.RefreshSignInAsync(user);
            TempData["Status"] = l["TwoFactor.Disabled"].Value;
        }

        return RedirectToPage();
    }

    /// <summary>Reads the account's state for the page; null when the account is gone.</summary>
    private async Task<ApplicationUser?> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || await requirement.StateAsync(user.Id, HttpContext.RequestAborted) is not { } state)
        {
            return null;
        }

        (Required, Enabled) = (state.Required, state.Enabled);
        SharedKey = QrMarkup = null;
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        }
        else if (await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key)
        {
            SharedKey = TwoFactorSetup.Grouped(key);
            QrMarkup = PosterModel.QrSvg(TwoFactorSetup.AuthenticatorUri(user.Email ?? user.UserName ?? "", key), l["TwoFactor.QrLabel"]);
        }

        return user;
    }
}
