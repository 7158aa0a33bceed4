using System.Net;
using System.Text;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Features.Tracks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Support;

/// <summary>The caseload shows consenting companies only, each figure only as its report would, and exports no respondent data.</summary>
public sealed class CaseloadTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private async Task<(Guid Id, Guid OwnerId, string Name)> CompanyAsync(string name)
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id, name);
        return (organisation.Id, owner.Id, organisation.Name);
    }

    [Fact]
    public async Task An_adviser_sees_the_companies_that_named_them_and_a_coordinator_sees_every_connected_company()
    {
        var (adviser, support) = await app.CreateAdviserAsync();
        var colleague = await app.CreateUserAsync();
        await app.AddSupportMemberAsync(support.Id, colleague.Id, SupportRole.Adviser);
        var coordinator = await app.CreateUserAsync();
        await app.AddSupportMemberAsync(support.Id, coordinator.Id, SupportRole.Coordinator);
        var mine = await CompanyAsync("Bakkerij Mijn");
        var theirs = await CompanyAsync("Garage Collega");
        var revoked = await CompanyAsync("Drukkerij Ingetrokken");
        var expired = await CompanyAsync("Kwekerij Verlopen");
        var stranger = await CompanyAsync("Metaal Vreemd");
        await app.GrantAsync(mine.Id, support.Id, adviser.Id, ConsentScope.ReadReports);
        await app.GrantAsync(theirs.Id, support.Id, colleague.Id, ConsentScope.ReadReports);
        var toRevoke = await app.GrantAsync(revoked.Id, support.Id, adviser.Id, ConsentScope.ReadReports);
        await app.GrantAsync(expired.Id, support.Id, adviser.Id, ConsentScope.ReadReports, Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(TimeProvider.System).AddDays(-1));
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            (await db.ConsentGrants.SingleAsync(g => g.Id == toRevoke.Id)).RevokedAtUtc = DateTime.UtcNow;
            await db.SaveChangesAsync();
        }

        var adviserHtml = await (await app.LoggedInClientAsync(adviser.Email!)).GetHtmlAsync($"/support/{support.Id}");
        var coordinatorHtml = await (await app.LoggedInClientAsync(coordinator.Email!)).GetHtmlAsync($"/support/{support.Id}");

        Assert.Contains(mine.Name, adviserHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Name, adviserHtml, StringComparison.Ordinal);
        Assert.Contains(mine.Name, coordinatorHtml, StringComparison.Ordinal);
        Assert.Contains(theirs.Name, coordinatorHtml, StringComparison.Ordinal);
        foreach (var html in new[] { adviserHtml, coordinatorHtml })
        {
            Assert.DoesNotContain(revoked.Name, html, StringComparison.Ordinal);
            Assert.DoesNotContain(expired.Name, html, StringComparison.Ordinal);
            Assert.DoesNotContain(stranger.Name, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Someone_outside_the_support_organisation_gets_404_and_an_adviser_lands_on_the_caseload_after_log_in()
    {
        var (adviser, support) = await app.CreateAdviserAsync();
        var (other, _) = await app.CreateAdviserAsync();
        var owner = await app.CreateUserAsync();
        await app.CreateOrganisationAsync(owner.Id);

        var adviserClient = await app.LoggedInClientAsync(adviser.Email!);
        var landing = await adviserClient.GetAsync("/organisations");
        var index = await adviserClient.GetAsync("/support");

        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LoggedInClientAsync(other.Email!)).GetAsync($"/support/{support.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LoggedInClientAsync(owner.Email!)).GetAsync($"/support/{support.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adviserClient.GetAsync($"/support/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);
        Assert.Equal("/support", landing.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, index.StatusCode);
        Assert.Equal($"/support/{support.Id}", index.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Weakest_dimensions_are_the_reports_own_figures_and_hidden_where_the_report_hides_them()
    {
        var (adviser, support) = await app.CreateAdviserAsync();
        var enough = await CompanyAsync("Groot Genoeg");
        var few = await CompanyAsync("Te Klein");
        var roundEnough = await app.CreateRoundAsync(enough.Id, enough.OwnerId, r => r.Title = "Voorjaarsmeting");
        var roundFew = await app.CreateRoundAsync(few.Id, few.OwnerId, r => r.Title = "Kleine meting");
        await app.SeedResponsesAsync(roundEnough, 20, seed: 11);
        await app.SeedResponsesAsync(roundFew, 5, seed: 12); // k' = 5 + 1 reader = 6: nothing may be shown
        await app.GrantAsync(enough.Id, support.Id, adviser.Id, ConsentScope.ReadReports);
        await app.GrantAsync(few.Id, support.Id, adviser.Id, ConsentScope.ReadReports);
        var client = await app.LoggedInClientAsync(adviser.Email!);

        await app.Services.GetRequiredService<StatisticsFolder>().FoldAllAsync();
        var afterFold = await Rows(client, support.Id);

        var weakest = afterFold.Single(r => r.Name == enough.Name).LastRound!.Weakest;
        Assert.Equal(2, weakest.Count);
        Assert.True(weakest[0].Score <= weakest[1].Score);
        var small = afterFold.Single(r => r.Name == few.Name).LastRound!;
        Assert.Equal(5, small.Responses);
        Assert.Empty(small.Weakest);

        // The same scores the report shows for the whole company.
        using var scope = app.Services.CreateScope();
        var report = await scope.ServiceProvider.GetRequiredService<ReportQueries>().BuildAsync(enough.Id, roundEnough.Id, "nl", CancellationToken.None);
        var reported = report!.Dimensions.Where(d => !d.IsModule && d.Score is not null).OrderBy(d => d.Score).Take(2).Select(d => (d.Name, d.Score!.Value));
        Assert.Equal(reported, weakest.Select(w => (w.Name, w.Score)));
    }

    [Fact]
    public async Task Filters_search_and_sorting_narrow_the_list_and_the_export_carries_the_same_rows_without_answers()
    {
        var (adviser, support) = await app.CreateAdviserAsync();
        var north = await CompanyAsync("Noord Installatie");
        var south = await CompanyAsync("Zuid Logistiek");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            var organisation = await db.Organisations.SingleAsync(o => o.Id == south.Id);
            organisation.ProvinceId = "limburg";
            organisation.LabourMarketRegionId = "zuid-limburg";
            organisation.SbiSection = "H";
            db.Tracks.Add(new Track { OrganisationId = south.Id, SupportOrganisationId = support.Id, Stage = TrackStage.Coaching, StartedOn = new DateOnly(2026, 9, 1), CoachHoursBudget = 120 });
            await db.SaveChangesAsync();
            var track = await db.Tracks.SingleAsync(t => t.OrganisationId == south.Id);
            db.CoachHours.AddRange(
                new CoachHoursEntry { OrganisationId = south.Id, TrackId = track.Id, On = new DateOnly(2026, 9, 2), Hours = 2.5m, Activity = "Intake", LoggedByUserId = adviser.Id },
                new CoachHoursEntry { OrganisationId = south.Id, TrackId = track.Id, On = new DateOnly(2026, 9, 9), Hours = 4m, Activity = "Gesprek", LoggedByUserId = adviser.Id });
            await db.SaveChangesAsync();
        }

        await app.GrantAsync(north.Id, support.Id, adviser.Id, ConsentScope.ReadReports);
        await app.GrantAsync(south.Id, support.Id, adviser.Id, ConsentScope.ReadReports);
        var client = await app.LoggedInClientAsync(adviser.Email!);

        var bySearch = await client.GetHtmlAsync($"/support/{support.Id}?q=logistiek");
        var byRegion = await client.GetHtmlAsync($"/support/{support.Id}?regio=zuid-limburg");
        var byStage = await client.GetHtmlAsync($"/support/{support.Id}?fase=none");
        var sorted = await client.GetHtmlAsync($"/support/{support.Id}?sorteer=fase");
        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/support/{support.Id}?handler=Csv&sector=H"));

        Assert.Contains(south.Name, bySearch, StringComparison.Ordinal);
        Assert.DoesNotContain(north.Name, bySearch, StringComparison.Ordinal);
        Assert.Contains(south.Name, byRegion, StringComparison.Ordinal);
        Assert.DoesNotContain(north.Name, byRegion, StringComparison.Ordinal);
        Assert.Contains(north.Name, byStage, StringComparison.Ordinal);
        Assert.DoesNotContain(south.Name, byStage, StringComparison.Ordinal);
        Assert.True(sorted.IndexOf(south.Name, StringComparison.Ordinal) < sorted.IndexOf(north.Name, StringComparison.Ordinal), "a company with a track sorts before one without");
        Assert.Contains("6,5 van 120 uur", byRegion, StringComparison.Ordinal);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(south.Name, lines[1], StringComparison.Ordinal);
        Assert.Contains("6,5", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Response_rate_overdue_steps_and_last_round_are_counted_per_company_and_sort_the_list()
    {
        var (adviser, support) = await app.CreateAdviserAsync();
        var today = Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(TimeProvider.System);
        var high = await CompanyAsync("Hoog Respons");
        var low = await CompanyAsync("Laag Respons");
        var none = await CompanyAsync("Geen Meting");
        var highRound = await app.CreateRoundAsync(high.Id, high.OwnerId, r => (r.OpensOn, r.ClosesOn, r.ExpectedRespondents) = (today.AddDays(-30), today.AddDays(-1), 10));
        var lowRound = await app.CreateRoundAsync(low.Id, low.OwnerId, r => (r.OpensOn, r.ClosesOn, r.ExpectedRespondents) = (today.AddDays(-60), today.AddDays(-40), 10));
        await app.SeedResponsesAsync(highRound, 8, seed: 21);
        await app.SeedResponsesAsync(lowRound, 3, seed: 22);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            db.ActionSteps.AddRange(
                new Leerrijk.Web.Features.ActionPlan.ActionStep { OrganisationId = high.Id, Title = "Niet begonnen", Status = Leerrijk.Web.Features.ActionPlan.ActionStatus.Planned, StartOn = today.AddDays(-3) },
                new Leerrijk.Web.Features.ActionPlan.ActionStep { OrganisationId = high.Id, Title = "Opvolging verlopen", Status = Leerrijk.Web.Features.ActionPlan.ActionStatus.Started, FollowUpOn = today.AddDays(-1) },
                new Leerrijk.Web.Features.ActionPlan.ActionStep { OrganisationId = high.Id, Title = "Klaar", Status = Leerrijk.Web.Features.ActionPlan.ActionStatus.Done, FollowUpOn = today.AddDays(-9) },
                new Leerrijk.Web.Features.ActionPlan.ActionStep { OrganisationId = low.Id, Title = "Op tijd", Status = Leerrijk.Web.Features.ActionPlan.ActionStatus.Planned, StartOn = today.AddDays(5), FollowUpOn = today });
            await db.SaveChangesAsync();
        }

        foreach (var company in new[] { high, low, none })
        {
            await app.GrantAsync(company.Id, support.Id, adviser.Id, ConsentScope.ReadReports);
        }

        var client = await app.LoggedInClientAsync(adviser.Email!);
        var rows = (await Rows(client, support.Id)).ToDictionary(r => r.Name);
        string Order(string html) => string.Join(",", new[] { high.Name, low.Name, none.Name }.OrderBy(n => html.IndexOf(n, StringComparison.Ordinal)));

        Assert.Equal((80, 8, 2, 2), (rows[high.Name].LastRound!.ResponseRatePercent!.Value, rows[high.Name].LastRound!.Responses, rows[high.Name].OpenSteps, rows[high.Name].OverdueSteps));
        Assert.Equal((30, 3, 1, 0), (rows[low.Name].LastRound!.ResponseRatePercent!.Value, rows[low.Name].LastRound!.Responses, rows[low.Name].OpenSteps, rows[low.Name].OverdueSteps));
        Assert.Null(rows[none.Name].LastRound);
        Assert.Equal($"{low.Name},{high.Name},{none.Name}", Order(await client.GetHtmlAsync($"/support/{support.Id}?sorteer=respons")));
        Assert.Equal($"{high.Name},{low.Name},{none.Name}", Order(await client.GetHtmlAsync($"/support/{support.Id}?sorteer=meting")));
        Assert.Equal($"{high.Name},{none.Name},{low.Name}", Order(await client.GetHtmlAsync($"/support/{support.Id}?sorteer=achterstand")));
    }

    [Fact]
    public async Task A_long_caseload_is_shown_in_pages_and_the_export_holds_every_company()
    {
        var (adviser, support) = await app.CreateAdviserAsync();
        for (var i = 0; i < CaseloadModel.PageSize + 3; i++)
        {
            var company = await CompanyAsync($"Pagina Bedrijf {i:00}");
            await app.GrantAsync(company.Id, support.Id, adviser.Id, ConsentScope.ReadReports);
        }

        var client = await app.LoggedInClientAsync(adviser.Email!);
        var first = await client.GetHtmlAsync($"/support/{support.Id}");
        var second = await client.GetHtmlAsync($"/support/{support.Id}?pagina=2");
        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/support/{support.Id}?handler=Csv"));

        Assert.Contains("Pagina Bedrijf 00", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Pagina Bedrijf 27", first, StringComparison.Ordinal);
        Assert.Contains("Pagina Bedrijf 27", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Pagina Bedrijf 00", second, StringComparison.Ordinal);
        Assert.Contains("Pagina 1 van 2", first, StringComparison.Ordinal);
        Assert.Equal(CaseloadModel.PageSize + 3 + 1, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private async Task<IReadOnlyList<CaseloadRow>> Rows(HttpClient client, Guid supportId)
    {
        // The page must serve; the rows are then read through the same query as a check on what it shows.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/support/{supportId}")).StatusCode);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var adviser = await db.SupportMemberships.Where(m => m.SupportOrganisationId == supportId).Select(m => m.UserId).FirstAsync();
        var caseload = scope.ServiceProvider.GetRequiredService<Caseload>();
        return (await caseload.ReadAsync(new SupportMember(supportId, adviser, SupportRole.Adviser), CaseloadFilter.None, 1, null, "nl", CancellationToken.None)).Rows;
    }
}
