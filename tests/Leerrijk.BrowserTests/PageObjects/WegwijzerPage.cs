using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/wegwijzer: every offer judged for the company in the filters, with a reason per rule.</summary>
public sealed class WegwijzerPage : PageObject
{
    private WegwijzerPage(BrowserSession session, IResponse response)
        : base(session, response, "/wegwijzer")
    {
    }

    public static Task<WegwijzerPage> OpenAsync(BrowserSession session) =>
        OpenAsync(session, "/wegwijzer", r => new WegwijzerPage(session, r), "wegwijzer");

    internal static WegwijzerPage Arrive(BrowserSession session, IResponse response) => new(session, response);

    public Task<int> CardCountAsync() => Page.Locator("main .card").CountAsync();

    /// <summary>Fills in the company and shows the offers, as someone without JavaScript would: the form is a plain GET.</summary>
    public async Task<WegwijzerPage> DescribeCompanyAsync(string province, string region, string sector, string employees)
    {
        await Page.GetByLabel("Provincie").SelectOptionAsync(new SelectOptionValue { Label = province });
        await Page.GetByLabel("Arbeidsmarktregio").SelectOptionAsync(new SelectOptionValue { Label = region });
        await Page.GetByLabel("Sector", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = sector });
        await Page.GetByLabel("Aantal medewerkers").FillAsync(employees);
        return await GoToAsync(() => MainButton("Toon aanbod").ClickAsync(), r => new WegwijzerPage(Session, r), "wegwijzer-company");
    }

    /// <summary>The card of one offer by its title: its text, with all reasons unfolded.</summary>
    public async Task<string> CardTextAsync(string title)
    {
        var card = Page.Locator("main .card").Filter(new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = title, Exact = true }) });
        await card.Locator("summary").ClickAsync();
        return await card.InnerTextAsync();
    }
}

/// <summary>/wegwijzer/gids: "which offers fit us?", a plain GET form that answers with every rule per offer.</summary>
public sealed class GuidePage : PageObject
{
    private GuidePage(BrowserSession session, IResponse response)
        : base(session, response, "/wegwijzer/gids")
    {
    }

    public static Task<GuidePage> OpenAsync(BrowserSession session) =>
        OpenAsync(session, "/wegwijzer/gids", r => new GuidePage(session, r), "wegwijzer-guide");

    /// <summary>Answers the questions by the texts people read and presses "Laat zien wat past".</summary>
    public async Task<GuidePage> AnswerAsync(string province, string region, string sector, string employees, string turnover)
    {
        await Page.GetByLabel("Provincie").SelectOptionAsync(new SelectOptionValue { Label = province });
        await Page.GetByLabel("Arbeidsmarktregio").SelectOptionAsync(new SelectOptionValue { Label = region });
        await Page.GetByLabel("Sector", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = sector });
        await Page.GetByLabel("Aantal medewerkers").FillAsync(employees);
        await Page.GetByLabel("Jaaromzet in euro (als u die weet)").FillAsync(turnover);
        await Page.GetByLabel("Werkgevers").CheckAsync();
        return await GoToAsync(() => MainButton("Laat zien wat past").ClickAsync(), r => new GuidePage(Session, r), "wegwijzer-guide-answered");
    }

    /// <summary>The heading and cards of one group ("Past", "Past misschien") as text.</summary>
    public Task<string> GroupTextAsync(string heading) =>
        Page.Locator("main ul.cards").Nth(heading.StartsWith("Past misschien", StringComparison.Ordinal) ? 1 : 0).InnerTextAsync();

    /// <summary>Follows "Aanbod per provincie en regio".</summary>
    public Task<RegionsPage> FollowRegionsAsync() =>
        GoToAsync(() => MainLink("Aanbod per provincie en regio").ClickAsync(), r => new RegionsPage(Session, r), "wegwijzer-regions");
}

/// <summary>/wegwijzer/regios: offers per province and labour-market region.</summary>
public sealed class RegionsPage : PageObject
{
    internal RegionsPage(BrowserSession session, IResponse response)
        : base(session, response, "/wegwijzer/regios")
    {
    }

    /// <summary>Follows the link of one area to the filtered wegwijzer.</summary>
    public Task<WegwijzerPage> FollowAreaAsync(string name) =>
        GoToAsync(() => MainLink(name).First.ClickAsync(), r => WegwijzerPage.Arrive(Session, r), "wegwijzer-area");
}
