using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Leerrijk.Web.Features.Account;

/// <summary>
/// Two-step log-in on Identity's own parts: the authenticator key and recovery codes live in AspNetUserTokens, codes
/// are checked by the authenticator token provider (TOTP: HMAC-SHA1, 30 seconds, 6 digits).
/// </summary>
public static class TwoFactorSetup
{
    public const int RecoveryCodeCount = 10;

    public const string Issuer = "Leerrijk";

    // Where Identity's user store keeps the authenticator key (UserStoreBase's internal constants).
    private const string StoreProvider = "[AspNetUserStore]";
    private const string KeyName = "AuthenticatorKey";
    private const string RecoveryCodesName = "RecoveryCodes";

    /// <summary>
    /// Stores a given authenticator key and turns two-step log-in on, so the demo can publish the key of a demo
    /// account (anyone may then make its codes: never use this for a real account).
    /// </summary>
    /// <param name="users">The user manager.</param>
    /// <param name="user">The account.</param>
    /// <param name="base32Key">The key as an authenticator app takes it: base32 (A–Z, 2–7), at least 16 characters; spaces are ignored.</param>
    public static async Task EnableWithKeyAsync(UserManager<ApplicationUser> users, ApplicationUser user, string base32Key)
    {
        var key = base32Key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (key.Length < 16 || !key.All(c => c is >= 'A' and <= 'Z' or >= '2' and <= '7'))
        {
            throw new ArgumentException("An authenticator key is base32 (A-Z, 2-7), at least 16 characters.", nameof(base32Key));
        }

        Check(await users.SetAuthenticationTokenAsync(user, StoreProvider, KeyName, key));
        Check(await users.SetTwoFactorEnabledAsync(user, true));
    }

    /// <summary>Turns two-step log-in off and forgets the key and the recovery codes, so turning it on again starts afresh.</summary>
    public static async Task DisableAsync(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        Check(await users.SetTwoFactorEnabledAsync(user, false));
        Check(await users.RemoveAuthenticationTokenAsync(user, StoreProvider, KeyName));
        Check(await users.RemoveAuthenticationTokenAsync(user, StoreProvider, RecoveryCodesName));
    }

    /// <summary>The key in groups of four, easier to type over from the screen.</summary>
    public static string Grouped(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(grouped.Length == 0 ? "" : " ").Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return grouped.ToString().ToUpperInvariant();
    }

    /// <summary>The otpauth link an authenticator app reads from the QR code (Key Uri Format).</summary>
    public static string AuthenticatorUri(string email, string key) => string.Create(
        CultureInfo.InvariantCulture,
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30");

    /// <summary>A typed code as the token provider wants it (6 digits); spaces and dashes people type are dropped. Null when it cannot be one.</summary>
    public static string? AppCode(string? typed)
    {
        var code = Without(typed, ' ', '-');
        return code is { Length: 6 } && code.All(char.IsAsciiDigit) ? code : null;
    }

    /// <summary>A typed recovery code as Identity made it ("XXXXX-XXXXX", upper case), whether typed with spaces, small letters or without the dash.</summary>
    public static string RecoveryCode(string? typed)
    {
        var code = Without(typed, '-').ToUpperInvariant();
        return code.Length == 10 ? code.Insert(5, "-") : code;
    }

    private static string Without(string? text, params char[] characters) =>
        new((text ?? "").Where(c => !char.IsWhiteSpace(c) && Array.IndexOf(characters, c) < 0).ToArray());

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}

/// <summary>The code from the app as a form field; <see cref="TwoFactorSetup.AppCode"/> reads what was typed.</summary>
public class AppCodeInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(20, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.TwoFactorCode")]
    public string? Code { get; set; }
}
