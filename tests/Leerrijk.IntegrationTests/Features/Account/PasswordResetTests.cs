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
        // The page hands its mail to the sender before it answers, and the sender has written the .eml file by then,
        // so once the response is here the outbox is the whole record of what this request sent. The known address
        // shows that, with no waiting at all, before the unknown one is checked the same way.
        var known = await app.CreateUserAsync();
        var knownResponse = await app.CreateBrowserClient().PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = known.Email! });
        Assert.Contains(app.Outbox.Messages(), m => SentTo(m, known.Email!));

        var email = $"onbekend-{Guid.NewGuid():N}@example.test";
        var response = await app.CreateBrowserClient().PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = email });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/CheckEmail?kind=reset", response.Headers.Location!.OriginalString);
        Assert.Equal(knownResponse.Headers.Location, response.Headers.Location);
        Assert.DoesNotContain(app.Outbox.Messages(), m => SentTo(m, email));
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
        // A second app on the same database whose reset links are over before they are used: expiry without waiting
        // for a clock. The same link still works in the app with the normal lifespan, so it was refused for its age.
        await using var expired = new ExpiredTokenApp(app);
        var user = await app.CreateUserAsync();
        var client = expired.CreateBrowserClient();
        await client.PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = user.Email! });
        var link = MailOutbox.LinkIn(await app.Outbox.WaitForMessageToAsync(user.Email!, "wachtwoord"), "/Account/ResetPassword");

        var response = await ResetAsync(client, link, "een geldige nieuwe zin");

        Assert.Contains("Deze link is verlopen of al gebruikt", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await ResetAsync(app.CreateBrowserClient(), link, "een geldige nieuwe zin")).StatusCode);
    }

    private static bool SentTo(MimeKit.MimeMessage message, string address) =>
        message.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase));

    private sealed class ExpiredTokenApp(LeerrijkAppFactory first) : LeerrijkAppFactory(first.Database, first.MailDirectory)
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromSeconds(-1)));
        }
    }
}
