using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/Account/Register: name, e-mail, password twice.</summary>
public sealed class RegisterPage : PageObject
{
    internal RegisterPage(BrowserSession session, IResponse response)
        : base(session, response, "/Account/Register")
    {
    }

    public static async Task<RegisterPage> OpenAsync(BrowserSession session)
    {
        var response = await session.Page.GotoAsync("/Account/Register") ?? throw new InvalidOperationException("No response.");
        var page = new RegisterPage(session, response);
        await session.CheckPageAsync("register");
        return page;
    }

    /// <summary>Fills the form and submits it, expecting the "check your mailbox" page.</summary>
    public async Task<CheckEmailPage> RegisterAsync(string name, string email, string password)
    {
        await FillAsync(name, email, password, password);
        return await GoToAsync(SubmitAsync, r => new CheckEmailPage(Session, r), "check-email");
    }

    /// <summary>Fills the form and submits it, expecting the form back with errors.</summary>
    public async Task<RegisterPage> RegisterExpectingErrorsAsync(string name, string email, string password, string? confirmPassword = null)
    {
        await FillAsync(name, email, password, confirmPassword ?? password);
        return await GoToAsync(SubmitAsync, r => new RegisterPage(Session, r), "register-errors");
    }

    /// <summary>The error shown inside the password field's own block, under its input; empty when there is none.</summary>
    public async Task<string> PasswordErrorAsync()
    {
        var error = PasswordField.Locator(".field-error");
        return await error.CountAsync() == 0 ? "" : (await error.InnerTextAsync()).Trim();
    }

    /// <summary>Whether the password input is marked as the one in error (the red border).</summary>
    public async Task<bool> PasswordInputIsMarkedInvalidAsync()
    {
        var classes = await PasswordField.Locator("input[name='Input.Password']").GetAttributeAsync("class") ?? "";
        return classes.Split(' ').Contains("input-validation-error");
    }

    private ILocator PasswordField => Page.Locator(".field").Filter(new() { Has = Page.Locator("input[name='Input.Password']") });

    private async Task FillAsync(string name, string email, string password, string confirmPassword)
    {
        await Page.Locator("input[name='Input.Name']").FillAsync(name);
        await Page.Locator("input[name='Input.Email']").FillAsync(email);
        await Page.Locator("input[name='Input.Password']").FillAsync(password);
        await Page.Locator("input[name='Input.ConfirmPassword']").FillAsync(confirmPassword);
    }

    private Task SubmitAsync() =>
        Page.Locator("main form").GetByRole(AriaRole.Button, new() { Name = "Account maken", Exact = true }).ClickAsync();
}
