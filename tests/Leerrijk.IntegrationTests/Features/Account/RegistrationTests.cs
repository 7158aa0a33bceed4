using System.Net;

namespace Leerrijk.IntegrationTests.Features.Account;

public sealed class RegistrationTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static Dictionary<string, string> Form(string email, string password, string? confirm = null, string name = "Sanne Smit") => new()
    {
        ["Input.Name"] = name,
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = confirm ?? password,
    };

    [Fact]
    public async Task Register_confirm_and_log_in_works_end_to_end()
    {
        var client = app.CreateBrowserClient();
        var email = $"nieuw-{Guid.NewGuid():N}@example.test";

        var registered = await client.PostFormAsync("/Account/Register", Form(email, LeerrijkAppFactory.Password));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.StartsWith("/Account/CheckEmail", registered.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // Not confirmed yet: the right password gets "confirm first", nothing more.
        var early = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = LeerrijkAppFactory.Password });
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("eerst uw e-mailadres bevestigen", await early.TextAsync(), StringComparison.Ordinal);

        var mail = await app.Outbox.WaitForMessageToAsync(email, "Bevestig");
        var link = MailOutbox.LinkIn(mail, "/Account/ConfirmEmail");
        var confirmPage = link.PathAndQuery;

        // Opening the link alone changes nothing (mail scanners follow links); the button confirms.
        var confirmForm = await client.GetHtmlAsync(confirmPage);
        Assert.Contains("Bevestigen", confirmForm, StringComparison.Ordinal);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);
        var confirmed = await client.PostFormAsync(
            "/Account/ConfirmEmail",
            new() { ["UserId"] = query["userId"]!, ["Code"] = query["code"]! },
            formPageUrl: confirmPage);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);

        var login = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = LeerrijkAppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/organisations", login.Headers.Location!.OriginalString);
        Assert.Contains("Mijn organisaties", await client.GetHtmlAsync("/organisations"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_with_an_existing_email_says_so_in_plain_words()
    {
        var existing = await app.CreateUserAsync();
        var client = app.CreateBrowserClient();

        var response = await client.PostFormAsync("/Account/Register", Form(existing.Email!, LeerrijkAppFactory.Password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Er bestaat al een account met dit e-mailadres", await response.TextAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kort", "minstens 12 tekens")]
    [InlineData("qwerty123456", "door heel veel mensen gebruikt")]
    public async Task Register_refuses_weak_passwords_with_a_reason(string password, string expected)
    {
        var client = app.CreateBrowserClient();
        var email = $"zwak-{Guid.NewGuid():N}@example.test";

        var response = await client.PostFormAsync("/Account/Register", Form(email, password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await response.TextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Outbox.Messages(), m => m.To.ToString().Contains(email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Register_with_empty_or_mismatched_fields_explains_each_field()
    {
        var client = app.CreateBrowserClient();

        var empty = await (await client.PostFormAsync("/Account/Register", new())).TextAsync();
        Assert.Contains("Vul Naam in.", empty, StringComparison.Ordinal);
        Assert.Contains("Vul E-mailadres in.", empty, StringComparison.Ordinal);

        var mismatch = await (await client.PostFormAsync("/Account/Register", Form("a@example.test", LeerrijkAppFactory.Password, "iets heel anders dan dat"))).TextAsync();
        Assert.Contains("De twee wachtwoorden zijn niet gelijk", mismatch, StringComparison.Ordinal);

        var badEmail = await (await client.PostFormAsync("/Account/Register", Form("geen-adres", LeerrijkAppFactory.Password))).TextAsync();
        Assert.Contains("Vul een geldig e-mailadres in", badEmail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_passwords_of_any_characters_are_accepted()
    {
        var client = app.CreateBrowserClient();
        var email = $"lang-{Guid.NewGuid():N}@example.test";
        var password = new string('ë', 100) + " 🔑 zonder regels";

        var response = await client.PostFormAsync("/Account/Register", Form(email, password));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_field_in_error_is_marked_invalid_and_described_by_its_message()
    {
        var client = app.CreateBrowserClient();

        var html = await (await client.PostFormAsync("/Account/Register", Form("", ""))).TextAsync();

        var emailInput = System.Text.RegularExpressions.Regex.Match(html, "<input[^>]*id=\"Input_Email\"[^>]*>").Value;
        Assert.Contains("aria-invalid=\"true\"", emailInput, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"Input_Email-error\"", emailInput, StringComparison.Ordinal);
        var passwordInput = System.Text.RegularExpressions.Regex.Match(html, "<input[^>]*id=\"Input_Password\"[^>]*>").Value;
        Assert.Contains("aria-describedby=\"password-hint Input_Password-error\"", passwordInput, StringComparison.Ordinal);
        Assert.Contains("id=\"Input_Email-error\"", html, StringComparison.Ordinal);
        var nameInput = System.Text.RegularExpressions.Regex.Match(html, "<input[^>]*id=\"Input_Name\"[^>]*>").Value;
        Assert.DoesNotContain("aria-invalid", nameInput, StringComparison.Ordinal);
    }
}
