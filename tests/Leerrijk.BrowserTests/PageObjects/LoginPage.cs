using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/Account/Login.</summary>
public sealed class LoginPage : PageObject
{
    internal LoginPage(BrowserSession session, IResponse response)
        : base(session, response, "/Account/Login")
    {
    }

    public static async Task<LoginPage> OpenAsync(BrowserSession session)
    {
        var response = await session.Page.GotoAsync("/Account/Login") ?? throw new InvalidOperationException("No response.");
        var page = new LoginPage(session, response);
        await session.CheckPageAsync("login");
        return page;
    }

    /// <summary>Logs in, expecting to arrive at "Mijn organisaties".</summary>
    public async Task<OrganisationsPage> LogInAsync(string email, string password)
    {
        await FillAsync(email, password);
        return await GoToAsync(SubmitAsync, r => new OrganisationsPage(Session, r), "organisations");
    }

    /// <summary>Logs in after keeping a quick scan, expecting the form for a new organisation the log-in was asked for.</summary>
    public async Task<CreateOrganisationPage> LogInToNewOrganisationAsync(string email, string password)
    {
        await FillAsync(email, password);
        return await GoToAsync(SubmitAsync, r => new CreateOrganisationPage(Session, r), "organisation-new");
    }

    /// <summary>Logs in as an account with two-step log-in on, expecting the page that asks for the code from the app.</summary>
    public async Task<LoginWith2faPage> LogInToSecondStepAsync(string email, string password)
    {
        await FillAsync(email, password);
        return await GoToAsync(SubmitAsync, r => new LoginWith2faPage(Session, r), "login-second-step");
    }

    /// <summary>Logs in as an account that must use two-step log-in but has not set it up, expecting to be sent to set it up.</summary>
    public async Task<TwoFactorPage> LogInToTwoFactorSetUpAsync(string email, string password)
    {
        await FillAsync(email, password);
        return await GoToAsync(SubmitAsync, r => new TwoFactorPage(Session, r), "two-factor-required");
    }

    /// <summary>Logs in from an invitation's "Inloggen" link, expecting to be sent back to the invitation.</summary>
    public async Task<AcceptInvitationPage> LogInToInvitationAsync(string email, string password)
    {
        await FillAsync(email, password);
        return await GoToAsync(SubmitAsync, r => new AcceptInvitationPage(Session, r), "invitation-logged-in");
    }

    /// <summary>Logs in from a connection request's link, expecting to be sent back to the request.</summary>
    public async Task<AcceptConnectionPage> LogInToConnectionRequestAsync(string email, string password)
    {
        await FillAsync(email, password);
        return await GoToAsync(SubmitAsync, r => new AcceptConnectionPage(Session, r), "connect-logged-in");
    }

    /// <summary>Follows "Wachtwoord vergeten?".</summary>
    public Task<ForgotPasswordPage> FollowForgotPasswordAsync() =>
        GoToAsync(() => MainLink("Wachtwoord vergeten?").ClickAsync(), r => new ForgotPasswordPage(Session, r), "forgot-password");

    /// <summary>Logs in, expecting the log-in form back with an error.</summary>
    public async Task<LoginPage> LogInExpectingErrorAsync(string email, string password)
    {
        await FillAsync(email, password);
        return await GoToAsync(SubmitAsync, r => new LoginPage(Session, r), "login-error");
    }

    /// <summary>The texts of the alerts on the page (role=alert) that have content.</summary>
    public async Task<IReadOnlyList<string>> AlertsAsync()
    {
        var texts = await Page.GetByRole(AriaRole.Alert).AllInnerTextsAsync();
        return [.. texts.Select(t => t.Trim()).Where(t => t.Length > 0)];
    }

    private async Task FillAsync(string email, string password)
    {
        await Page.Locator("input[name='Input.Email']").FillAsync(email);
        await Page.Locator("input[name='Input.Password']").FillAsync(password);
    }

    private Task SubmitAsync() =>
        Page.Locator("main form").GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
}
