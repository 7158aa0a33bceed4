using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Account;

/// <summary>
/// The password rule after OWASP ASVS: 12 to 128 characters, any characters, no composition rules, and none of
/// the 10,000 most common passwords. It replaces Identity's own validator, whose digit/upper/symbol rules ASVS advises against.
/// </summary>
public sealed class PasswordPolicyValidator(CommonPasswords common, IStringLocalizer<SharedResource> l) : IPasswordValidator<ApplicationUser>
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        password ??= "";
        // Count characters as people see them, so a password of emoji or accented letters is measured fairly.
        var length = password.EnumerateRunes().Count();
        var errors = new List<IdentityError>();
        if (length < MinLength)
        {
            errors.Add(new IdentityError { Code = "PasswordTooShort", Description = l["Password.TooShort", MinLength] });
        }
        else if (length > MaxLength)
        {
            errors.Add(new IdentityError { Code = "PasswordTooLong", Description = l["Password.TooLong", MaxLength] });
        }

        if (common.Contains(password))
        {
            errors.Add(new IdentityError { Code = "PasswordTooCommon", Description = l["Password.TooCommon"] });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}

/// <summary>The block list of common passwords, from content/security/common-passwords.txt.</summary>
public sealed class CommonPasswords
{
    private readonly HashSet<string> _passwords;

    public CommonPasswords(IEnumerable<string> passwords)
    {
        _passwords = new HashSet<string>(
            passwords.Select(p => p.Trim()).Where(p => p.Length > 0),
            StringComparer.OrdinalIgnoreCase);
    }

    public int Count => _passwords.Count;

    public bool Contains(string password) => _passwords.Contains(password.Trim());

    public static CommonPasswords Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"common-passwords.txt: not found at {path}");
        }

        return new CommonPasswords(File.ReadLines(path));
    }
}
