using Leerrijk.Web.Data;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Organisations;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Organisations;

/// <summary>The dashboard names the one next step that fits: open a round, follow it, read the report, work on the plan, measure again.</summary>
public sealed class DashboardTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private async Task<(HttpClient Client, Organisation Organisation, Guid OwnerId)> OwnerAsync()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        return (await app.LoggedInClientAsync(owner.Email!), organisation, owner.Id);
    }

    [Fact]
    public async Task A_new_organisation_is_told_to_open_its_first_round()
    {
        var (client, organisation, _) = await OwnerAsync();

        var html = await client.GetHtmlAsync($"/o/{organisation.Id}");

        Assert.Contains("Zet een scan uit onder uw team.", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/o/{organisation.Id}/rounds/new\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Laatste rapport", html, StringComparison.Ordinal);
        Assert.DoesNotContain("binnenkort", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_open_round_is_followed_and_a_closed_one_leads_to_its_report_in_one_click()
    {
        var (client, organisation, ownerId) = await OwnerAsync();
        var closed = await app.CreateRoundAsync(organisation.Id, ownerId, r => r.Title = "Voorjaar");
        await app.SeedResponsesAsync(closed, 12, seed: 3);

        var afterClose = await client.GetHtmlAsync($"/o/{organisation.Id}");
        var open = await app.CreateRoundAsync(organisation.Id, ownerId, r => r.Title = "Najaar");
        var whileOpen = await client.GetHtmlAsync($"/o/{organisation.Id}");

        Assert.Contains("Het rapport van ‘Voorjaar’ is klaar.", afterClose, StringComparison.Ordinal);
        Assert.Contains($"href=\"/o/{organisation.Id}/rounds/{closed.Id}/report\"", afterClose, StringComparison.Ordinal);
        Assert.Contains("De meting ‘Najaar’ loopt tot en met", whileOpen, StringComparison.Ordinal);
        Assert.Contains($"href=\"/o/{organisation.Id}/rounds/{open.Id}\"", whileOpen, StringComparison.Ordinal);
        Assert.Contains("Laatste rapport", whileOpen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_steps_send_you_to_the_plan_and_finished_ones_are_counted_with_a_follow_up_suggested()
    {
        var (client, organisation, ownerId) = await OwnerAsync();
        var round = await app.CreateRoundAsync(organisation.Id, ownerId);
        await app.SeedResponsesAsync(round, 12, seed: 5);
        var steps = new[] { "Koffie met een fout", "Meelopen" }
            .Select(t => new ActionStep { OrganisationId = organisation.Id, Title = t, Status = ActionStatus.Started })
            .ToList();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            db.AddRange(steps);
            await db.SaveChangesAsync();
        }

        var working = await client.GetHtmlAsync($"/o/{organisation.Id}");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            db.AttachRange(steps);
            steps.ForEach(s => s.Status = ActionStatus.Done);
            await db.SaveChangesAsync();
        }

        var done = await client.GetHtmlAsync($"/o/{organisation.Id}");

        Assert.Contains("Werk aan de stappen in uw plan.", working, StringComparison.Ordinal);
        Assert.Contains("U heeft alle stappen in uw plan afgerond.", done, StringComparison.Ordinal);
        Assert.Contains("U heeft 2 stappen afgerond.", done, StringComparison.Ordinal);
        Assert.DoesNotContain("Nog geen stappen.", done, StringComparison.Ordinal);
    }
}
