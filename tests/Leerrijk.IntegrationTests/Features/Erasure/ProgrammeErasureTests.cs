using System.Text.Json;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Erasure;
using Leerrijk.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Erasure;

/// <summary>
/// An erased company leaves programme figures and norms at their next refresh. Figures published before stay as they
/// were (aggregates over at least k companies); the bookkeeping behind them no longer names the company (ADR 0021).
/// </summary>
public sealed class ProgrammeErasureTests(ErasureApp app) : IClassFixture<ErasureApp>
{
    [Fact]
    public async Task The_next_programme_computation_and_norm_refresh_leave_an_erased_company_out_and_the_published_snapshot_stays()
    {
        var pool = new NormPool(app);
        var companies = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            companies.Add((await pool.CompanyAsync("achterhoek", respondents: 12)).Id);
        }

        var erased = companies[3];
        Guid programmeId;
        using (var scope = app.Services.CreateScope())
        {
            programmeId = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().ProgrammeParticipants
                .Where(p => p.OrganisationId == erased).Select(p => p.ProgrammeId).SingleAsync();
        }

        var computation = app.Services.GetRequiredService<ProgrammeComputation>();
        var first = await computation.ComputeAsync(programmeId);
        Assert.Equal(7, Funnel(first).Joined);
        Assert.Contains(erased.ToString(), first.PopulationsJson, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(7, (await pool.RefreshAsync()).Companies);

        using (var scope = app.Services.CreateScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<Eraser>().EraseOrganisationAsync(erased, CancellationToken.None));
        }

        // The published snapshot is kept as it was shown; only the company's id behind it is gone.
        using (var scope = app.Services.CreateScope())
        {
            var kept = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().ProgrammeSnapshots.SingleAsync(s => s.Id == first.Id);
            Assert.Equal(first.DataJson, kept.DataJson);
            Assert.DoesNotContain(erased.ToString(), kept.PopulationsJson, StringComparison.OrdinalIgnoreCase);
            var before = JsonSerializer.Deserialize<Populations>(first.PopulationsJson, ProgrammeComputation.Json)!;
            var after = JsonSerializer.Deserialize<Populations>(kept.PopulationsJson, ProgrammeComputation.Json)!;
            Assert.Equal(before.Companies.Count, after.Companies.Count);
            Assert.All(before.Sets.Keys, key => Assert.Equal(before.Set(key)!.Count, after.Set(key)!.Count));
        }

        var second = await computation.ComputeAsync(programmeId);
        Assert.Equal(6, Funnel(second).Joined);
        Assert.Equal(6, Funnel(second).Sharing);
        Assert.DoesNotContain(erased.ToString(), second.PopulationsJson, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(6, (await pool.RefreshAsync()).Companies);

        var left = await TableScan.MentionsAsync(app.Services, erased);
        Assert.True(left.Count == 0, "Rows of the erased company remain in: " + string.Join(", ", left));
    }

    private static FunnelData Funnel(ProgrammeSnapshot snapshot) =>
        JsonSerializer.Deserialize<MonitorData>(snapshot.DataJson, ProgrammeComputation.Json)!.Funnel;
}
