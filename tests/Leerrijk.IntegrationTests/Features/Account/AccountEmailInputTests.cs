using System.Net;

namespace Leerrijk.IntegrationTests.Features.Account;

/// <summary>
/// An address with a character Identity cannot normalise (a noncharacter such as U+FFFF, which the fuzz check sent)
/// gets the form back with a field error, not a 500 from deep inside the user lookup.
/// </summary>
public sealed class AccountEmailInputTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private const string Unnormalisable = "iemand\uFFFF@example.test";

    [Theory]
    [InlineData("/Account/ForgotPassword", "Email")]
    [InlineData("/Account/ResendConfirmation", "Email")]
    [InlineData("/Account/Login", "Input.Email")]
    public async Task An_address_with_a_character_that_cannot_be_stored_is_refused_in_plain_words(string page, string field)
    {
        var values = new Dictionary<string, string> { [field] = Unnormalisable };
        if (page == "/Account/Login")
        {
            values["Input.Password"] = LeerrijkAppFactory.Password;
        }

        var response = await app.CreateBrowserClient().PostFormAsync(page, values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("aria-invalid=\"true\"", await response.TextAsync(), StringComparison.Ordinal);
    }
}
