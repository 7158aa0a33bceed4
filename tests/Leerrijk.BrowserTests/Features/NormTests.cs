using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;
using Leerrijk.Web.Features.Norms;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.BrowserTests.Features;

/// <summary>An owner whose company is one of ten in its sector, size and region sees where it stands, and reads how that is worked out.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NormTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task The_owner_sees_the_comparison_in_the_report_and_follows_it_to_the_method_page_in_both_languages()
    {
        await using var session = await browser.NewSessionAsync();
        var pool = new NormPool(browser.App);
        var owner = await browser.App.CreateUserAsync();
        var own = await pool.CompanyAsync("midden-utrecht", respondents: 15, ownerId: owner.Id);
        for (var i = 0; i < 9; i++)
        {
            await pool.CompanyAsync("midden-utrecht", respondents: 12);
        }

        await browser.App.Services.GetRequiredService<NormRefresher>().RefreshAsync();
        Guid roundId;
        using (var scope = browser.App.Services.CreateScope())
        {
            roundId = scope.ServiceProvider.GetRequiredService<Leerrijk.Web.Data.LeerrijkDbContext>().Rounds.Single(r => r.OrganisationId == own.Id).Id;
        }

        await (await LoginPage.OpenAsync(session)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);
        var report = await ReportPage.OpenAsync(session, own.Id, roundId, "report-norms");

        var section = await report.NormSectionTextAsync();
        Assert.NotNull(section);
        Assert.Contains("van 10 bedrijven in de sector Industrie met 10 tot en met 49 medewerkers in de regio Midden-Utrecht.", section, StringComparison.Ordinal);
        Assert.Contains("(in opbouw)", section, StringComparison.Ordinal);

        var method = await report.OpenNormMethodAsync();
        Assert.Equal("Zo vergelijken we bedrijven", await method.HeadingAsync());
        Assert.Contains("Programmacijfers", await method.MainTextAsync(), StringComparison.Ordinal);

        var english = await method.InEnglishAsync();
        Assert.Equal("How we compare companies", await english.HeadingAsync());
        Assert.Equal("en", (await english.LanguageAsync())?[..2]);
    }

    [SkippableFact]
    public async Task Anyone_reads_the_method_page_without_logging_in()
    {
        await using var session = await browser.NewSessionAsync();

        var method = await NormsMethodPage.OpenAsync(session);

        Assert.Equal(200, method.StatusCode);
        Assert.Equal("Zo vergelijken we bedrijven", await method.HeadingAsync());
    }
}
