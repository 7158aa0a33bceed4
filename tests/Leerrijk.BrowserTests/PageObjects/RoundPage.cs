using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/o/{orgId}/rounds/{roundId}: a round's page with its status and, for HR and owners, closing it.</summary>
public sealed partial class RoundPage : PageObject
{
    internal RoundPage(BrowserSession session, IResponse response)
        : base(session, response, RoundPath())
    {
    }

    public static Task<RoundPage> OpenAsync(BrowserSession session, Guid organisationId, Guid roundId) =>
        OpenAsync(session, $"/o/{organisationId}/rounds/{roundId}", r => new RoundPage(session, r), "round");

    /// <summary>The status badge under the heading ("Open", "Gesloten", …).</summary>
    public async Task<string> StatusAsync() => (await Page.Locator("main .badge").First.InnerTextAsync()).Trim();

    /// <summary>Follows "Meting nu sluiten": a link, so the page asks before anything changes.</summary>
    public Task<RoundPage> AskToCloseAsync() =>
        GoToAsync(() => MainLink("Meting nu sluiten").ClickAsync(), r => new RoundPage(Session, r), "round-close-confirm");

    /// <summary>Whether the page asks to confirm closing.</summary>
    public async Task<bool> AsksToConfirmAsync() => await Page.Locator("main section[aria-labelledby=close-confirm]").CountAsync() == 1;

    /// <summary>Presses "Ja, nu sluiten".</summary>
    public Task<RoundPage> ConfirmCloseAsync() =>
        GoToAsync(() => MainButton("Ja, nu sluiten").ClickAsync(), r => new RoundPage(Session, r), "round-closed");

    [GeneratedRegex("^/o/[0-9a-f-]+/rounds/[0-9a-f-]+$")]
    private static partial Regex RoundPath();
}
