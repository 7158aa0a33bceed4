using Leerrijk.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.BrowserTests.Infrastructure;

/// <summary>Set-up and checks straight on the app's services, for what a browser test needs but does not test.</summary>
public static class AppData
{
    /// <summary>Gives an existing account a platform role (for example <see cref="PlatformRoles.Admin"/>).</summary>
    public static async Task GrantPlatformRoleAsync(this LeerrijkAppFactory app, string email, string role)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account for {email}.");
        var result = await users.AddToRoleAsync(user, role);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>
    /// Turns two-step log-in on for an account with a fresh key and returns the key, so a test can log in as an adviser
    /// (who must use it) without going through set-up, which TwoFactorTests covers.
    /// </summary>
    public static async Task<string> EnableTwoStepAsync(this LeerrijkAppFactory app, string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account for {email}.");
        var key = System.Security.Cryptography.RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 32);
        await TwoFactorSetup.EnableWithKeyAsync(users, user, key);
        return key;
    }

    /// <summary>Whether <paramref name="password"/> is the account's password now.</summary>
    public static async Task<bool> PasswordIsAsync(this LeerrijkAppFactory app, string email, string password)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account for {email}.");
        return await users.CheckPasswordAsync(user, password);
    }
}
