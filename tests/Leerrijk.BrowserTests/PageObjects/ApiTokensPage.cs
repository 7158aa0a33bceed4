using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/account/api-sleutels: the person's API tokens, a new one shown once, revoking.</summary>
public sealed class ApiTokensPage : PageObject
{
    internal ApiTokensPage(BrowserSession session, IResponse response)
        : base(session, response, "/account/api-sleutels")
    {
    }

    /// <summary>Fills the form (name, where it works, the permissions by their label) and presses "Sleutel maken".</summary>
    public async Task<ApiTokensPage> CreateAsync(string name, string home, IReadOnlyList<string> permissions, string step)
    {
        await Page.GetByLabel("Naam").FillAsync(name);
        await Page.GetByLabel("Werkt in").SelectOptionAsync(new SelectOptionValue { Label = home });
        foreach (var permission in permissions)
        {
            await Page.GetByLabel(permission).CheckAsync();
        }

        return await GoToAsync(() => MainButton("Sleutel maken").ClickAsync(), r => new ApiTokensPage(Session, r), step);
    }

    /// <summary>The token shown once after making it; null when none is shown.</summary>
    public async Task<string?> NewTokenAsync() =>
        await Page.GetByTestId("new-token").CountAsync() == 0 ? null : await Page.GetByTestId("new-token").InputValueAsync();

    /// <summary>The rows of the token list as text.</summary>
    public async Task<IReadOnlyList<string>> RowsAsync() =>
        [.. (await Page.Locator("main table tbody tr").AllInnerTextsAsync()).Select(t => t.ReplaceLineEndings(" ").Trim())];

    /// <summary>Presses "Intrekken" for the token with this name.</summary>
    public Task<ApiTokensPage> RevokeAsync(string name) =>
        GoToAsync(() => MainButton($"Sleutel {name} intrekken").ClickAsync(), r => new ApiTokensPage(Session, r), "api-token-revoked");

    /// <summary>Follows the link to the API reference.</summary>
    public Task<IResponse> FollowReferenceAsync() => Session.NavigateAsync(() => MainLink("Bekijk de API-beschrijving.").ClickAsync());
}
