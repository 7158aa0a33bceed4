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

    /// <summary>Follows "Informatieblad voor de OR afdrukken" to the round's works council sheet.</summary>
    public Task<CouncilSheetPage> OpenCouncilSheetAsync() =>
        GoToAsync(() => MainLink("Informatieblad voor de OR afdrukken").ClickAsync(), r => new CouncilSheetPage(Session, r), "council-sheet");

    /// <summary>Fills in the owner's "the works council agreed" form and saves it; the page comes back with the record.</summary>
    public Task<RoundPage> RecordAgreementAsync(DateOnly agreedOn, string body, string note) =>
        GoToAsync(
            async () =>
            {
                var form = Page.Locator("main details.works-council-form");
                await form.GetByLabel(body, new() { Exact = true }).CheckAsync();
                await form.GetByLabel("Datum van instemming").FillAsync(agreedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                await form.GetByLabel("Notitie (niet verplicht)").FillAsync(note);
                await form.GetByRole(AriaRole.Button, new() { Name = "Vastleggen", Exact = true }).ClickAsync();
            },
            r => new RoundPage(Session, r),
            "round-agreement-recorded");

    /// <summary>The recorded agreement as the round page states it.</summary>
    public async Task<string> AgreementAsync() => (await Page.Locator("main .works-council-agreed").InnerTextAsync()).Trim();

    [GeneratedRegex("^/o/[0-9a-f-]+/rounds/[0-9a-f-]+$")]
    private static partial Regex RoundPath();
}
