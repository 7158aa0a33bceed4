using System.Net;
using System.Text.Json;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Account;

/// <summary>Two-step log-in: who is made to set it up, setting it up, logging in with a code or a recovery code, turning it off.</summary>
public sealed class TwoFactorTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private const string SetUpPage = "/Account/TwoFactor";

    [Fact]
    public void The_test_codes_follow_RFC_6238()
    {
        // RFC 6238 appendix B, SHA-1 key "12345678901234567890": 94287082 at 59 s and 07081804 at 1111111109 s (last 6 digits).
        const string key = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

        Assert.Equal("287082", Totp.Code(key, DateTimeOffset.FromUnixTimeSeconds(59)));
        Assert.Equal("081804", Totp.Code(key, DateTimeOffset.FromUnixTimeSeconds(1111111109)));
    }

    [Fact]
    public async Task An_adviser_without_it_is_sent_to_set_it_up_from_every_page_and_the_api_refuses_with_problem_details()
    {
        var (adviser, _) = await app.CreateAdviserAsync();
        var round = await app.CreateRoundAsync();
        var client = await app.LoggedInClientAsync(adviser.Email!, completeTwoFactor: false);

        foreach (var path in new[] { "/organisations", "/organisations/new", $"/o/{round.OrganisationId}", "/menukaart", "/Account/ChangePassword", "/" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"GET {path} gave {(int)response.StatusCode}");
            Assert.Equal(SetUpPage + "?returnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.OriginalString);
        }

        var post = await client.PostAsync("/organisations/new", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(SetUpPage, post.Headers.Location!.OriginalString);

        var api = await client.GetAsync($"/api/v1/rounds/{round.Id}/report");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        using (var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync()))
        {
            Assert.Contains("twee stappen", problem.RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
            Assert.Contains(SetUpPage, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // What it needs to set it up or leave stays open.
        foreach (var path in new[] { SetUpPage, "/css/site.css", "/health", "/error/404" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound && response.Headers.Location is null, $"GET {path} gave {(int)response.StatusCode}");
        }

        // Once it is on, the same API call meets the tenancy rule (no consent: 404), not this one.
        await app.EnrolTwoFactorAsync(client, adviser.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/rounds/{round.Id}/report")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/ChangePassword")).StatusCode);
    }

    [Fact]
    public async Task Setting_it_up_refuses_a_wrong_code_and_turns_on_with_the_right_one_showing_ten_recovery_codes_once()
    {
        var (adviser, _) = await app.CreateAdviserAsync();
        var client = await app.LoggedInClientAsync(adviser.Email!, completeTwoFactor: false);

        var intro = await client.GetHtmlAsync(SetUpPage + "?returnUrl=%2Fmenukaart");
        Assert.Contains("verplicht, omdat u gegevens van veel bedrijven kunt zien", intro, StringComparison.Ordinal);
        Assert.Null(await app.AuthenticatorKeyAsync(adviser.Email!)); // opening the page changes nothing

        var start = await client.PostFormAsync(SetUpPage + "?handler=Start", new() { ["ReturnUrl"] = "/menukaart" }, formPageUrl: SetUpPage);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var key = (await app.AuthenticatorKeyAsync(adviser.Email!))!;
        var page = await client.GetHtmlAsync(start.Headers.Location!.OriginalString);
        Assert.Contains($"<code class=\"twofactor-key\">{TwoFactorSetup.Grouped(key)}</code>", page, StringComparison.Ordinal);
        Assert.Matches("^[A-Z2-7]{4}( [A-Z2-7]{4})+$", TwoFactorSetup.Grouped(key));
        Assert.Contains("<svg class=\"poster-qr-code\" role=\"img\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", page, StringComparison.Ordinal);

        var wrong = await client.PostFormAsync(SetUpPage + "?handler=Enable", new() { ["Input.Code"] = Totp.WrongCode(key) }, formPageUrl: SetUpPage);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Deze code klopt niet.", await wrong.TextAsync(), StringComparison.Ordinal);
        var malformed = await client.PostFormAsync(SetUpPage + "?handler=Enable", new() { ["Input.Code"] = "12ab56" }, formPageUrl: SetUpPage);
        Assert.Contains("Typ de code van 6 cijfers uit de app.", await malformed.TextAsync(), StringComparison.Ordinal);
        Assert.False((await app.TwoFactorStateAsync(adviser.Email!))!.Enabled);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Account/ChangePassword")).StatusCode);

        // People type codes with a space in the middle, as many apps show them.
        var code = Totp.Code(key);
        var right = await client.PostFormAsync(SetUpPage + "?handler=Enable", new() { ["Input.Code"] = code[..3] + " " + code[3..], ["ReturnUrl"] = "/menukaart" }, formPageUrl: SetUpPage);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var shown = await right.TextAsync();
        var codes = System.Text.RegularExpressions.Regex.Matches(shown, "<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("U ziet deze codes maar één keer.", shown, StringComparison.Ordinal);
        Assert.Contains("href=\"/menukaart\"", shown, StringComparison.Ordinal);
        Assert.True((await app.TwoFactorStateAsync(adviser.Email!))!.Enabled);

        // The session that set it up goes on, and the codes are not shown again.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/ChangePassword")).StatusCode);
        var status = await client.GetHtmlAsync(SetUpPage);
        Assert.Contains("U heeft nog 10 herstelcodes over.", status, StringComparison.Ordinal);
        Assert.DoesNotContain(codes[0], status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_next_log_in_needs_the_code_from_the_app_and_a_wrong_code_gets_a_plain_message()
    {
        var (adviser, _) = await app.CreateAdviserAsync();
        await app.EnrolTwoFactorAsync(await app.LoggedInClientAsync(adviser.Email!, completeTwoFactor: false), adviser.Email!);
        var key = (await app.AuthenticatorKeyAsync(adviser.Email!))!;

        var (client, password) = await PasswordStepAsync(adviser.Email!, "/menukaart");
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        var second = password.Headers.Location!.OriginalString;
        Assert.StartsWith("/Account/LoginWith2fa?", second, StringComparison.Ordinal);

        // The password alone signs nobody in.
        var before = await client.GetAsync("/Account/ChangePassword");
        Assert.StartsWith("/Account/Login?", before.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var form = await client.GetHtmlAsync(second);
        Assert.DoesNotContain("Input.RememberDevice", form, StringComparison.Ordinal); // not for accounts that must use it

        var wrong = await client.PostFormAsync(second, new() { ["Input.Code"] = Totp.WrongCode(key) });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Deze code klopt niet.", await wrong.TextAsync(), StringComparison.Ordinal);
        var empty = await client.PostFormAsync(second, new() { ["Input.Code"] = "" });
        Assert.Contains("Vul Code uit de app in.", await empty.TextAsync(), StringComparison.Ordinal);

        var right = await client.PostFormAsync(second, new() { ["Input.Code"] = Totp.Code(key), ["Input.RememberDevice"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/menukaart", right.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/ChangePassword")).StatusCode);

        // Posted anyway, "remember this device" was not honoured: the next log-in in this browser asks for the code again.
        await client.PostFormAsync("/Account/Logout", new(), formPageUrl: "/Account/ChangePassword");
        var again = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = adviser.Email!, ["Input.Password"] = LeerrijkAppFactory.Password });
        Assert.StartsWith("/Account/LoginWith2fa", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_as_five_wrong_passwords_do()
    {
        var (adviser, _) = await app.CreateAdviserAsync();
        await app.EnrolTwoFactorAsync(await app.LoggedInClientAsync(adviser.Email!, completeTwoFactor: false), adviser.Email!);
        var key = (await app.AuthenticatorKeyAsync(adviser.Email!))!;
        var (client, password) = await PasswordStepAsync(adviser.Email!);
        var second = password.Headers.Location!.OriginalString;

        for (var i = 0; i < AccountSetup.MaxFailedAttempts; i++)
        {
            await client.PostFormAsync(second, new() { ["Input.Code"] = Totp.WrongCode(key) });
        }

        var locked = await client.PostFormAsync(second, new() { ["Input.Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("15 minuten geblokkeerd", await locked.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Account/ChangePassword")).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_works_once_and_wrong_ones_count_towards_the_lockout()
    {
        var (adviser, _) = await app.CreateAdviserAsync();
        var codes = await app.EnrolTwoFactorAsync(await app.LoggedInClientAsync(adviser.Email!, completeTwoFactor: false), adviser.Email!);

        var (client, password) = await PasswordStepAsync(adviser.Email!);
        var recoveryPage = "/Account/LoginWithRecoveryCode";
        Assert.Contains(recoveryPage, await client.GetHtmlAsync(password.Headers.Location!.OriginalString), StringComparison.Ordinal);

        // Typed as people do: small letters, without the dash.
        var used = await client.PostFormAsync(recoveryPage, new() { ["Input.Code"] = codes[0].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal("/organisations", used.Headers.Location!.OriginalString);
        Assert.Contains("U heeft nog 9 herstelcodes over.", await client.GetHtmlAsync(SetUpPage), StringComparison.Ordinal);

        var (other, _) = await PasswordStepAsync(adviser.Email!);
        var again = await other.PostFormAsync(recoveryPage, new() { ["Input.Code"] = codes[0] });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Deze herstelcode klopt niet of is al gebruikt.", await again.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await FailedAttemptsAsync(adviser.Email!)); // counted once, like a wrong password

        for (var i = 1; i < AccountSetup.MaxFailedAttempts; i++)
        {
            await other.PostFormAsync(recoveryPage, new() { ["Input.Code"] = "AAAAA-AAAAA" });
        }

        var locked = await other.PostFormAsync(recoveryPage, new() { ["Input.Code"] = codes[1] });
        Assert.Contains("15 minuten geblokkeerd", await locked.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/Account/ChangePassword")).StatusCode);
    }

    [Fact]
    public async Task New_recovery_codes_replace_the_old_ones()
    {
        var (adviser, _) = await app.CreateAdviserAsync();
        var client = await app.LoggedInClientAsync(adviser.Email!, completeTwoFactor: false);
        var old = await app.EnrolTwoFactorAsync(client, adviser.Email!);

        var response = await client.PostFormAsync(SetUpPage + "?handler=RecoveryCodes", new(), formPageUrl: SetUpPage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        var fresh = System.Text.RegularExpressions.Regex.Matches(html, "<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(old));
        var (next, _) = await PasswordStepAsync(adviser.Email!);
        Assert.Equal(HttpStatusCode.OK, (await next.PostFormAsync("/Account/LoginWithRecoveryCode", new() { ["Input.Code"] = old[0] })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await next.PostFormAsync("/Account/LoginWithRecoveryCode", new() { ["Input.Code"] = fresh[0] })).StatusCode);
    }

    [Fact]
    public async Task Turning_it_off_is_refused_while_the_account_must_use_it()
    {
        var (adviser, _) = await app.CreateAdviserAsync(SupportRole.Coordinator);
        var client = await app.LoggedInClientAsync(adviser.Email!);
        var page = await client.GetHtmlAsync(SetUpPage);
        Assert.DoesNotContain("handler=Disable", page, StringComparison.Ordinal);

        var response = await client.PostFormAsync(SetUpPage + "?handler=Disable", new(), formPageUrl: SetUpPage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("U kunt inloggen in twee stappen niet uitzetten. Het is verplicht voor uw account", await response.TextAsync(), StringComparison.Ordinal);
        Assert.True((await app.TwoFactorStateAsync(adviser.Email!))!.Enabled);
        Assert.NotNull(await app.AuthenticatorKeyAsync(adviser.Email!));
    }

    [Fact]
    public async Task An_owner_is_not_made_to_use_it_but_may_turn_it_on_remember_a_device_and_turn_it_off()
    {
        var owner = await app.CreateUserAsync();
        await app.CreateOrganisationAsync(owner.Id);
        var client = await app.LoggedInClientAsync(owner.Email!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/ChangePassword")).StatusCode);
        Assert.Contains("Voor uw account is dit niet verplicht.", await client.GetHtmlAsync(SetUpPage), StringComparison.Ordinal);
        Assert.Contains("Inloggen in twee stappen staat uit.", await client.GetHtmlAsync("/Account/ChangePassword"), StringComparison.Ordinal);

        await app.EnrolTwoFactorAsync(client, owner.Email!);
        var key = (await app.AuthenticatorKeyAsync(owner.Email!))!;
        var (browser, password) = await PasswordStepAsync(owner.Email!);
        var second = password.Headers.Location!.OriginalString;
        Assert.Contains("Input.RememberDevice", await browser.GetHtmlAsync(second), StringComparison.Ordinal);
        var remembered = await browser.PostFormAsync(second, new() { ["Input.Code"] = Totp.Code(key), ["Input.RememberDevice"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, remembered.StatusCode);

        // The remembered browser skips the code; another one does not.
        await browser.PostFormAsync("/Account/Logout", new(), formPageUrl: "/Account/ChangePassword");
        var skip = await browser.PostFormAsync("/Account/Login", new() { ["Input.Email"] = owner.Email!, ["Input.Password"] = LeerrijkAppFactory.Password });
        Assert.Equal("/organisations", skip.Headers.Location!.OriginalString);
        var (_, elsewhere) = await PasswordStepAsync(owner.Email!);
        Assert.StartsWith("/Account/LoginWith2fa", elsewhere.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var off = await client.PostFormAsync(SetUpPage + "?handler=Disable", new(), formPageUrl: SetUpPage);
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False((await app.TwoFactorStateAsync(owner.Email!))!.Enabled);
        Assert.Null(await app.AuthenticatorKeyAsync(owner.Email!)); // turning it on again starts with a new key
        var (_, passwordOnly) = await PasswordStepAsync(owner.Email!);
        Assert.Equal("/organisations", passwordOnly.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_browser_remembered_before_the_account_had_to_use_it_no_longer_skips_the_code()
    {
        var owner = await app.CreateUserAsync();
        await app.EnrolTwoFactorAsync(await app.LoggedInClientAsync(owner.Email!), owner.Email!);
        var key = (await app.AuthenticatorKeyAsync(owner.Email!))!;
        var (browser, password) = await PasswordStepAsync(owner.Email!);
        await browser.PostFormAsync(password.Headers.Location!.OriginalString, new() { ["Input.Code"] = Totp.Code(key), ["Input.RememberDevice"] = "true" });
        await browser.PostFormAsync("/Account/Logout", new(), formPageUrl: "/Account/ChangePassword");

        var support = await app.CreateSupportOrganisationAsync();
        await app.AddSupportMemberAsync(support.Id, owner.Id, SupportRole.Adviser);
        var next = await browser.PostFormAsync("/Account/Login", new() { ["Input.Email"] = owner.Email!, ["Input.Password"] = LeerrijkAppFactory.Password });

        Assert.StartsWith("/Account/LoginWith2fa", next.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_who_joins_a_support_organisation_while_logged_in_is_sent_to_set_it_up_on_the_next_request()
    {
        var owner = await app.CreateUserAsync();
        var client = await app.LoggedInClientAsync(owner.Email!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/ChangePassword")).StatusCode);

        var support = await app.CreateSupportOrganisationAsync();
        await app.AddSupportMemberAsync(support.Id, owner.Id, SupportRole.Adviser);

        var next = await client.GetAsync("/Account/ChangePassword");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith(SetUpPage, next.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PlatformRoles.Admin, true)]
    [InlineData(PlatformRoles.ProgrammeManager, true)]
    [InlineData(PlatformRoles.Adviser, true)]
    [InlineData(PlatformRoles.Editor, false)]
    public async Task Platform_roles_that_see_many_companies_are_made_to_use_it(string role, bool required)
    {
        var user = await app.CreateUserAsync();
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(user.Id.ToString()))!, role);
        }

        var client = await app.LoggedInClientAsync(user.Email!, completeTwoFactor: false);
        var response = await client.GetAsync("/Account/ChangePassword");

        Assert.Equal(required ? HttpStatusCode.Redirect : HttpStatusCode.OK, response.StatusCode);
        if (required)
        {
            Assert.StartsWith(SetUpPage, response.Headers.Location!.OriginalString, StringComparison.Ordinal);
            var refused = await client.PostFormAsync(SetUpPage + "?handler=Disable", new(), formPageUrl: SetUpPage);
            Assert.Contains("U kunt inloggen in twee stappen niet uitzetten.", await refused.TextAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_key_set_for_the_demo_logs_in_with_codes_from_that_key()
    {
        var user = await app.CreateUserAsync();
        await app.AddSupportMemberAsync((await app.CreateSupportOrganisationAsync()).Id, user.Id, SupportRole.Adviser);
        const string demoKey = "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP";
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await TwoFactorSetup.EnableWithKeyAsync(users, (await users.FindByIdAsync(user.Id.ToString()))!, demoKey);
        }

        var (client, password) = await PasswordStepAsync(user.Email!);
        var signedIn = await client.PostFormAsync(password.Headers.Location!.OriginalString, new() { ["Input.Code"] = Totp.Code(demoKey) });

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/ChangePassword")).StatusCode);
    }

    private async Task<int> FailedAttemptsAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.GetAccessFailedCountAsync((await users.FindByEmailAsync(email))!);
    }

    /// <summary>Posts the password on a new client, without following the answer.</summary>
    private async Task<(HttpClient Client, HttpResponseMessage Response)> PasswordStepAsync(string email, string? returnUrl = null)
    {
        var client = app.CreateBrowserClient();
        var url = returnUrl is null ? "/Account/Login" : "/Account/Login?returnUrl=" + Uri.EscapeDataString(returnUrl);
        var response = await client.PostFormAsync(url, new() { ["Input.Email"] = email, ["Input.Password"] = LeerrijkAppFactory.Password }, formPageUrl: "/Account/Login");
        return (client, response);
    }
}
