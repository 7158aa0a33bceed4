using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/Account/TwoFactor: setting up two-step log-in ("Inloggen in twee stappen"), its status, and the recovery codes.</summary>
public sealed class TwoFactorPage : PageObject
{
    internal TwoFactorPage(BrowserSession session, IResponse response)
        : base(session, response, "/Account/TwoFactor")
    {
    }

    /// <summary>Presses "Instellen": the app makes a key and shows the steps with the QR code.</summary>
    public Task<TwoFactorPage> StartAsync() =>
        GoToAsync(() => MainButton("Instellen").ClickAsync(), r => new TwoFactorPage(Session, r), "two-factor-steps");

    /// <summary>The key shown for typing over, without the spaces between its groups.</summary>
    public async Task<string> KeyAsync() =>
        (await Page.Locator("main code.twofactor-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);

    /// <summary>Whether the QR code is on the page as an image with a name for screen readers.</summary>
    public async Task<bool> ShowsQrCodeAsync() =>
        await Page.Locator("main").GetByRole(AriaRole.Img, new() { Name = "QR-code voor uw authenticator-app" }).CountAsync() == 1;

    /// <summary>Types a code and presses "Aanzetten"; the page comes back, with the recovery codes or with an error.</summary>
    public async Task<TwoFactorPage> EnableAsync(string code, string step)
    {
        await Page.GetByLabel("Code uit de app").FillAsync(code);
        return await GoToAsync(() => MainButton("Aanzetten").ClickAsync(), r => new TwoFactorPage(Session, r), step);
    }

    /// <summary>The error beside the code field, if any.</summary>
    public Task<string> FieldErrorAsync() => Page.Locator("main .field-error").InnerTextAsync();

    /// <summary>The recovery codes shown once after turning it on.</summary>
    public async Task<IReadOnlyList<string>> RecoveryCodesAsync() =>
        [.. (await Page.Locator("main ul.recovery-codes code").AllInnerTextsAsync()).Select(c => c.Trim())];

    /// <summary>Presses "Verder" after the recovery codes, to where the person was going (here: their organisations).</summary>
    public Task<OrganisationsPage> ContinueToOrganisationsAsync() =>
        GoToAsync(() => MainLink("Verder").ClickAsync(), r => new OrganisationsPage(Session, r), "organisations-after-two-factor");

    /// <summary>Presses "Verder" after the recovery codes as an adviser, who goes on to their caseload.</summary>
    public Task<CaseloadPage> ContinueToCaseloadAsync() =>
        GoToAsync(() => MainLink("Verder").ClickAsync(), r => new CaseloadPage(Session, r), "caseload-after-two-factor");

    /// <summary>Sets it up the way a person does: start, type the key into an "app" (computed here), turn it on.</summary>
    public async Task<TwoFactorPage> SetUpAsync()
    {
        var steps = await StartAsync();
        return await steps.EnableAsync(Totp.Code(await steps.KeyAsync()), "two-factor-codes");
    }
}

/// <summary>/Account/LoginWith2fa: the second step of logging in, the code from the app.</summary>
public sealed class LoginWith2faPage : PageObject
{
    internal LoginWith2faPage(BrowserSession session, IResponse response)
        : base(session, response, "/Account/LoginWith2fa")
    {
    }

    /// <summary>Whether "remember this device" is offered (not to accounts that must use two-step log-in).</summary>
    public async Task<bool> OffersRememberDeviceAsync() =>
        await Page.Locator("input[name='Input.RememberDevice'][type='checkbox']").CountAsync() == 1;

    /// <summary>Types the code and presses "Inloggen", expecting to arrive at "Mijn organisaties".</summary>
    public async Task<OrganisationsPage> LogInAsync(string code)
    {
        await Page.GetByLabel("Code uit de app").FillAsync(code);
        return await GoToAsync(SubmitAsync, r => new OrganisationsPage(Session, r), "organisations-after-code");
    }

    /// <summary>Types the code and presses "Inloggen" as an adviser, who lands on their caseload.</summary>
    public async Task<CaseloadPage> LogInToCaseloadAsync(string code)
    {
        await Page.GetByLabel("Code uit de app").FillAsync(code);
        return await GoToAsync(SubmitAsync, r => new CaseloadPage(Session, r), "caseload-after-code");
    }

    /// <summary>Types a code and presses "Inloggen", expecting this page back with an error.</summary>
    public async Task<LoginWith2faPage> LogInExpectingErrorAsync(string code)
    {
        await Page.GetByLabel("Code uit de app").FillAsync(code);
        return await GoToAsync(SubmitAsync, r => new LoginWith2faPage(Session, r), "login-code-error");
    }

    public Task<string> FieldErrorAsync() => Page.Locator("main .field-error").InnerTextAsync();

    private Task SubmitAsync() => MainButton("Inloggen").ClickAsync();
}
