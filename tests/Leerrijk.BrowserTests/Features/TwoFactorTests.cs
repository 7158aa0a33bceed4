using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;

namespace Leerrijk.BrowserTests.Features;

/// <summary>Two-step log-in as an adviser meets it: made to set it up at the first log-in, then asked for the code at the next.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoFactorTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task An_adviser_sets_it_up_at_the_first_log_in_and_logs_in_with_a_code_the_next_time()
    {
        var (adviser, _) = await browser.App.CreateAdviserAsync();
        await using (var first = await browser.NewSessionAsync())
        {
            var required = await (await LoginPage.OpenAsync(first)).LogInToTwoFactorSetUpAsync(adviser.Email!, LeerrijkAppFactory.Password);
            Assert.Equal("Inloggen in twee stappen", await required.HeadingAsync());
            Assert.Contains("verplicht", await required.MainTextAsync(), StringComparison.Ordinal);

            var steps = await required.StartAsync();
            Assert.True(await steps.ShowsQrCodeAsync(), "The set-up page shows the QR code as a named image.");
            var key = await steps.KeyAsync();
            Assert.Equal(await browser.App.AuthenticatorKeyAsync(adviser.Email!), key);

            var wrong = await steps.EnableAsync(Totp.WrongCode(key), "two-factor-wrong-code");
            Assert.StartsWith("Deze code klopt niet.", await wrong.FieldErrorAsync(), StringComparison.Ordinal);

            var done = await wrong.EnableAsync(Totp.Code(key), "two-factor-codes");
            Assert.Equal(10, (await done.RecoveryCodesAsync()).Count);
            var caseload = await done.ContinueToCaseloadAsync();
            Assert.True(await caseload.ShowsLogOutAsync());
        }

        await using var next = await browser.NewSessionAsync();
        var secondStep = await (await LoginPage.OpenAsync(next)).LogInToSecondStepAsync(adviser.Email!, LeerrijkAppFactory.Password);
        Assert.False(await secondStep.OffersRememberDeviceAsync(), "An adviser is not offered to skip the code on this device.");
        var key2 = (await browser.App.AuthenticatorKeyAsync(adviser.Email!))!;
        var refused = await secondStep.LogInExpectingErrorAsync(Totp.WrongCode(key2));
        Assert.StartsWith("Deze code klopt niet.", await refused.FieldErrorAsync(), StringComparison.Ordinal);

        var signedIn = await refused.LogInToCaseloadAsync(Totp.Code(key2));

        Assert.True(await signedIn.ShowsLogOutAsync());
    }

    [SkippableFact]
    public async Task The_set_up_steps_fit_a_phone_screen()
    {
        var (adviser, _) = await browser.App.CreateAdviserAsync();
        await using var session = await browser.NewPhoneSessionAsync();

        var steps = await (await (await LoginPage.OpenAsync(session)).LogInToTwoFactorSetUpAsync(adviser.Email!, LeerrijkAppFactory.Password)).StartAsync();

        var (scrollWidth, viewportWidth) = await steps.WidthsAsync();
        Assert.True(scrollWidth <= viewportWidth, $"The set-up page is {scrollWidth}px wide on a {viewportWidth}px phone.");
    }
}
