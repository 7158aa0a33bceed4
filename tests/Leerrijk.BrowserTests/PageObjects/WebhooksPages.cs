using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/o/{id}/webhooks and /support/{id}/webhooks: the list, adding one (its secret shown once) and the delivery log.</summary>
public sealed partial class WebhooksPage : PageObject
{
    internal WebhooksPage(BrowserSession session, IResponse response)
        : base(session, response, WebhooksPath())
    {
    }

    public static Task<WebhooksPage> OpenSupportAsync(BrowserSession session, Guid supportId) =>
        OpenAsync(session, $"/support/{supportId}/webhooks", r => new WebhooksPage(session, r), "support-webhooks");

    /// <summary>Fills the add form (address, the events by their label, a description) and presses "Webhook toevoegen"; the page comes back.</summary>
    public async Task<WebhooksPage> AddAsync(string url, IReadOnlyList<string> events, string step)
    {
        await Page.GetByLabel("Adres (URL)").FillAsync(url);
        foreach (var label in events)
        {
            await Page.GetByLabel(label).CheckAsync();
        }

        await Page.GetByLabel("Omschrijving (niet verplicht)").FillAsync("Ons HR-pakket");
        return await GoToAsync(() => MainButton("Webhook toevoegen").ClickAsync(), r => new WebhooksPage(Session, r), step);
    }

    /// <summary>The secret in the panel shown right after adding; null when there is none.</summary>
    public async Task<string?> SecretAsync() =>
        await Page.Locator("#webhook-secret-value").CountAsync() == 0 ? null : await Page.Locator("#webhook-secret-value").InnerTextAsync();

    /// <summary>The error shown with the address field.</summary>
    public Task<string> UrlErrorAsync() => Page.Locator("#Input_Url ~ .field-error, .field-error[data-valmsg-for='Input.Url']").First.InnerTextAsync();

    /// <summary>Each webhook's card as text.</summary>
    public async Task<IReadOnlyList<string>> SubscriptionsAsync() =>
        [.. (await Page.Locator("main ul.cards > li").AllInnerTextsAsync()).Select(t => t.ReplaceLineEndings(" ").Trim())];

    /// <summary>Follows "Verstuurde berichten bekijken" of the webhook to this address.</summary>
    public Task<WebhooksPage> FollowLogAsync(string url) =>
        GoToAsync(() => MainLink($"Verstuurde berichten bekijken – {url}").ClickAsync(), r => new WebhooksPage(Session, r), "webhook-log");

    /// <summary>Follows the link to the guide for developers.</summary>
    public Task<WebhookGuidePage> FollowGuideAsync() =>
        GoToAsync(() => Page.Locator("main").GetByRole(AriaRole.Link, new() { NameRegex = GuideLink() }).ClickAsync(), r => new WebhookGuidePage(Session, r), "webhook-guide");

    [GeneratedRegex("^/(o|support)/[0-9a-fA-F-]{36}/webhooks$")]
    private static partial Regex WebhooksPath();

    [GeneratedRegex("^Zo controleert uw systeem")]
    private static partial Regex GuideLink();
}

/// <summary>/webhooks/uitleg: how a receiver checks the signature, from docs/webhooks.md.</summary>
public sealed class WebhookGuidePage : PageObject
{
    internal WebhookGuidePage(BrowserSession session, IResponse response)
        : base(session, response, "/webhooks/uitleg")
    {
    }

    /// <summary>The code examples on the page.</summary>
    public Task<IReadOnlyList<string>> CodeBlocksAsync() => Page.Locator("main pre code").AllInnerTextsAsync();
}
