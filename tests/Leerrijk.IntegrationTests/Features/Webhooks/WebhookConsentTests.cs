using System.Globalization;
using System.Net;
using System.Text.Json;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Features.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Leerrijk.IntegrationTests.Features.Webhooks.WebhookPages;

namespace Leerrijk.IntegrationTests.Features.Webhooks;

/// <summary>
/// A support organisation's webhooks follow consent as it stands when a delivery is made: a company's events only while
/// its active grant allows them, every change to a grant that names it, and nothing of a company without one.
/// </summary>
public sealed class WebhookConsentTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    private static readonly DateOnly Today = Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(TimeProvider.System);

    private WebhookWorker Worker => app.Services.GetRequiredService<WebhookWorker>();

    private sealed record Company(Guid Id, HttpClient Owner);

    private async Task<Company> CompanyAsync()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        return new Company(organisation.Id, await app.LoggedInClientAsync(owner.Email!));
    }

    private async Task CloseNewRoundAsync(Company company)
    {
        var round = await app.CreateRoundAsync(company.Id, Guid.NewGuid());
        await CloseRoundAsync(company.Owner, company.Id, round.Id);
    }

    private static List<(string? Type, string? Organisation, string? Change)> Events(WebhookReceiver receiver) =>
        receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement)
            .Select(b => (b.GetProperty("type").GetString(), b.GetProperty("organisationId").GetString(), b.TryGetProperty("change", out var c) ? c.GetString() : null))
            .ToList();

    [Fact]
    public async Task A_support_subscription_hears_of_companies_only_through_an_active_grant_with_the_right_scope_and_of_every_change_to_its_grants()
    {
        await using var supportReceiver = await WebhookReceiver.StartAsync();
        await using var companyReceiver = await WebhookReceiver.StartAsync();
        var support = await app.CreateSupportOrganisationAsync();
        var coordinator = await app.CreateUserAsync();
        await app.AddSupportMemberAsync(support.Id, coordinator.Id, SupportRole.Coordinator);
        var coordinatorClient = await app.LoggedInClientAsync(coordinator.Email!);
        var (secret, _) = await SubscribeAsync(coordinatorClient, $"/support/{support.Id}/webhooks", supportReceiver.Url,
            WebhookEventTypes.RoundClosed, WebhookEventTypes.PlanStepDue, WebhookEventTypes.ConsentChanged);

        var reading = await CompanyAsync();
        var grant = await app.GrantAsync(reading.Id, support.Id, null, ConsentScope.ReadReports);
        await SubscribeAsync(reading.Owner, $"/o/{reading.Id}/webhooks", companyReceiver.Url, WebhookEventTypes.ConsentChanged);
        var unconnected = await CompanyAsync();
        var planOnly = await CompanyAsync();
        await app.GrantAsync(planOnly.Id, support.Id, null, ConsentScope.WorkOnPlan);

        // The owner widens the grant on its page: both sides hear of it.
        var edit = $"/o/{reading.Id}/support/{grant.Id}";
        var changed = await reading.Owner.PostFormFieldsAsync(edit + "?handler=Update",
            [("Input.Scopes", "ReadReports"), ("Input.Scopes", "WorkOnPlan"), ("Input.EndsOn", Today.AddMonths(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))], edit);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        // Rounds close at all three companies; a plan step falls due at the plan-only company.
        await CloseNewRoundAsync(reading);
        await CloseNewRoundAsync(unconnected);
        await CloseNewRoundAsync(planOnly);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            db.ActionSteps.Add(new Leerrijk.Web.Features.ActionPlan.ActionStep { OrganisationId = planOnly.Id, Title = "Leeruur", StartOn = Today });
            db.ActionSteps.Add(new Leerrijk.Web.Features.ActionPlan.ActionStep { OrganisationId = unconnected.Id, Title = "Leeruur", StartOn = Today });
            await db.SaveChangesAsync();
        }

        await Worker.RunDueAsync();
        Assert.Equal(
            [("consent.changed", reading.Id.ToString(), "changed"), ("plan.step_due", planOnly.Id.ToString(), null), ("round.closed", reading.Id.ToString(), null)],
            Events(supportReceiver).Order());
        Assert.Equal([("consent.changed", reading.Id.ToString(), "changed")], Events(companyReceiver));
        AssertSignedWith(supportReceiver.Received[0], secret, app.Clock.GetUtcNow());
        var consent = JsonDocument.Parse(supportReceiver.Received.Single(r => r.Header("Leerrijk-Event") == "consent.changed").Body).RootElement;
        Assert.Equal((grant.Id.ToString(), support.Id.ToString()), (consent.GetProperty("grantId").GetString(), consent.GetProperty("supportOrganisationId").GetString()));

        // Revoked: the support organisation hears of the revocation, and of nothing at that company after it.
        var revoked = await reading.Owner.PostFormAsync(edit + "?handler=Revoke", new() { ["confirmed"] = "true" }, edit);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        await CloseNewRoundAsync(reading);
        await Worker.RunDueAsync();
        var after = Events(supportReceiver).Skip(3).ToList();
        Assert.Equal([("consent.changed", reading.Id.ToString(), "revoked")], after);
        Assert.Equal(2, Events(companyReceiver).Count);
        Assert.Equal(4, supportReceiver.Received.Count);
    }

    [Fact]
    public async Task Only_the_support_organisations_coordinators_reach_its_webhook_page()
    {
        var (adviser, support) = await app.CreateAdviserAsync();
        var coordinator = await app.CreateUserAsync();
        await app.AddSupportMemberAsync(support.Id, coordinator.Id, SupportRole.Coordinator);
        var page = $"/support/{support.Id}/webhooks";

        Assert.Equal(HttpStatusCode.OK, (await (await app.LoggedInClientAsync(coordinator.Email!)).GetAsync(page)).StatusCode);
        Assert.True((await (await app.LoggedInClientAsync(adviser.Email!)).GetAsync(page)).IsAccessDenied());
        var (_, otherSupport) = await app.CreateAdviserAsync(SupportRole.Coordinator);
        var otherCoordinator = await app.CreateUserAsync();
        await app.AddSupportMemberAsync(otherSupport.Id, otherCoordinator.Id, SupportRole.Coordinator);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LoggedInClientAsync(otherCoordinator.Email!)).GetAsync(page)).StatusCode);
        var anonymous = await app.CreateBrowserClient().GetAsync(page);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        // The dashboard links to it for coordinators.
        Assert.Contains(page, await (await app.LoggedInClientAsync(coordinator.Email!)).GetHtmlAsync($"/support/{support.Id}"), StringComparison.Ordinal);
    }
}
