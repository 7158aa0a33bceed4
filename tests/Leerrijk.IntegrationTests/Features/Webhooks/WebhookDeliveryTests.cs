using System.Net;
using System.Text.Json;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Leerrijk.IntegrationTests.Features.Webhooks.WebhookPages;

namespace Leerrijk.IntegrationTests.Features.Webhooks;

/// <summary>
/// Webhooks from the company's page to a real receiver on 127.0.0.1: signed as documented, retried on the schedule,
/// timed out without holding up anyone, switched off with a mail after repeated failure, and sent again by hand.
/// </summary>
public sealed class WebhookDeliveryTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    private WebhookWorker Worker => app.Services.GetRequiredService<WebhookWorker>();

    private async Task<(Organisation Organisation, HttpClient Owner, string OwnerEmail, string Page)> CompanyAsync()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        return (organisation, await app.LoggedInClientAsync(owner.Email!), owner.Email!, $"/o/{organisation.Id}/webhooks");
    }

    private async Task<T> InDbAsync<T>(Func<LeerrijkDbContext, Task<T>> read)
    {
        using var scope = app.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>());
    }

    private Task<List<WebhookDelivery>> DeliveriesAsync(string url) =>
        InDbAsync(db => db.WebhookDeliveries.Include(d => d.Event).Where(d => d.Subscription!.Url == url).OrderBy(d => d.CreatedAtUtc).ToListAsync());

    private Task<List<WebhookAttempt>> AttemptsAsync(Guid deliveryId) =>
        InDbAsync(db => db.WebhookAttempts.Where(a => a.DeliveryId == deliveryId).OrderBy(a => a.Number).ToListAsync());

    [Fact]
    public async Task Closing_a_round_on_its_page_delivers_round_closed_signed_with_the_secret_shown_once_and_carrying_ids_only()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (organisation, owner, ownerEmail, page) = await CompanyAsync();
        var (secret, _) = await SubscribeAsync(owner, page, receiver.Url, WebhookEventTypes.RoundClosed);

        // Shown once: not on the page again, and not stored as it is.
        Assert.DoesNotContain(secret, await owner.GetHtmlAsync(page), StringComparison.Ordinal);
        var stored = await InDbAsync(db => db.WebhookSubscriptions.SingleAsync(s => s.OrganisationId == organisation.Id));
        Assert.DoesNotContain(secret, stored.ProtectedSecret, StringComparison.Ordinal);

        var round = await app.CreateRoundAsync(organisation.Id, stored.CreatedByUserId);
        await CloseRoundAsync(owner, organisation.Id, round.Id);
        Assert.Empty(receiver.Received);

        await Worker.RunDueAsync();
        var received = await receiver.NextAsync();
        var delivery = Assert.Single(await DeliveriesAsync(receiver.Url));
        Assert.Equal(WebhookDeliveryStatus.Delivered, delivery.Status);
        Assert.Equal(WebhookEventTypes.RoundClosed, received.Header("Leerrijk-Event"));
        Assert.Equal(delivery.Id.ToString(), received.Header("Leerrijk-Delivery"));
        Assert.StartsWith("application/json", received.Header("Content-Type"), StringComparison.Ordinal);
        AssertSignedWith(received, secret, app.Clock.GetUtcNow());

        using var json = JsonDocument.Parse(received.Body);
        var body = json.RootElement;
        Assert.Equal(["id", "type", "occurredAt", "organisationId", "roundId", "link"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(delivery.EventId.ToString(), body.GetProperty("id").GetString());
        Assert.Equal("round.closed", body.GetProperty("type").GetString());
        Assert.Equal(organisation.Id.ToString(), body.GetProperty("organisationId").GetString());
        Assert.Equal(round.Id.ToString(), body.GetProperty("roundId").GetString());
        // The link is the organisation's rounds in the API, which the integrator reads with a token and finds the round closed.
        var link = new Uri(body.GetProperty("link").GetString()!);
        Assert.Equal($"/api/v1/organisations/{organisation.Id}/rounds", link.AbsolutePath);
        var api = await app.TokenClientAsync(ownerEmail, organisation.Id, null, Leerrijk.Web.Features.Api.ApiScope.ReadReports);
        var rounds = JsonDocument.Parse(await api.GetStringAsync(link.AbsolutePath)).RootElement;
        Assert.Equal("closed", rounds.EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == round.Id).GetProperty("status").GetString());
        Assert.EndsWith("Z", body.GetProperty("occurredAt").GetString(), StringComparison.Ordinal);

        // Tampering with one byte of the body breaks the signature.
        var tampered = received with { Body = [.. received.Body[..^1], (byte)' '] };
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertSignedWith(tampered, secret, app.Clock.GetUtcNow()));

        // The log on the page shows the attempt; closing again raises nothing more.
        var log = await owner.GetHtmlAsync($"{page}?log={stored.Id}");
        Assert.Contains("Meting gesloten", log, StringComparison.Ordinal);
        Assert.Contains("<td>200</td>", log, StringComparison.Ordinal);
        Assert.Contains("Aangekomen", log, StringComparison.Ordinal);
        await CloseRoundAsync(owner, organisation.Id, round.Id);
        await Worker.RunDueAsync();
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task A_receiver_answering_500_is_retried_on_the_backoff_schedule_under_one_delivery_id_and_every_attempt_is_logged()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.StatusCode = 500;
        var (organisation, owner, _, page) = await CompanyAsync();
        await SubscribeAsync(owner, page, receiver.Url, WebhookEventTypes.RoundClosed);
        var round = await app.CreateRoundAsync(organisation.Id, Guid.NewGuid());
        await CloseRoundAsync(owner, organisation.Id, round.Id);

        await Worker.RunDueAsync();
        var delivery = Assert.Single(await DeliveriesAsync(receiver.Url));
        var first = Assert.Single(await AttemptsAsync(delivery.Id));
        Assert.Equal((WebhookAttemptOutcome.HttpError, 500), (first.Outcome, first.StatusCode));
        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
        Assert.Equal(first.AtUtc + TimeSpan.FromMinutes(1), delivery.NextAttemptAtUtc, TimeSpan.FromMilliseconds(1));

        // Not before the wait has passed.
        await Worker.RunDueAsync();
        Assert.Single(receiver.Received);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Worker.RunDueAsync();
        delivery = Assert.Single(await DeliveriesAsync(receiver.Url));
        var second = (await AttemptsAsync(delivery.Id))[1];
        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
        Assert.Equal(second.AtUtc + TimeSpan.FromMinutes(2), delivery.NextAttemptAtUtc, TimeSpan.FromMilliseconds(1));

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await Worker.RunDueAsync();
        delivery = Assert.Single(await DeliveriesAsync(receiver.Url));
        Assert.Equal(WebhookDeliveryStatus.GaveUp, delivery.Status);
        Assert.Equal([1, 2, 3], (await AttemptsAsync(delivery.Id)).Select(a => a.Number));
        Assert.All(await AttemptsAsync(delivery.Id), a => Assert.Equal(500, a.StatusCode));
        Assert.Equal(3, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(r => r.Header("Leerrijk-Delivery")).Distinct());

        // No fourth attempt: three is the most (25 minutes is well past every wait, and short of the owner's log-in idling out).
        app.Clock.Advance(TimeSpan.FromMinutes(25));
        await Worker.RunDueAsync();
        Assert.Equal(3, receiver.Received.Count);

        var log = await owner.GetHtmlAsync($"{page}?log={delivery.SubscriptionId}");
        Assert.Equal(3, log.Split("<td>500</td>").Length - 1);
        Assert.Contains("Mislukt, Leerrijk probeert het niet meer", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hanging_receiver_times_out_is_logged_and_holds_up_neither_a_request_that_closes_a_round_nor_other_deliveries()
    {
        await using var hanging = await WebhookReceiver.StartAsync();
        await using var healthy = await WebhookReceiver.StartAsync();
        hanging.Hang = true;
        var (organisation, owner, _, page) = await CompanyAsync();
        await SubscribeAsync(owner, page, hanging.Url, WebhookEventTypes.RoundClosed);
        await SubscribeAsync(owner, page, healthy.Url, WebhookEventTypes.RoundClosed);
        var first = await app.CreateRoundAsync(organisation.Id, Guid.NewGuid());
        var second = await app.CreateRoundAsync(organisation.Id, Guid.NewGuid());
        await CloseRoundAsync(owner, organisation.Id, first.Id);

        var run = Worker.RunDueAsync();
        await hanging.NextAsync();

        // The healthy receiver gets its delivery while the other one is still held.
        await healthy.NextAsync();

        // A request that raises an event completes while the receiver is still holding the earlier delivery.
        await CloseRoundAsync(owner, organisation.Id, second.Id);
        Assert.Single(hanging.Received);

        await run;
        hanging.Release();
        var held = Assert.Single(await DeliveriesAsync(hanging.Url));
        var attempt = Assert.Single(await AttemptsAsync(held.Id));
        Assert.Equal(WebhookAttemptOutcome.Timeout, attempt.Outcome);
        Assert.Null(attempt.StatusCode);
        Assert.Equal("No answer within 2 s", attempt.Error);
        Assert.Equal(WebhookDeliveryStatus.Failed, held.Status);
        Assert.Equal(WebhookDeliveryStatus.Delivered, Assert.Single(await DeliveriesAsync(healthy.Url)).Status);

        var log = await owner.GetHtmlAsync($"{page}?log={held.SubscriptionId}");
        Assert.Contains("Geen antwoord op tijd: No answer within 2 s", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_deliveries_give_up_twice_in_a_row_the_subscription_is_switched_off_and_the_owners_are_mailed_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.StatusCode = 410;
        var (organisation, owner, ownerEmail, page) = await CompanyAsync();
        var secondOwner = await app.CreateUserAsync();
        await app.AddMemberAsync(organisation.Id, secondOwner.Id, OrganisationRole.Owner);
        var hr = await app.CreateUserAsync();
        await app.AddMemberAsync(organisation.Id, hr.Id, OrganisationRole.Hr);
        await SubscribeAsync(owner, page, receiver.Url, WebhookEventTypes.RoundClosed);
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var round = await app.CreateRoundAsync(organisation.Id, Guid.NewGuid());
            await CloseRoundAsync(owner, organisation.Id, round.Id);
        }

        // 410 Gone is a refusal: each delivery gives up after its first attempt.
        await Worker.RunDueAsync();
        Assert.All(await DeliveriesAsync(receiver.Url), d => Assert.Equal((WebhookDeliveryStatus.GaveUp, 1), (d.Status, d.Attempts)));
        var subscription = await InDbAsync(db => db.WebhookSubscriptions.SingleAsync(s => s.OrganisationId == organisation.Id));
        Assert.False(subscription.Enabled);
        Assert.NotNull(subscription.DisabledForFailuresAtUtc);

        var mail = await app.Outbox.WaitForMessageToAsync(ownerEmail, "Webhook van");
        Assert.Equal($"Webhook van {organisation.Name} uitgezet", mail.Subject);
        Assert.Contains($"Leerrijk kon 2 berichten op rij niet afleveren bij {receiver.Url}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Leerrijk could not deliver 2 messages in a row to {receiver.Url}", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal($"/o/{organisation.Id}/webhooks", MailOutbox.LinkIn(mail, "/webhooks").AbsolutePath);
        await app.Outbox.WaitForMessageToAsync(secondOwner.Email!, "Webhook van");
        var messages = app.Outbox.Messages();
        Assert.Single(messages, m => m.To.Mailboxes.Any(b => b.Address == ownerEmail));
        Assert.DoesNotContain(messages, m => m.To.Mailboxes.Any(b => b.Address == hr.Email));
        Assert.Contains("Uit: Leerrijk zette hem op", await owner.GetHtmlAsync(page), StringComparison.Ordinal);

        // Switched off, it gets no new deliveries; switched on again, it does, with the count back at zero.
        var third = await app.CreateRoundAsync(organisation.Id, Guid.NewGuid());
        await CloseRoundAsync(owner, organisation.Id, third.Id);
        await Worker.RunDueAsync();
        Assert.Equal(2, (await DeliveriesAsync(receiver.Url)).Count);
        var enabled = await owner.PostFormAsync($"{page}?handler=Enable", new() { ["subscriptionId"] = subscription.Id.ToString() }, page);
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        subscription = await InDbAsync(db => db.WebhookSubscriptions.SingleAsync(s => s.Id == subscription.Id));
        Assert.Equal((true, 0, (DateTime?)null), (subscription.Enabled, subscription.ConsecutiveFailures, subscription.DisabledForFailuresAtUtc));
    }

    [Fact]
    public async Task Send_again_makes_a_new_attempt_of_the_same_delivery_which_the_receiver_can_recognise()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.StatusCode = 404;
        var (organisation, owner, _, page) = await CompanyAsync();
        var (secret, _) = await SubscribeAsync(owner, page, receiver.Url, WebhookEventTypes.RoundClosed);
        var round = await app.CreateRoundAsync(organisation.Id, Guid.NewGuid());
        await CloseRoundAsync(owner, organisation.Id, round.Id);
        await Worker.RunDueAsync();
        var delivery = Assert.Single(await DeliveriesAsync(receiver.Url));
        Assert.Equal(WebhookDeliveryStatus.GaveUp, delivery.Status);

        // The receiver is fixed; the owner sends the message again from the log.
        receiver.StatusCode = 204;
        var log = await owner.GetHtmlAsync($"{page}?log={delivery.SubscriptionId}");
        Assert.Contains("Opnieuw versturen", log, StringComparison.Ordinal);
        var resent = await owner.PostFormAsync($"{page}?handler=Resend", new() { ["deliveryId"] = delivery.Id.ToString() }, page);
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        await Worker.RunDueAsync();

        delivery = Assert.Single(await DeliveriesAsync(receiver.Url));
        Assert.Equal((WebhookDeliveryStatus.Delivered, 2), (delivery.Status, delivery.Attempts));
        Assert.Equal([404, 204], (await AttemptsAsync(delivery.Id)).Select(a => a.StatusCode));
        Assert.Equal(2, receiver.Received.Count);
        Assert.All(receiver.Received, r => Assert.Equal(delivery.Id.ToString(), r.Header("Leerrijk-Delivery")));
        Assert.Equal(receiver.Received[0].Body, receiver.Received[1].Body);
        AssertSignedWith(receiver.Received[1], secret, app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task A_new_round_that_opens_today_a_report_with_enough_responses_and_a_due_plan_step_each_raise_their_event_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (organisation, owner, _, page) = await CompanyAsync();
        await SubscribeAsync(owner, page, receiver.Url, WebhookEventTypes.RoundOpened, WebhookEventTypes.ReportReady, WebhookEventTypes.PlanStepDue);
        var today = Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(app.Clock);

        // Opened on the page for today: raised with the round.
        var newRound = $"/o/{organisation.Id}/rounds/new?instrument=leerrijk-teamscan";
        var created = await owner.PostFormAsync(newRound, new()
        {
            ["Input.Title"] = "Voorjaarsmeting",
            ["Input.OpensOn"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ClosesOn"] = today.AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Roles"] = "Employee",
            ["Input.Languages"] = "nl",
            ["Input.AnonymityThreshold"] = "5",
        }, newRound);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var opened = await InDbAsync(db => db.Rounds.SingleAsync(r => r.OrganisationId == organisation.Id));

        // A round that closed with 12 responses (k' = 5 + 1 reader) has a report; one with 3 has none.
        var full = await app.CreateRoundAsync(organisation.Id, Guid.NewGuid(), r => r.OpensOn = today.AddDays(-30));
        await app.SeedResponsesAsync(full, 12, seed: 3);
        var thin = await app.CreateRoundAsync(organisation.Id, Guid.NewGuid(), r => r.OpensOn = today.AddDays(-30));
        await app.SeedResponsesAsync(thin, 3, seed: 4);

        // A planned step that starts today is due; a finished one whose follow-up is today is not.
        var (due, done) = await InDbAsync(async db =>
        {
            var dueStep = new Leerrijk.Web.Features.ActionPlan.ActionStep { OrganisationId = organisation.Id, Title = "Meelopen bij de buren", StartOn = today };
            var doneStep = new Leerrijk.Web.Features.ActionPlan.ActionStep
            {
                OrganisationId = organisation.Id,
                Title = "Leeruur",
                FollowUpOn = today,
                Status = Leerrijk.Web.Features.ActionPlan.ActionStatus.Done,
            };
            db.ActionSteps.AddRange(dueStep, doneStep);
            await db.SaveChangesAsync();
            return (dueStep.Id, doneStep.Id);
        });

        await Worker.RunDueAsync();
        await Worker.RunDueAsync();

        var bodies = receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        var events = bodies.Select(b => (b.GetProperty("type").GetString(), b.TryGetProperty("roundId", out var id) ? id.GetString() : b.GetProperty("stepId").GetString())).ToList();
        Assert.Equal(3, events.Count);
        Assert.Contains(("round.opened", opened.Id.ToString()), events);
        Assert.Contains(("report.ready", full.Id.ToString()), events);
        Assert.Contains(("plan.step_due", due.ToString()), events);
        var report = bodies.Single(b => b.GetProperty("type").GetString() == "report.ready");
        Assert.EndsWith($"/api/v1/rounds/{full.Id}/report", report.GetProperty("link").GetString(), StringComparison.Ordinal);
        var step = bodies.Single(b => b.GetProperty("type").GetString() == "plan.step_due");
        Assert.Equal(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), step.GetProperty("dueOn").GetString());

        // No figure and no name leaves: not the step's title, nor a count.
        Assert.All(receiver.Received, r => Assert.DoesNotContain("Meelopen", System.Text.Encoding.UTF8.GetString(r.Body), StringComparison.Ordinal));
        Assert.DoesNotContain(done.ToString(), string.Join(" ", events), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_owners_manage_a_companys_webhooks_and_another_companys_owner_finds_nothing()
    {
        var (organisation, owner, _, page) = await CompanyAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(owner, page, receiver.Url, WebhookEventTypes.RoundClosed);
        var subscription = await InDbAsync(db => db.WebhookSubscriptions.SingleAsync(s => s.OrganisationId == organisation.Id));

        var hr = await app.CreateUserAsync();
        await app.AddMemberAsync(organisation.Id, hr.Id, OrganisationRole.Hr);
        var hrClient = await app.LoggedInClientAsync(hr.Email!);
        Assert.True((await hrClient.GetAsync(page)).IsAccessDenied());

        var (other, otherOwner, _, otherPage) = await CompanyAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await otherOwner.GetAsync(page)).StatusCode);

        // Through one's own page, another company's subscription does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await otherOwner.GetAsync($"{otherPage}?log={subscription.Id}")).StatusCode);
        var delete = await otherOwner.PostFormAsync($"{otherPage}?handler=Delete", new() { ["subscriptionId"] = subscription.Id.ToString(), ["confirmed"] = "true" }, otherPage);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.True(await InDbAsync(db => db.WebhookSubscriptions.AnyAsync(s => s.Id == subscription.Id)));
        Assert.NotEqual(organisation.Id, other.Id);

        // The owner deletes it after confirming.
        var ask = await owner.PostFormAsync($"{page}?handler=Delete", new() { ["subscriptionId"] = subscription.Id.ToString() }, page);
        Assert.Equal(HttpStatusCode.Redirect, ask.StatusCode);
        Assert.Contains("Webhook verwijderen?", await owner.GetHtmlAsync(ask.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.True(await InDbAsync(db => db.WebhookSubscriptions.AnyAsync(s => s.Id == subscription.Id)));
        await owner.PostFormAsync($"{page}?handler=Delete", new() { ["subscriptionId"] = subscription.Id.ToString(), ["confirmed"] = "true" }, page);
        Assert.False(await InDbAsync(db => db.WebhookSubscriptions.AnyAsync(s => s.Id == subscription.Id)));
    }
}
