using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;

namespace Leerrijk.BrowserTests.Features;

[Collection(BrowserCollection.Name)]
public sealed class RegistrationTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_new_user_registers_confirms_the_mail_and_logs_in_to_My_organisations()
    {
        await using var session = await browser.NewSessionAsync();
        var email = $"browser-{Guid.NewGuid():N}@example.test";

        var landing = await LandingPage.OpenAsync(session);
        var register = await landing.FollowCreateAccountAsync();
        var checkEmail = await register.RegisterAsync("Sanne Smit", email, LeerrijkAppFactory.Password);
        Assert.Equal("Kijk in uw mailbox", await checkEmail.HeadingAsync());

        var confirm = await checkEmail.OpenConfirmationLinkFromMailAsync(email);
        Assert.Equal(200, confirm.StatusCode);
        var login = await confirm.ConfirmAsync();
        Assert.Contains("Uw e-mailadres is bevestigd", await login.StatusMessageAsync(), StringComparison.Ordinal);

        var organisations = await login.LogInAsync(email, LeerrijkAppFactory.Password);

        Assert.Equal(200, organisations.StatusCode);
        Assert.Equal("Mijn organisaties", await organisations.HeadingAsync());
        Assert.True(await organisations.ShowsLogOutAsync(), "A signed-in person sees 'Uitloggen' in the header.");
    }

    [SkippableFact]
    public async Task Registering_with_a_too_short_password_shows_the_error_at_the_password_field()
    {
        await using var session = await browser.NewSessionAsync();
        var register = await RegisterPage.OpenAsync(session);

        var withErrors = await register.RegisterExpectingErrorsAsync("Sanne Smit", $"kort-{Guid.NewGuid():N}@example.test", "kort");

        Assert.Equal(200, withErrors.StatusCode);
        Assert.Contains("minstens 12 tekens", await withErrors.PasswordErrorAsync(), StringComparison.Ordinal);
        Assert.True(await withErrors.PasswordInputIsMarkedInvalidAsync(), "The password input is marked as the field in error.");
    }
}
