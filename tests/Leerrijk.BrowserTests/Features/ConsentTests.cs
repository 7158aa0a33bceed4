using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;
using Leerrijk.Web.Infrastructure.Localization;

namespace Leerrijk.BrowserTests.Features;

/// <summary>
/// Consent owned by the company, in the browser: an adviser asks by mail, the owner opens the link, logs in, narrows
/// what is shared and accepts, reads in the access log what the adviser opened, and revokes; the adviser's next request
/// finds nothing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsentTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task An_adviser_asks_the_owner_accepts_less_sees_the_access_log_and_revokes()
    {
        var owner = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id, "Bakkerij " + Guid.NewGuid().ToString("N")[..8]);
        var (adviser, support) = await browser.App.CreateAdviserAsync();

        await using var adviserSession = await browser.NewSessionAsync("Consent-adviser");
        var key = await browser.App.EnableTwoStepAsync(adviser.Email!); // advisers and coordinators log in in two steps
        await (await (await LoginPage.OpenAsync(adviserSession)).LogInToSecondStepAsync(adviser.Email!, LeerrijkAppFactory.Password)).LogInToCaseloadAsync(Totp.Code(key));
        var request = await RequestConnectionPage.OpenAsync(adviserSession, support.Id);
        var sent = await request.SendAsync(owner.Email!, organisation.Name, ["Rapporten en actieplan lezen", "Werken aan het actieplan", "Losse antwoorden downloaden"], 12);
        Assert.Equal($"Het verzoek is gestuurd naar {owner.Email}. De link werkt 30 dagen.", await sent.StatusMessageAsync());
        Assert.Equal([$"{owner.Email} {organisation.Name}"], await sent.OpenRequestsAsync());

        await using var ownerSession = await browser.NewSessionAsync("Consent-owner");
        var login = await AcceptConnectionPage.OpenLinkFromMailLoggedOutAsync(ownerSession, owner.Email!);
        var asked = await login.LogInToConnectionRequestAsync(owner.Email!, LeerrijkAppFactory.Password);
        var proposed = await asked.ProposedAsync();
        Assert.Equal(3, proposed.Count);
        Assert.StartsWith("Rapporten en actieplan lezen: ", proposed[0], StringComparison.Ordinal);
        Assert.Contains("dezelfde anonimiteitsregel als u", proposed[0], StringComparison.Ordinal);

        var today = LocalizationSetup.Today(TimeProvider.System);
        var connections = await asked.AcceptAsync(["Losse antwoorden downloaden"], today.AddMonths(6));
        Assert.Equal($"Uw bedrijf is verbonden met {support.Name}. Hieronder ziet u wat zij mogen en wie wat bekijkt.", await connections.StatusMessageAsync());
        var card = Assert.Single(await connections.ConnectionsAsync());
        Assert.Contains(adviser.DisplayName, card, StringComparison.Ordinal);
        Assert.Contains("Werken aan het actieplan", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Losse antwoorden downloaden:", card, StringComparison.Ordinal);
        Assert.Empty(await connections.LogAsync());

        var dashboard = await DashboardPage.OpenAsync(adviserSession, organisation.Id);
        Assert.Equal(200, dashboard.StatusCode);

        var withLog = await ConnectionsPage.OpenAsync(ownerSession, organisation.Id);
        var entry = Assert.Single(await withLog.LogAsync());
        Assert.Equal(($"{adviser.DisplayName} ({support.Name})", "bekeek het overzicht van het bedrijf"), entry);

        var grant = await withLog.FollowChangeOrRevokeAsync(support.Name);
        var confirm = await grant.StartRevokingAsync();
        Assert.Equal($"De verbinding met {support.Name} intrekken?", await confirm.ConfirmationAsync());
        var revoked = await confirm.ConfirmRevokeAsync();
        Assert.Equal($"De verbinding met {support.Name} is ingetrokken. Zij kunnen vanaf nu niets meer zien.", await revoked.StatusMessageAsync());
        Assert.Contains("ingetrokken op", Assert.Single(await revoked.ConnectionsAsync()), StringComparison.Ordinal);

        var refused = await ErrorPage.OpenAsync(adviserSession, $"/o/{organisation.Id}", "dashboard-after-revoke");
        Assert.Equal(404, refused.StatusCode);
    }

    [SkippableFact]
    public async Task The_owner_connects_to_a_support_organisation_and_a_wrong_choice_is_explained_beside_the_field()
    {
        var owner = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id, "Garage " + Guid.NewGuid().ToString("N")[..8]);
        var (adviser, support) = await browser.App.CreateAdviserAsync();
        await using var session = await browser.NewSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);

        var overview = await ConnectionsPage.OpenAsync(session, organisation.Id);
        Assert.Empty(await overview.ConnectionsAsync());
        var step2 = await (await overview.FollowConnectAsync()).ChooseAsync(support.Name);
        Assert.Equal([adviser.DisplayName], await step2.AdvisersAsync());

        var wrong = await step2.GrantExpectingErrorAsync(adviser.DisplayName, ["Losse antwoorden downloaden"]);
        Assert.Contains(await wrong.ErrorsAsync(), e => e.Contains("alleen samen met 'Rapporten en actieplan lezen'", StringComparison.Ordinal));

        var connected = await wrong.GrantAsync(adviser.DisplayName, ["Rapporten en actieplan lezen", "Metingen regelen"]);
        Assert.Equal($"U bent verbonden met {support.Name}. Vanaf nu kunnen zij wat u hebt gekozen.", await connected.StatusMessageAsync());
        var card = Assert.Single(await connected.ConnectionsAsync());
        Assert.Contains("Metingen regelen", card, StringComparison.Ordinal);
        Assert.Contains("actief", card, StringComparison.Ordinal);
    }
}
