using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Norms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Norms;

/// <summary>
/// The nightly refresh on a real database. Tests share the database, so each puts its companies in a labour-market
/// region of its own and reads that region's cell; the cells that do not split on region mix every test's companies.
/// </summary>
public sealed class NormRefreshTests(NoBackgroundNormsApp app) : IClassFixture<NoBackgroundNormsApp>
{
    private readonly NormPool data = new(app);

    [Fact]
    public async Task Only_companies_in_the_pool_count_and_one_that_leaves_is_out_after_the_next_refresh()
    {
        const string region = "twente";
        var companies = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            companies.Add((await data.CompanyAsync(region, respondents: 12)).Id);
        }

        // Joined without the pool choice, invited but never joined, and left: none of them counts.
        await data.CompanyAsync(region, respondents: 40, inPool: false);
        var invited = await data.CompanyAsync(region, respondents: 40);
        await data.ChangeParticipationAsync(invited.Id, p => p.JoinedAtUtc = null);
        var left = await data.CompanyAsync(region, respondents: 40);
        await data.ChangeParticipationAsync(left.Id, p => p.LeftAtUtc = DateTime.UtcNow);

        await data.RefreshAsync();
        var band = await data.RegionBandAsync(region);

        Assert.NotNull(band);
        Assert.Equal(10, band.Companies);
        Assert.Equal(120, band.Respondents);
        Assert.Equal(NormStatus.Emerging, band.Status);
        Assert.NotNull(band.P50);
        Assert.Null(band.P25);
        Assert.Null(band.P75);
        Assert.Null(band.P90);

        await data.ChangeParticipationAsync(companies[0], p => p.LeftAtUtc = DateTime.UtcNow);
        Assert.NotNull(await data.RegionBandAsync(region));
        await data.RefreshAsync();

        Assert.Null(await data.RegionBandAsync(region));
    }

    [Fact]
    public async Task A_company_that_withdraws_from_the_pool_but_stays_in_the_programme_is_out_after_the_next_refresh()
    {
        const string region = "drenthe";
        var companies = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            companies.Add((await data.CompanyAsync(region, respondents: 10)).Id);
        }

        await data.RefreshAsync();
        Assert.Equal(10, (await data.RegionBandAsync(region))?.Companies);

        await data.ChangeParticipationAsync(companies[3], p => p.InNormPool = false);
        await data.RefreshAsync();

        Assert.Null(await data.RegionBandAsync(region));
    }

    [Fact]
    public async Task Only_each_companys_latest_round_of_the_last_24_months_counts()
    {
        const string region = "friesland";
        var today = NormPool.Today;
        for (var i = 0; i < 10; i++)
        {
            var company = await data.CompanyAsync(region, respondents: 12);
            await data.RoundAsync(company.Id, respondents: 30, closedOn: today.AddMonths(-6));
        }

        // Latest round 23 months ago: counts. Only rounds 25 months ago, or one a day before the window: do not.
        await data.CompanyAsync(region, respondents: 11, closedOn: today.AddMonths(-23));
        await data.CompanyAsync(region, respondents: 50, closedOn: today.AddMonths(-25));
        await data.CompanyAsync(region, respondents: 50, closedOn: NormRules.WindowFrom(today).AddDays(-1));

        var refresh = await data.RefreshAsync();
        var band = await data.RegionBandAsync(region);

        Assert.NotNull(band);
        Assert.Equal(11, band.Companies);
        Assert.Equal((10 * 12) + 11, band.Respondents);
        Assert.Equal(NormRules.WindowFrom(today), band.WindowFrom);
        Assert.True(refresh.Bands > 0);
        Assert.True(refresh.Companies >= 13);
    }

    [Fact]
    public async Task Twenty_companies_with_500_respondents_are_standard_with_quarters_20_with_480_are_emerging_and_9_are_hidden()
    {
        for (var i = 0; i < 20; i++)
        {
            await data.CompanyAsync("groningen", respondents: 25);
            await data.CompanyAsync("flevoland", respondents: 24);
        }

        for (var i = 0; i < 9; i++)
        {
            await data.CompanyAsync("regio-zwolle", respondents: 60);
        }

        await data.RefreshAsync();
        var standard = await data.RegionBandAsync("groningen");
        var emerging = await data.RegionBandAsync("flevoland");

        Assert.NotNull(standard);
        Assert.Equal((20, 500, NormStatus.Standard), (standard.Companies, standard.Respondents, standard.Status));
        Assert.NotNull(standard.P25);
        Assert.NotNull(standard.P50);
        Assert.NotNull(standard.P75);
        Assert.Null(standard.P90);
        Assert.True(standard.P25 <= standard.P50 && standard.P50 <= standard.P75);

        Assert.NotNull(emerging);
        Assert.Equal((20, 480, NormStatus.Emerging), (emerging.Companies, emerging.Respondents, emerging.Status));
        Assert.NotNull(emerging.P25);

        Assert.Null(await data.RegionBandAsync("regio-zwolle"));
    }

    [Fact]
    public async Task A_refresh_replaces_every_band_and_logs_its_duration_and_counts()
    {
        for (var i = 0; i < 10; i++)
        {
            await data.CompanyAsync("zaanstreek-waterland", respondents: 10);
        }

        var first = await data.RefreshAsync();
        var second = await data.RefreshAsync();

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var bands = await db.NormBands.AsNoTracking().ToListAsync();
        Assert.Equal(second.Bands, bands.Count);
        Assert.Equal(first.Bands, second.Bands);
        Assert.All(bands, b => Assert.Equal(second.StartedAtUtc, b.ComputedAtUtc, TimeSpan.FromMilliseconds(1)));
        Assert.Contains(await db.NormRefreshes.AsNoTracking().ToListAsync(), r => r.Id == second.Id && r.DurationMilliseconds >= 0 && r.Companies == second.Companies);
    }
}
