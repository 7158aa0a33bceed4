using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;

namespace Leerrijk.BrowserTests.Features;

[Collection(BrowserCollection.Name)]
public sealed class PasswordTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_forgotten_password_is_reset_from_the_mail_and_later_changed_under_My_account()
    {
        const string resetPassword = "een nieuwe zin gekozen via de mail";
        const string changedPassword = "en daarna nog een andere lange zin";
        var user = await browser.App.CreateUserAsync();
        var email = user.Email!;
        await using var session = await browser.NewSessionAsync();

        var login = await LoginPage.OpenAsync(session);
        var forgot = await login.FollowForgotPasswordAsync();
        Assert.Equal("Wachtwoord vergeten", await forgot.HeadingAsync());
        var checkEmail = await forgot.RequestLinkAsync(email);
        Assert.Equal("Kijk in uw mailbox", await checkEmail.HeadingAsync());
        Assert.Contains("een link om een nieuw wachtwoord te kiezen", await checkEmail.MainTextAsync(), StringComparison.Ordinal);

        var reset = await checkEmail.OpenResetLinkFromMailAsync(email);
        Assert.Equal(200, reset.StatusCode);
        Assert.Equal("Nieuw wachtwoord kiezen", await reset.HeadingAsync());
        var loginAgain = await reset.SetPasswordAsync(resetPassword);
        Assert.Contains("Uw nieuwe wachtwoord is opgeslagen", await loginAgain.StatusMessageAsync(), StringComparison.Ordinal);

        var organisations = await loginAgain.LogInAsync(email, resetPassword);
        Assert.Equal("Mijn organisaties", await organisations.HeadingAsync());
        Assert.False(await organisations.HeaderHasLinkAsync("Beheer"), "Only platform admins see 'Beheer'.");

        var account = await organisations.FollowMyAccountAsync();
        Assert.Equal("Wachtwoord wijzigen", await account.HeadingAsync());
        Assert.Contains($"U bent ingelogd als {email}", await account.MainTextAsync(), StringComparison.Ordinal);
        var changed = await account.ChangeAsync(resetPassword, changedPassword);

        Assert.Contains("Uw wachtwoord is gewijzigd", await changed.StatusMessageAsync(), StringComparison.Ordinal);
        Assert.True(await browser.App.PasswordIsAsync(email, changedPassword), "The changed password is the account's password.");
        Assert.False(await browser.App.PasswordIsAsync(email, resetPassword), "The previous password no longer works.");
        Assert.False(await browser.App.PasswordIsAsync(email, LeerrijkAppFactory.Password), "The original password no longer works.");
    }
}
