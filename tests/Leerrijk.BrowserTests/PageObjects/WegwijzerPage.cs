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
