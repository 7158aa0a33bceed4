using System.Text.Json;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Reports;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Reports;

/// <summary>The app without the background folder, so responses stay unfolded until a test folds them itself.</summary>
public sealed class NoBackgroundFoldingApp : LeerrijkAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Configure<StatisticsFolderOptions>(o => o.RunInBackground = false));
    }
}

/// <summary>Reading a report never writes: responses the folder has not reached are counted in memory, not folded.</summary>
public sealed class ReportReadTests(NoBackgroundFoldingApp app) : IClassFixture<NoBackgroundFoldingApp>
{
    [Fact]
    public async Task A_report_read_on_a_round_with_unfolded_responses_changes_no_fold_flag_or_statistics_row_and_counts_everyone()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var round = await app.CreateRoundAsync(organisation.Id, owner.Id);
        var client = await app.LoggedInClientAsync(owner.Email!);

        // 8 responses folded into statistics rows, then 7 more that stay unfolded, then the round closes.
        await app.SeedResponsesAsync(round, 8, seed: 11, close: false);
        Assert.Equal(8, await app.Services.GetRequiredService<StatisticsFolder>().FoldAllAsync());
        await app.SeedResponsesAsync(round, 7, seed: 12, close: true);
        var before = await StateAsync(round.Id);
        Assert.Equal(7, before.Flags.Count(f => !f.Folded));

        var page = await client.GetHtmlAsync($"/o/{organisation.Id}/rounds/{round.Id}/report");
        var api = await client.GetAsync($"/api/v1/rounds/{round.Id}/report");
        api.EnsureSuccessStatusCode();
        var json = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;

        var after = await StateAsync(round.Id);
        Assert.Equal(before.Flags, after.Flags);
        Assert.Equal(before.Rows, after.Rows);
        Assert.Equal(15, json.GetProperty("respondents").GetInt32());
        Assert.Contains("Scores per onderwerp", page, StringComparison.Ordinal);
    }

    private async Task<(List<(Guid Id, bool Folded)> Flags, List<(Guid Id, string Json)> Rows)> StateAsync(Guid roundId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var flags = await db.Responses.Where(r => r.RoundId == roundId).OrderBy(r => r.Id).Select(r => new { r.Id, r.Folded }).ToListAsync();
        var rows = await db.RoundStatistics.Where(s => s.RoundId == roundId).OrderBy(s => s.Id).Select(s => new { s.Id, s.DataJson }).ToListAsync();
        return (flags.Select(f => (f.Id, f.Folded)).ToList(), rows.Select(r => (r.Id, r.DataJson)).ToList());
    }
}
