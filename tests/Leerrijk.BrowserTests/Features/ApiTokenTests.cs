using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;

namespace Leerrijk.BrowserTests.Features;

/// <summary>
/// API tokens in the browser: an owner makes one from "Mijn account", sees it once, revokes it; the API reference renders
/// in Chromium under the page's script nonce, with no script refused by the policy.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiTokenTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task An_owner_makes_a_token_sees_it_once_revokes_it_and_opens_the_api_reference()
    {
        var owner = await browser.App.CreateUserAsync();
        await browser.App.CreateOrganisationAsync(owner.Id, "Bakkerij Sleutel");
        await using var session = await browser.NewSessionAsync();
        var organisations = await (await LoginPage.OpenAsync(session)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);
        var tokens = await (await organisations.FollowMyAccountAsync()).FollowApiTokensAsync();
        Assert.Equal("API-sleutels", await tokens.HeadingAsync());
        Assert.Contains("U heeft nog geen API-sleutels.", await tokens.MainTextAsync(), StringComparison.Ordinal);

        var refused = await tokens.CreateAsync("Koppeling CRM", "Bakkerij Sleutel", [], "api-token-refused");
        Assert.Contains("Kies minstens één recht.", await refused.MainTextAsync(), StringComparison.Ordinal);
        Assert.Null(await refused.NewTokenAsync());

        var made = await refused.CreateAsync("Koppeling CRM", "Bakkerij Sleutel", ["Rapporten lezen", "Actieplannen lezen"], "api-token-made");
        Assert.Matches("^lrk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$", await made.NewTokenAsync());
        var row = Assert.Single(await made.RowsAsync());
        Assert.Contains("Koppeling CRM", row, StringComparison.Ordinal);
        Assert.Contains("Rapporten lezen, Actieplannen lezen", row, StringComparison.Ordinal);
        Assert.Contains("nog nooit", row, StringComparison.Ordinal);

        var revoked = await made.RevokeAsync("Koppeling CRM");
        Assert.Null(await revoked.NewTokenAsync());
        Assert.Contains("ingetrokken", Assert.Single(await revoked.RowsAsync()), StringComparison.Ordinal);

        // The reference is third-party script: it must run under the nonce (the policy would refuse it otherwise) and draw the API.
        var refusedByPolicy = new List<string>();
        session.Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                refusedByPolicy.Add(message.Text);
            }
        };
        var reference = await revoked.FollowReferenceAsync();
        Assert.Equal(200, reference.Status);
        await session.Page.GetByText("Send a personal API token").First.WaitForAsync();
        var drawn = await session.Page.Locator("body").InnerTextAsync();
        Assert.All(["Rounds", "Reports", "Action plans", "Support organisations", "Programmes", "Responses"], tag => Assert.Contains(tag, drawn, StringComparison.Ordinal));
        Assert.Empty(refusedByPolicy);
    }
}
