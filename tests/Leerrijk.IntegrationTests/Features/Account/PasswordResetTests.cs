using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Account;

public sealed class PasswordResetTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    internal static async Task<HttpResponseMessage> ResetAsync(HttpClient client, Uri link, string password)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);
        return await client.PostFormAsync(
            "/Account/ResetPassword",
            new()
            {
                ["Input.Email"] = query["email"]!,
                ["Input.Code"] = query["code"]!,
                ["Input.Password"] = password,
                ["Input.ConfirmPassword"] = password,
            },
            formPageUrl: link.PathAndQuery);
    }

    [Fact]
    public async Task Forgot_password_sends_a_link_that_works_once()
    {
        var user = await app.CreateUserAsync();
        var client = app.CreateBrowserClient();

        var requested = await client.PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = user.Email! });
        Assert.Equal(HttpStatusCode.Redirect, requested.StatusCode);
        var link = MailOutbox.LinkIn(await app.Outbox.WaitForMessageToAsync(user.Email!, "wachtwoord"), "/Account/ResetPassword");

        var reset = await ResetAsync(client, link, "mijn nieuwe wachtwoordzin");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        await app.LoggedInClientAsync(user.Email!, "mijn nieuwe wachtwoordzin");

        var again = await ResetAsync(app.CreateBrowserClient(), link, "nog een andere wachtwoordzin");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Deze link is verlopen of al gebruikt", await again.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_unknown_addresses_and_sends_nothing()
    {
        var email = $"onbekend-{Guid.NewGuid():N}@example.test";
        var response = await app.CreateBrowserClient().PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = email });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/CheckEmail?kind=reset", response.Headers.Location!.OriginalString);
        await Task.Delay(200);
        Assert.DoesNotContain(app.Outbox.Messages(), m => m.To.ToString().Contains(email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tampered_reset_link_is_refused_with_advice()
    {
        var user = await app.CreateUserAsync();
        var link = new Uri($"http://localhost/Account/ResetPassword?email={Uri.EscapeDataString(user.Email!)}&code=bm90LWEtdG9rZW4");

        var response = await ResetAsync(app.CreateBrowserClient(), link, "een geldige nieuwe zin");

        Assert.Contains("Deze link is verlopen of al gebruikt", await response.TextAsync(), StringComparison.Ordinal);
        await app.LoggedInClientAsync(user.Email!);
    }

    [Fact]
    public async Task An_expired_reset_link_is_refused_with_advice()
    {
        // A second app on the same database whose reset links live one second, to see expiry for real.
        await using var shortLived = new ShortTokenApp(app);
        var user = await app.CreateUserAsync();
        var client = shortLived.CreateBrowserClient();
        await client.PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = user.Email! });
        var link = MailOutbox.LinkIn(await app.Outbox.WaitForMessageToAsync(user.Email!, "wachtwoord"), "/Account/ResetPassword");

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var response = await ResetAsync(client, link, "een geldige nieuwe zin");

        Assert.Contains("Deze link is verlopen of al gebruikt", await response.TextAsync(), StringComparison.Ordinal);
    }

    private sealed class ShortTokenApp(LeerrijkAppFactory first) : LeerrijkAppFactory(first.Database, first.MailDirectory)
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromSeconds(1)));
        }
    }
}
