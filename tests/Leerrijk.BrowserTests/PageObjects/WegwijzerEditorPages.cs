using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/wegwijzer/redactie: every offer for editors, stale ones first, with the way to add one.</summary>
public sealed class WegwijzerEditorsPage : PageObject
{
    private WegwijzerEditorsPage(BrowserSession session, IResponse response)
        : base(session, response, "/wegwijzer/redactie")
    {
    }

    public static Task<WegwijzerEditorsPage> OpenAsync(BrowserSession session) =>
        OpenAsync(session, "/wegwijzer/redactie", r => new WegwijzerEditorsPage(session, r), "wegwijzer-redactie");

    public static WegwijzerEditorsPage Arrived(BrowserSession session, IResponse response) => new(session, response);

    public Task<NewOfferPage> FollowNewOfferAsync() =>
        GoToAsync(() => MainLink("Nieuw aanbod toevoegen").ClickAsync(), r => new NewOfferPage(Session, r), "wegwijzer-nieuw");

    public Task<EditOfferPage> FollowOfferAsync(string title, string slug) =>
        GoToAsync(() => MainLink(title).ClickAsync(), r => new EditOfferPage(Session, r, slug), "wegwijzer-bewerken");
}

/// <summary>The fields the new and edit pages share (the _OfferForm partial), filled the way a person does.</summary>
public abstract class OfferFormPage : PageObject
{
    protected OfferFormPage(BrowserSession session, IResponse response, string expectedPath)
        : base(session, response, expectedPath)
    {
    }

    /// <summary>Ticks (or unticks) a checkbox by its id, such as province-gelderland or region-achterhoek.</summary>
    public Task SetAsync(string id, bool on) => Page.Locator("main #" + id).SetCheckedAsync(on);

    public Task FillAsync(string label, string value) => Page.GetByLabel(label, new() { Exact = true }).FillAsync(value);

    public Task<bool> IsCheckedAsync(string id) => Page.Locator("main #" + id).IsCheckedAsync();
}

/// <summary>/wegwijzer/redactie/nieuw: an offer no content file has.</summary>
public sealed class NewOfferPage : OfferFormPage
{
    internal NewOfferPage(BrowserSession session, IResponse response)
        : base(session, response, "/wegwijzer/redactie/nieuw")
    {
    }

    public Task<WegwijzerEditorsPage> AddAsync() =>
        GoToAsync(() => MainButton("Aanbod toevoegen").ClickAsync(), r => WegwijzerEditorsPage.Arrived(Session, r), "wegwijzer-toegevoegd");
}

/// <summary>/wegwijzer/redactie/{slug}: every field of one offer, and its history.</summary>
public sealed class EditOfferPage : OfferFormPage
{
    internal EditOfferPage(BrowserSession session, IResponse response, string slug)
        : base(session, response, "/wegwijzer/redactie/" + slug)
    {
    }

    public static Task<EditOfferPage> OpenAsync(BrowserSession session, string slug) =>
        OpenAsync(session, "/wegwijzer/redactie/" + slug, r => new EditOfferPage(session, r, slug), "wegwijzer-bewerken");

    public Task<WegwijzerEditorsPage> SaveAsync() =>
        GoToAsync(() => MainButton("Opslaan").ClickAsync(), r => WegwijzerEditorsPage.Arrived(Session, r), "wegwijzer-opgeslagen");

    /// <summary>The change history's text.</summary>
    public Task<string> HistoryAsync() => Page.Locator("main table").InnerTextAsync();
}
