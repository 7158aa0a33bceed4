using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;
using Leerrijk.Web.Features.Support;

namespace Leerrijk.BrowserTests.Features;

/// <summary>Webhooks in the browser: an owner adds one from the settings, is told why a private address is refused, copies the secret shown once and reads the guide; a coordinator's page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebhookTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task An_owner_adds_a_webhook_from_the_settings_after_a_refused_private_address_and_sees_the_secret_once()
    {
        var owner = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id);
        await using var session = await browser.NewSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);

        var webhooks = await (await SettingsPage.OpenAsync(session, organisation.Id)).FollowWebhooksAsync();
        Assert.Equal("Webhooks", await webhooks.HeadingAsync());

        var refused = await webhooks.AddAsync("https://169.254.169.254/latest/meta-data", ["Meting gesloten"], "webhook-refused");
        Assert.Contains("Dit adres wijst naar een intern of privé netwerk (169.254.169.254).", await refused.MainTextAsync(), StringComparison.Ordinal);
        Assert.Null(await refused.SecretAsync());

        // An address on the public internet, written as an IP address so no name has to be looked up.
        var added = await refused.AddAsync("https://93.184.215.14/leerrijk", ["Meting gesloten", "Rapport klaar"], "webhook-added");
        Assert.Matches("^lrwh_[0-9a-f]{64}$", await added.SecretAsync());
        var card = Assert.Single(await added.SubscriptionsAsync());
        Assert.Contains("Meting gesloten, Rapport klaar", card, StringComparison.Ordinal);
        Assert.Contains("Nog niets verstuurd", card, StringComparison.Ordinal);

        var log = await added.FollowLogAsync("https://93.184.215.14/leerrijk");
        Assert.Null(await log.SecretAsync());
        Assert.Contains("Er is nog geen bericht naar dit adres gestuurd.", await log.MainTextAsync(), StringComparison.Ordinal);

        var guide = await log.FollowGuideAsync();
        Assert.Equal("Webhooks", await guide.HeadingAsync());
        Assert.Contains(await guide.CodeBlocksAsync(), c => c.Contains("HMACSHA256.HashData", StringComparison.Ordinal));
        Assert.Contains(await guide.CodeBlocksAsync(), c => c.Contains("openssl dgst -sha256 -hmac", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_coordinator_opens_the_webhooks_of_the_support_organisation()
    {
        var (coordinator, support) = await browser.App.CreateAdviserAsync(SupportRole.Coordinator);
        await using var session = await browser.NewSessionAsync();
        var key = await browser.App.EnableTwoStepAsync(coordinator.Email!);
        await (await (await LoginPage.OpenAsync(session)).LogInToSecondStepAsync(coordinator.Email!, LeerrijkAppFactory.Password)).LogInToCaseloadAsync(Totp.Code(key));

        var webhooks = await WebhooksPage.OpenSupportAsync(session, support.Id);
        Assert.Equal("Webhooks", await webhooks.HeadingAsync());
        Assert.Contains("U heeft nog geen webhooks.", await webhooks.MainTextAsync(), StringComparison.Ordinal);
    }
}
