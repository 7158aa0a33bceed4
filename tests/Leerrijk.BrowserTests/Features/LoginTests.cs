using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;

namespace Leerrijk.BrowserTests.Features;

[Collection(BrowserCollection.Name)]
public sealed class LoginTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_wrong_password_shows_an_error_and_the_form_again()
    {
        await using var session = await browser.NewSessionAsync();
        var user = await browser.App.CreateUserAsync();
        var login = await LoginPage.OpenAsync(session);

        var failed = await login.LogInExpectingErrorAsync(user.Email!, "een verkeerd maar lang wachtwoord");

        Assert.Equal(200, failed.StatusCode);
        Assert.Equal("Inloggen", await failed.HeadingAsync());
        var alert = Assert.Single(await failed.AlertsAsync());
        Assert.Contains("Het e-mailadres of het wachtwoord klopt niet", alert, StringComparison.Ordinal);
    }
}
