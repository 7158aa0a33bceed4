using System.Net;

namespace Leerrijk.IntegrationTests.Features.Account;

public sealed class LoginTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static Dictionary<string, string> Form(string email, string password) => new()
    {
        ["Input.Email"] = email,
        ["Input.Password"] = password,
    };

    private static async Task<string> FailureTextAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        var start = html.IndexOf("validation-summary-errors", StringComparison.Ordinal);
        Assert.True(start >= 0, "the login page shows an error summary");
        return html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task Wrong_password_unknown_user_and_locked_account_get_the_same_answer()
    {
        var user = await app.CreateUserAsync();
        var client = app.CreateBrowserClient();

        var wrong = await FailureTextAsync(await client.PostFormAsync("/Account/Login", Form(user.Email!, "niet het goede wachtwoord")));
        var unknown = await FailureTextAsync(await client.PostFormAsync("/Account/Login", Form($"niemand-{Guid.NewGuid():N}@example.test", "niet het goede wachtwoord")));
        Assert.Equal(wrong, unknown);
        Assert.Contains("klopt niet", wrong, StringComparison.Ordinal);

        // Four more wrong attempts make five: the account locks, and even the right password is refused.
        for (var i = 0; i < 4; i++)
        {
            await client.PostFormAsync("/Account/Login", Form(user.Email!, "niet het goede wachtwoord"));
        }

        var locked = await FailureTextAsync(await client.PostFormAsync("/Account/Login", Form(user.Email!, LeerrijkAppFactory.Password)));
        Assert.Equal(wrong, locked);
    }

    [Fact]
    public async Task Fewer_than_five_mistakes_do_not_lock_the_account()
    {
        var user = await app.CreateUserAsync();
        var client = app.CreateBrowserClient();
        for (var i = 0; i < 4; i++)
        {
            await client.PostFormAsync("/Account/Login", Form(user.Email!, "niet het goede wachtwoord"));
        }

        var response = await client.PostFormAsync("/Account/Login", Form(user.Email!, LeerrijkAppFactory.Password));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Log_in_goes_to_a_local_return_url_but_never_to_another_site()
    {
        var user = await app.CreateUserAsync();

        var local = await app.CreateBrowserClient().PostFormAsync("/Account/Login?returnUrl=%2Faccount%2Fchangepassword", Form(user.Email!, LeerrijkAppFactory.Password), "/Account/Login");
        var foreign = await app.CreateBrowserClient().PostFormAsync("/Account/Login", new(Form(user.Email!, LeerrijkAppFactory.Password)) { ["ReturnUrl"] = "https://evil.example/" });

        Assert.Equal("/account/changepassword", local.Headers.Location!.OriginalString);
        Assert.Equal("/organisations", foreign.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Log_out_ends_the_session()
    {
        var user = await app.CreateUserAsync();
        var client = await app.LoggedInClientAsync(user.Email!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/organisations")).StatusCode);

        var logout = await client.PostFormAsync("/Account/Logout", new(), formPageUrl: "/organisations");

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        var after = await client.GetAsync("/organisations");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Change_password_checks_the_current_one_and_then_takes_the_new_one()
    {
        var user = await app.CreateUserAsync();
        var client = await app.LoggedInClientAsync(user.Email!);
        const string newPassword = "een nieuwe zin van vandaag";

        var wrong = await client.PostFormAsync("/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = "dit is het niet",
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });
        Assert.Contains("Het huidige wachtwoord klopt niet", await wrong.TextAsync(), StringComparison.Ordinal);

        var ok = await client.PostFormAsync("/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = LeerrijkAppFactory.Password,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);

        await app.LoggedInClientAsync(user.Email!, newPassword);
    }
}
