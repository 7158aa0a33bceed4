using System.Net;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Norms;
using Leerrijk.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Norms;

/// <summary>The report's comparison section and the public method page, on a database of their own (so "no norms yet" is really empty).</summary>
public sealed class NormReportTests(NoBackgroundNormsApp app) : IClassFixture<NoBackgroundNormsApp>
{
    private readonly NormPool data = new(app);

    [Fact]
    public async Task Without_norms_the_report_says_there_are_too_few_companies_then_names_its_place_in_the_most_specific_group()
    {
        var owner = await app.CreateUserAsync();
        var own = await data.CompanyAsync("achterhoek", respondents: 14, ownerId: owner.Id);
        var client = await app.LoggedInClientAsync(owner.Email!);
        var roundId = await LatestRoundAsync(own.Id);
        var url = $"/o/{own.Id}/rounds/{roundId}/report";

        var before = await client.GetHtmlAsync(url);
        Assert.Contains("Hoe staat u ervoor vergeleken met andere bedrijven?", before, StringComparison.Ordinal);
        Assert.Contains("Er zijn nog te weinig bedrijven om mee te vergelijken.", before, StringComparison.Ordinal);
        Assert.DoesNotContain(" bedrijven in de sector ", before, StringComparison.Ordinal);

        // Nine more in the same sector, size and region (the owner's company is the tenth), and ten in another sector.
        for (var i = 0; i < 9; i++)
        {
            await data.CompanyAsync("achterhoek", respondents: 12);
        }

        for (var i = 0; i < 10; i++)
        {
            await data.CompanyAsync("achterhoek", respondents: 12, sector: "F");
        }

        await data.RefreshAsync();
        var html = await client.GetHtmlAsync(url);

        var (name, position) = await ExpectedFirstLineAsync(roundId, ("C", "Small", "achterhoek"));
        Assert.Contains($"{name}: u zit {position} van 10 bedrijven in de sector Industrie met 10 tot en met 49 medewerkers in de regio Achterhoek. (in opbouw)", Squeeze(html), StringComparison.Ordinal);
        Assert.DoesNotContain("Er zijn nog te weinig bedrijven om mee te vergelijken.", html, StringComparison.Ordinal);
        Assert.Contains("/normen", html, StringComparison.Ordinal);
        Assert.Contains($"Bijgewerkt op {NormPool.Today.ToString("D", System.Globalization.CultureInfo.GetCultureInfo("nl-NL"))}", html, StringComparison.Ordinal);

    }

    [Fact]
    public async Task The_method_page_is_public_in_Dutch_and_English_and_shows_the_last_refresh()
    {
        var anonymous = app.CreateClient();

        var dutch = await anonymous.GetAsync("/normen");
        Assert.Equal(HttpStatusCode.OK, dutch.StatusCode);
        var nl = await dutch.TextAsync();
        Assert.Contains("Zo vergelijken we bedrijven", nl, StringComparison.Ordinal);
        Assert.Contains("minstens 20 bedrijven", nl, StringComparison.Ordinal);
        Assert.Contains("Programmacijfers", nl, StringComparison.Ordinal);
        Assert.Contains("vanaf 10 bedrijven, het laagste en hoogste kwart vanaf 20 en de hoogste 10 % vanaf 50", nl, StringComparison.Ordinal);

        var refresh = await data.RefreshAsync();
        var after = await anonymous.GetHtmlAsync("/normen");
        Assert.Contains($"Toen hadden {refresh.Companies} bedrijven gekozen om mee te tellen.", after, StringComparison.Ordinal);
        Assert.DoesNotContain("nog niet uitgerekend", after, StringComparison.Ordinal);

        var en = await anonymous.GetHtmlAsync("/normen?lang=en");
        Assert.Contains("How we compare companies", en, StringComparison.Ordinal);
        Assert.Contains("Programme figures", en, StringComparison.Ordinal);
        Assert.Contains($"At that time {refresh.Companies} companies had chosen to count.", en, StringComparison.Ordinal);
    }

    private async Task<Guid> LatestRoundAsync(Guid organisationId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Rounds
            .Where(r => r.OrganisationId == organisationId).Select(r => r.Id).SingleAsync();
    }

    /// <summary>The first dimension's name and the position words the report should show, worked out from the stored band and the company's shown score.</summary>
    private async Task<(string Name, string Position)> ExpectedFirstLineAsync(Guid roundId, (string Sector, string Size, string Region) cell)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var instrument = scope.ServiceProvider.GetRequiredService<InstrumentCatalog>().Find("leerrijk-teamscan")!;
        var dimension = instrument.Dimensions[0];
        var scores = await scope.ServiceProvider.GetRequiredService<CompanyScores>().ReadAsync([roundId], NormPool.Today, CancellationToken.None);
        var score = scores.Single().Dimensions.Single(d => d.DimensionId == dimension.Id).Score;
        var band = await db.NormBands.AsNoTracking().SingleAsync(b => b.InstrumentId == instrument.Id && b.DimensionId == dimension.Id
            && b.SbiSection == cell.Sector && b.SizeClass == cell.Size && b.LabourMarketRegionId == cell.Region);
        var position = NormLookup.PositionOf(score, band) switch
        {
            NormPosition.LowerHalf => "in de onderste helft",
            NormPosition.UpperHalf => "in de bovenste helft",
            var other => throw new InvalidOperationException($"Ten companies publish only the middle, not {other}"),
        };
        return (dimension.Name.For("nl"), position);
    }

    private static string Squeeze(string html) => System.Text.RegularExpressions.Regex.Replace(html, @"\s+", " ").Replace("</span>", "", StringComparison.Ordinal).Replace("<span class=\"hint\">", "", StringComparison.Ordinal);
}
