using System.Net;
using Leerrijk.TestSupport;
using Leerrijk.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Leerrijk.Bench.Reports;

/// <summary>
/// The benches' people: accounts made through the app's own <see cref="UserManager{TUser}"/>, and log-in through the
/// real forms, the second step (advisers, programme managers) with a code from the bench's authenticator key.
/// </summary>
internal static class BenchAccounts
{
    public const string Password = "een lange testzin voor leerrijk";
    public const string Key = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    /// <summary>A confirmed account; with a platform role if given, and with two-factor log-in on the bench's key if asked.</summary>
    public static async Task<ApplicationUser> CreateAsync(UserManager<ApplicationUser> users, string email, string? platformRole = null, bool twoFactor = false)
    {
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        Check(await users.CreateAsync(user, Password));
        if (platformRole is not null)
        {
            Check(await users.AddToRoleAsync(user, platformRole));
        }

        if (twoFactor)
        {
            await TwoFactorSetup.EnableWithKeyAsync(users, user, Key);
        }

        return user;
    }

    /// <summary>Logs in through the real forms; the second step only when the app asks for it.</summary>
    public static async Task<HttpClient> SignInAsync(BenchApp app, string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var password = await PostAsync(client, "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        var next = password.StatusCode == HttpStatusCode.Redirect ? password.Headers.Location?.OriginalString : null;
        if (next is null)
        {
            throw new InvalidOperationException($"Log-in failed: {(int)password.StatusCode}.");
        }

        if (!next.StartsWith("/Account/LoginWith2fa", StringComparison.OrdinalIgnoreCase))
        {
            return client;
        }

        using var code = await PostAsync(client, next, new() { ["Input.Code"] = Totp.Code(Key) });
        return code.StatusCode == HttpStatusCode.Redirect ? client : throw new InvalidOperationException($"Second step failed: {(int)code.StatusCode}.");
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var form = await client.GetStringAsync(new Uri(url, UriKind.Relative));
        fields["__RequestVerificationToken"] = ReportBench.TokenPattern().Match(form) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"No antiforgery token on {url}.");
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(url, UriKind.Relative), content);
    }
}
