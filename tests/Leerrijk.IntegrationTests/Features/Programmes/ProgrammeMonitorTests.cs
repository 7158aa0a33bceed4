using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Programmes;
using Leerrijk.Web.Features.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Programmes;

/// <summary>
/// The monitor over real rounds on both databases: computed from the companies' folded statistics, read by the
/// programme's readers only, exported as the same figures, and a company that leaves is out of the next computation.
/// </summary>
public sealed class ProgrammeMonitorTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Fact]
    public async Task The_monitor_shows_baseline_follow_up_and_change_over_sharing_companies_and_a_company_that_leaves_is_out_the_next_night()
    {
        var coordinator = await app.CoordinatorAsync();
        var programme = await app.ProgrammeAsync(coordinator.Support.Id, p => p.StartsOn = ProgrammeTestData.Today.AddDays(-200));
        var owner = await app.CreateUserAsync();
        var companies = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            var organisation = await app.ReadAsync(async db =>
            {
                var o = new Organisation { Name = $"Monitorbedrijf {i}", SbiSection = i < 4 ? "F" : "C", SizeClass = SizeClass.Small, ProvinceId = "gelderland", LabourMarketRegionId = "achterhoek" };
                db.Organisations.Add(o);
                await db.SaveChangesAsync();
                return o;
            });
            companies.Add(organisation.Id);
            await Round(organisation.Id, owner.Id, closedDaysAgo: 150, seed: 100 + i);
            await Round(organisation.Id, owner.Id, closedDaysAgo: 5, seed: 200 + i);
            await app.JoinedAsync(programme, organisation.Id, owner.Id, shares: i != 7);
        }

        var computation = app.Services.GetRequiredService<ProgrammeComputation>();
        await computation.ComputeAsync(programme.Id);

        var html = await coordinator.Client.GetHtmlAsync($"/programma/{programme.Id}");
        Assert.Contains("Verandering", html, StringComparison.Ordinal);
        Assert.Contains("(7 bedrijven)", html, StringComparison.Ordinal); // the company that does not share is not counted
        Assert.Contains("8 van 48", html, StringComparison.Ordinal);      // joined against the target

        var xlsx = await coordinator.Client.GetAsync($"/programma/{programme.Id}?handler=Xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var results = Sheet(await xlsx.Content.ReadAsByteArrayAsync(), "Resultaten");
        Assert.All(results.Skip(1), row => Assert.Equal("7", row[9])); // companies with both scans, per dimension

        // One company leaves: the next computation holds 6 companies, one fewer than published, so the figures wait.
        await app.ChangeAsync(async db =>
        {
            var participant = await db.ProgrammeParticipants.SingleAsync(p => p.ProgrammeId == programme.Id && p.OrganisationId == companies[0]);
            participant.LeftAtUtc = DateTime.UtcNow;
        });
        await computation.ComputeAsync(programme.Id);
        html = await coordinator.Client.GetHtmlAsync($"/programma/{programme.Id}");
        Assert.DoesNotContain("(7 bedrijven)", html, StringComparison.Ordinal);
        Assert.Contains("Even verborgen", html, StringComparison.Ordinal);
        var latest = await app.ReadAsync(db => db.ProgrammeSnapshots.Where(s => s.ProgrammeId == programme.Id).OrderByDescending(s => s.ComputedAtUtc).FirstAsync());
        Assert.Equal(6, System.Text.Json.JsonSerializer.Deserialize<MonitorData>(latest.DataJson, ProgrammeComputation.Json)!.Funnel.Sharing);
    }

    [Fact]
    public async Task Only_the_programmes_managers_and_the_support_organisations_coordinators_read_the_monitor()
    {
        var coordinator = await app.CoordinatorAsync();
        var programme = await app.ProgrammeAsync(coordinator.Support.Id);
        await app.Services.GetRequiredService<ProgrammeComputation>().ComputeAsync(programme.Id);

        Assert.Equal(HttpStatusCode.OK, (await coordinator.Client.GetAsync($"/programma/{programme.Id}")).StatusCode);

        var (adviser, _) = await app.CreateAdviserAsync(SupportRole.Adviser);
        var adviserClient = await app.LoggedInClientAsync(adviser.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await adviserClient.GetAsync($"/programma/{programme.Id}")).StatusCode);

        var other = await app.CoordinatorAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/programma/{programme.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/programma/{programme.Id}?handler=Xlsx")).StatusCode);

        var manager = await app.CreateUserAsync();
        await app.ChangeAsync(db =>
        {
            db.ProgrammeManagers.Add(new ProgrammeManager { ProgrammeId = programme.Id, UserId = manager.Id });
            return Task.CompletedTask;
        });
        var managerClient = await app.LoggedInClientAsync(manager.Email!);
        Assert.Equal(HttpStatusCode.OK, (await managerClient.GetAsync($"/programma/{programme.Id}")).StatusCode);

        // A manager may not compute on demand (only a coordinator, and only the very first time).
        var refused = await managerClient.PostFormAsync($"/programma/{programme.Id}?handler=Compute", []);
        Assert.True(refused.IsAccessDenied(), $"a manager's compute gave {(int)refused.StatusCode}");
    }

    private async Task Round(Guid organisationId, Guid ownerId, int closedDaysAgo, int seed)
    {
        var closedOn = ProgrammeTestData.Today.AddDays(-closedDaysAgo);
        var round = await app.CreateRoundAsync(organisationId, ownerId, r =>
        {
            r.OpensOn = closedOn.AddDays(-14);
            r.ClosesOn = closedOn;
        });
        await app.SeedResponsesAsync(round, 9, seed: seed, close: false);
    }

    private static List<string[]> Sheet(byte[] bytes, string name)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Descendants<Sheet>().Single(s => s.Name == name);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        return part.Worksheet.Descendants<Row>().Select(row => row.Elements<Cell>().Select(c =>
            c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
            : c.CellValue?.Text ?? c.InnerText).ToArray()).ToList();
    }
}
