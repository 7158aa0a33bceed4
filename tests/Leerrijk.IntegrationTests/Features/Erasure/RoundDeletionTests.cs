using System.Net;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Erasure;

/// <summary>An owner deletes a round after confirming: the round and everything that hangs off it are gone (ADR 0021).</summary>
public sealed class RoundDeletionTests(ErasureApp app) : IClassFixture<ErasureApp>
{
    [Fact]
    public async Task An_owner_deletes_a_round_after_confirming_and_no_table_holds_anything_of_it()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var round = await app.CreateRoundAsync(organisation.Id, owner.Id);
        await app.SeedResponsesAsync(round, 12, seed: 5, comment: i => "Vaker samen oefenen");
        var kept = await app.CreateRoundAsync(organisation.Id, owner.Id);
        await app.SeedResponsesAsync(kept, 12, seed: 6);
        await app.Services.GetRequiredService<StatisticsFolder>().FoldAllAsync();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            db.ActionSteps.Add(new Leerrijk.Web.Features.ActionPlan.ActionStep { OrganisationId = organisation.Id, RoundId = round.Id, Title = "Meelopen" });
            db.WebhookEvents.Add(new Leerrijk.Web.Features.Webhooks.WebhookEvent
            {
                OrganisationId = organisation.Id,
                Type = Leerrijk.Web.Features.Webhooks.WebhookEventTypes.RoundClosed,
                ObjectId = round.Id,
                OccurredAtUtc = DateTime.UtcNow,
                Key = $"test:{Guid.NewGuid()}",
            });
            await db.SaveChangesAsync();
        }

        var client = await app.LoggedInClientAsync(owner.Email!);
        var details = await client.GetHtmlAsync($"/o/{organisation.Id}/rounds/{round.Id}");
        Assert.Contains($"/o/{organisation.Id}/rounds/{round.Id}/verwijderen", details, StringComparison.Ordinal);
        var page = $"/o/{organisation.Id}/rounds/{round.Id}/verwijderen";
        Assert.Contains("de 12 antwoorden", await client.GetHtmlAsync(page), StringComparison.Ordinal);

        // Without the tick the page says what to do, and nothing is deleted.
        var unconfirmed = await client.PostFormAsync(page, new() { ["Input.Confirmed"] = "false" });
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Vink aan dat u begrijpt dat de meting voorgoed weg is. Daarna kunt u verwijderen.", await unconfirmed.TextAsync(), StringComparison.Ordinal);
        Assert.Empty(await MissingAsync(round.Id));

        var deleted = await client.PostFormAsync(page, new() { ["Input.Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal($"/o/{organisation.Id}/rounds", deleted.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/o/{organisation.Id}/rounds/{round.Id}/report")).StatusCode);

        var left = await TableScan.MentionsAsync(app.Services, round.Id);
        Assert.True(left.Count == 0, "Rows of the deleted round remain in: " + string.Join(", ", left));
        Assert.Empty(await MissingAsync(kept.Id));
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            Assert.Equal(1, await db.ActionSteps.CountAsync(s => s.OrganisationId == organisation.Id && s.RoundId == null));
        }
    }

    [Fact]
    public async Task Hr_members_cannot_delete_a_round()
    {
        var round = await app.CreateRoundAsync();
        var hr = await app.CreateUserAsync();
        await app.AddMemberAsync(round.OrganisationId, hr.Id, OrganisationRole.Hr);
        var client = await app.LoggedInClientAsync(hr.Email!);
        var page = $"/o/{round.OrganisationId}/rounds/{round.Id}/verwijderen";
        Assert.True((await client.GetAsync(page)).IsAccessDenied());
        Assert.DoesNotContain(page, await client.GetHtmlAsync($"/o/{round.OrganisationId}/rounds/{round.Id}"), StringComparison.Ordinal);
        var token = await Forms.GetAntiforgeryTokenAsync(client, $"/o/{round.OrganisationId}/rounds/{round.Id}");
        var post = await client.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Confirmed"] = "true", ["__RequestVerificationToken"] = token }));
        Assert.True(post.IsAccessDenied());
        Assert.Empty(await MissingAsync(round.Id));
    }

    private async Task<List<string>> MissingAsync(Guid roundId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var missing = new List<string>();
        if (!await db.Rounds.AnyAsync(r => r.Id == roundId))
        {
            missing.Add("round");
        }

        if (await db.Rounds.AnyAsync(r => r.Id == roundId && r.ClosedAtUtc != null) && !await db.Responses.AnyAsync(r => r.RoundId == roundId))
        {
            missing.Add("responses");
        }

        return missing;
    }
}
