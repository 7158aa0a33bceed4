using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Account;

/// <summary>Identity's error messages in the user's language.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), l["Identity.DuplicateEmail"]);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), l["Identity.DuplicateEmail"]);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), l["Identity.InvalidEmail"]);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), l["Identity.InvalidEmail"]);

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), l["Identity.InvalidToken"]);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), l["Identity.PasswordMismatch"]);

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), l["Identity.ConcurrencyFailure"]);

    public override IdentityError DefaultError() => Error(nameof(DefaultError), l["Identity.DefaultError"]);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), l["Password.TooShort", length]);

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), l["Identity.DefaultError"]);

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), l["Identity.DefaultError"]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
