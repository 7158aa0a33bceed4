using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;
using Leerrijk.Web.Features.Consent;

namespace Leerrijk.BrowserTests.Features;

/// <summary>An adviser logs in in two steps, lands on the caseload, finds a company and opens its latest report.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CaseloadTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task An_adviser_lands_on_the_caseload_searches_it_and_opens_a_companys_report()
    {
        var app = browser.App;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (adviser, support) = await app.CreateAdviserAsync();
        var owner = await app.CreateUserAsync();
        var bakery = await app.CreateOrganisationAsync(owner.Id, "Bakkerij " + suffix);
        var garage = await app.CreateOrganisationAsync(owner.Id, "Garage " + suffix);
        var round = await app.CreateRoundAsync(bakery.Id, owner.Id, r => r.Title = "Voorjaarsmeting");
        await app.SeedResponsesAsync(round, 20, seed: 31);
        await app.GrantAsync(bakery.Id, support.Id, adviser.Id, ConsentScope.ReadReports);
        await app.GrantAsync(garage.Id, support.Id, adviser.Id, ConsentScope.ReadReports);
        var key = await app.EnableTwoStepAsync(adviser.Email!);
        await using var session = await browser.NewSessionAsync();

        var caseload = await (await (await LoginPage.OpenAsync(session)).LogInToSecondStepAsync(adviser.Email!, LeerrijkAppFactory.Password))
            .LogInToCaseloadAsync(Totp.Code(key));
        Assert.Equal([bakery.Name, garage.Name], await caseload.CompaniesAsync());
        Assert.Contains("20 antwoorden", await caseload.RowTextAsync(bakery.Name), StringComparison.Ordinal);

        var found = await caseload.SearchAsync("garage");
        Assert.Equal([garage.Name], await found.CompaniesAsync());

        var all = await found.SearchAsync("");
        var report = await all.OpenLatestReportAsync(bakery.Name, "Voorjaarsmeting");
        Assert.Contains("Voorjaarsmeting", await report.HeadingAsync(), StringComparison.Ordinal);
    }
}
