using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Anonymity;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Infrastructure;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Leerrijk.Web.Features.Webhooks;

/// <summary>
/// Delivers webhooks in the background: raises the events that follow from dates and counts (a round that opened on
/// its date, a report that can be shown, a plan step that is due), turns new events into deliveries for the
/// subscriptions that may hear of them, and sends the deliveries that are due, several at a time, each within
/// <see cref="WebhookOptions.Timeout"/>. Every attempt is logged; failures are retried with backoff; a subscription
/// whose deliveries give up <see cref="WebhookOptions.DisableAfterFailures"/> times in a row is switched off and its
/// owners are mailed. The queue is the database, so a restart loses nothing.
/// </summary>
public sealed partial class WebhookWorker(
    IServiceScopeFactory scopes, IHttpClientFactory httpClients, WebhookSecrets secrets, PublicLinks links, IOptions<WebhookOptions> options,
    TimeProvider clock, ILogger<WebhookWorker> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    public const int BatchSize = 100;

    /// <summary>Scheduled events are looked for this far back, so a worker that was down for days still raises them, but old history is never replayed.</summary>
    public const int LookBackDays = 7;

    /// <summary>Events (with their deliveries and attempts) are kept this long for the delivery log.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    /// <summary>The scans for scheduled events run at most this often in the background; deliveries are checked every <see cref="WebhookOptions.Interval"/>.</summary>
    public static readonly TimeSpan ScanInterval = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _oneRunAtATime = new(1, 1);
    private DateTimeOffset _nextScan = DateTimeOffset.MinValue;

    private WebhookOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.RunInBackground)
        {
            return;
        }

        using var timer = new PeriodicTimer(Options.Interval, clock);
        do
        {
            try
            {
                var scan = clock.GetUtcNow() >= _nextScan;
                if (scan)
                {
                    _nextScan = clock.GetUtcNow() + ScanInterval;
                }

                await RunAsync(scan, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database or a receiver being away must not stop deliveries for good: the next tick tries again.
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One full pass: raise scheduled events, make deliveries, and make one attempt of each delivery now due; returns the attempts made.</summary>
    public Task<int> RunDueAsync(CancellationToken cancellationToken = default) => RunAsync(scan: true, cancellationToken);

    private async Task<int> RunAsync(bool scan, CancellationToken cancellationToken)
    {
        await _oneRunAtATime.WaitAsync(cancellationToken);
        try
        {
            if (scan)
            {
                await RaiseScheduledAsync(cancellationToken);
            }

            while (await DispatchAsync(cancellationToken) > 0)
            {
            }

            return await SendDueAsync(cancellationToken);
        }
        finally
        {
            _oneRunAtATime.Release();
        }
    }

    /// <summary>Raises round.opened for rounds that opened on their date, report.ready for closed rounds whose report shows figures, and plan.step_due.</summary>
    private async Task RaiseScheduledAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var today = LocalizationSetup.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var since = today.AddDays(-LookBackDays);

        // Outside a request no tenant is entered: every company is read, on purpose.
        var opened = await db.Rounds.AsNoTracking()
            .Where(r => r.ClosedAtUtc == null && r.OpensOn <= today && r.OpensOn >= since && r.ClosesOn >= today
                && !db.WebhookEvents.Any(e => e.ObjectId == r.Id && e.Type == WebhookEventTypes.RoundOpened))
            .ToListAsync(cancellationToken);
        foreach (var round in opened)
        {
            await SaveEventAsync(db, () => WebhookOutbox.RoundOpened(db, round, now), cancellationToken);
        }

        await RaiseReportsReadyAsync(scope.ServiceProvider, db, now, cancellationToken);

        var planned = ActionStatus.Planned;
        var started = ActionStatus.Started;
        var steps = await db.ActionSteps.AsNoTracking()
            .Where(s => (s.Status == planned && s.StartOn != null && s.StartOn <= today && s.StartOn >= since)
                || ((s.Status == planned || s.Status == started) && s.FollowUpOn != null && s.FollowUpOn <= today && s.FollowUpOn >= since))
            .Select(s => new { s.Id, s.OrganisationId, s.Status, s.StartOn, s.FollowUpOn })
            .ToListAsync(cancellationToken);
        var stepIds = steps.Select(s => s.Id).ToList();
        var raised = (await db.WebhookEvents.AsNoTracking()
                .Where(e => e.Type == WebhookEventTypes.PlanStepDue && stepIds.Contains(e.ObjectId))
                .Select(e => e.Key)
                .ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            // A step is due on its start date while nobody started it, and on its follow-up date while it is not done.
            DateOnly?[] dates = [step.Status == planned ? step.StartOn : null, step.FollowUpOn];
            foreach (var due in dates.OfType<DateOnly>().Where(d => d <= today && d >= since).Distinct())
            {
                if (raised.Add(WebhookOutbox.StepDueKey(step.Id, due)))
                {
                    await SaveEventAsync(db, () => WebhookOutbox.StepDue(db, step.OrganisationId, step.Id, due, now), cancellationToken);
                }
            }
        }

        await db.WebhookEvents.Where(e => e.OccurredAtUtc < now - Retention).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// report.ready, once per round: when a closed round's report shows figures (status CompanyOnly or Full), decided by
    /// the report itself (<see cref="ReportQueries"/>), so the anonymity rule is applied exactly as on the page. Counts
    /// sort out the rounds with too few responses first, without reading statistics.
    /// </summary>
    private async Task RaiseReportsReadyAsync(IServiceProvider services, LeerrijkDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var closedSince = now.AddDays(-LookBackDays);
        var candidates = await db.Rounds.AsNoTracking()
            .Where(r => r.ClosedAtUtc != null && r.ClosedAtUtc >= closedSince
                && !db.WebhookEvents.Any(e => e.ObjectId == r.Id && e.Type == WebhookEventTypes.ReportReady))
            .Select(r => new
            {
                r.Id,
                r.OrganisationId,
                r.AnonymityThreshold,
                Responses = db.Responses.Count(s => s.RoundId == r.Id) + r.RemovedResponses,
                Readers = db.Memberships.Count(m => m.OrganisationId == r.OrganisationId),
            })
            .ToListAsync(cancellationToken);
        var reports = services.GetRequiredService<ReportQueries>();
        foreach (var round in candidates.Where(c => EffectiveThreshold.Disclosure(c.AnonymityThreshold, c.Readers).MayShowTotal(c.Responses)))
        {
            var report = await reports.BuildAsync(round.OrganisationId, round.Id, "nl", cancellationToken);
            if (report?.Status is ReportStatus.CompanyOnly or ReportStatus.Full)
            {
                await SaveEventAsync(db, () => WebhookOutbox.ReportReady(db, round.OrganisationId, round.Id, now), cancellationToken);
            }
        }
    }

    /// <summary>Saves one scheduled event; when another app instance stored it first, its unique key refuses the copy.</summary>
    private async Task SaveEventAsync(LeerrijkDbContext db, Action raise, CancellationToken cancellationToken)
    {
        raise();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            LogEventExists(ex.InnerException?.Message ?? ex.Message);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Turns a batch of new events into deliveries, checking consent as it stands now; returns how many events it handled.</summary>
    private async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();

        // PostgreSQL retries a transaction that broke on a dropped connection as a whole, from a clean context.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(
            db, async (db, ct) =>
            {
                db.ChangeTracker.Clear();
                return await DispatchAsync(db, ct);
            },
            verifySucceeded: null,
            cancellationToken);
    }

    private async Task<int> DispatchAsync(LeerrijkDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var events = await db.WebhookEvents.AsNoTracking()
            .Where(e => e.DispatchedAtUtc == null)
            .OrderBy(e => e.OccurredAtUtc)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var ids = events.Select(e => e.Id).ToList();
        var claimed = await db.WebhookEvents.Where(e => ids.Contains(e.Id) && e.DispatchedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DispatchedAtUtc, now), cancellationToken);
        if (claimed != ids.Count)
        {
            // Another instance is dispatching some of these; leave them all to the next pass.
            await transaction.RollbackAsync(cancellationToken);
            return 0;
        }

        var companies = events.Select(e => (Guid?)e.OrganisationId).Distinct().ToList();
        var companySubscriptions = await db.WebhookSubscriptions.AsNoTracking()
            .Where(s => s.Enabled && companies.Contains(s.OrganisationId))
            .ToListAsync(cancellationToken);

        // Consent as it stands when the delivery is made: a support organisation hears of a company only while that
        // company's active grant to it allows what the event is about.
        var today = LocalizationSetup.Today(clock);
        var companyIds = companies.Select(c => c!.Value).ToList();
        var grants = await db.ConsentGrants.AsNoTracking().Where(ConsentGrant.ActiveOn(today))
            .Where(g => companyIds.Contains(g.OrganisationId))
            .Select(g => new { g.OrganisationId, g.SupportOrganisationId, g.Scopes })
            .ToListAsync(cancellationToken);
        var supports = grants.Select(g => (Guid?)g.SupportOrganisationId)
            .Concat(events.Where(e => e.SupportOrganisationId is not null).Select(e => e.SupportOrganisationId))
            .Distinct()
            .ToList();
        var supportSubscriptions = await db.WebhookSubscriptions.AsNoTracking()
            .Where(s => s.Enabled && supports.Contains(s.SupportOrganisationId))
            .ToListAsync(cancellationToken);

        foreach (var e in events)
        {
            var recipients = companySubscriptions.Where(s => s.OrganisationId == e.OrganisationId && s.Events.Contains(e.Type))
                .Concat(supportSubscriptions.Where(s => s.Events.Contains(e.Type) && (
                    e.Type == WebhookEventTypes.ConsentChanged
                        ? s.SupportOrganisationId == e.SupportOrganisationId
                        : grants.Any(g => g.OrganisationId == e.OrganisationId && g.SupportOrganisationId == s.SupportOrganisationId
                            && (g.Scopes & ScopeFor(e.Type)) == ScopeFor(e.Type)))));
            foreach (var subscription in recipients)
            {
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    SubscriptionId = subscription.Id,
                    EventId = e.Id,
                    Status = WebhookDeliveryStatus.Pending,
                    NextAttemptAtUtc = now,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }

    /// <summary>What a company's grant must allow for its support organisation to hear of an event (consent.changed needs none).</summary>
    public static ConsentScope ScopeFor(string type) =>
        type == WebhookEventTypes.PlanStepDue ? ConsentScope.WorkOnPlan : ConsentScope.ReadReports;

    private async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        List<(Guid Id, DateTime Next)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            var pending = WebhookDeliveryStatus.Pending;
            var failed = WebhookDeliveryStatus.Failed;
            due = (await db.WebhookDeliveries.AsNoTracking()
                    .Where(d => (d.Status == pending || d.Status == failed) && d.NextAttemptAtUtc <= now && d.Subscription!.Enabled)
                    .OrderBy(d => d.NextAttemptAtUtc)
                    .Take(BatchSize)
                    .Select(d => new { d.Id, d.NextAttemptAtUtc })
                    .ToListAsync(cancellationToken))
                .Select(d => (d.Id, d.NextAttemptAtUtc))
                .ToList();
        }

        var attempts = 0;

        // A slow receiver holds one of these slots for at most the timeout; the others go on.
        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = Options.MaxParallel, CancellationToken = cancellationToken },
            async (delivery, ct) =>
            {
                if (await AttemptAsync(delivery.Id, delivery.Next, ct))
                {
                    Interlocked.Increment(ref attempts);
                }
            });
        return attempts;
    }

    /// <summary>Makes one attempt of a delivery, if no other instance took it first; logs it and plans what comes next.</summary>
    private async Task<bool> AttemptAsync(Guid deliveryId, DateTime seenNext, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var options = Options;

        // Claimed with a lease: another instance sees it as not due until the lease ends, so it runs once; if this
        // instance stops mid-attempt, the lease runs out and the delivery is tried again.
        var lease = clock.GetUtcNow().UtcDateTime + options.Timeout + TimeSpan.FromMinutes(1);
        var pending = WebhookDeliveryStatus.Pending;
        var failed = WebhookDeliveryStatus.Failed;
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == deliveryId && d.NextAttemptAtUtc == seenNext && (d.Status == pending || d.Status == failed))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAtUtc, lease), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var delivery = await db.WebhookDeliveries.Include(d => d.Subscription).Include(d => d.Event).SingleAsync(d => d.Id == deliveryId, cancellationToken);
        var subscription = delivery.Subscription!;
        var number = delivery.Attempts + 1;
        var result = await SendAsync(subscription, delivery.Event!, delivery.Id, cancellationToken);

        db.WebhookAttempts.Add(new WebhookAttempt
        {
            DeliveryId = delivery.Id,
            Number = number,
            AtUtc = result.SentAtUtc,
            Outcome = result.Outcome,
            StatusCode = result.StatusCode,
            DurationMs = result.DurationMs,
            Error = result.Error is null ? null : Truncate(result.Error, WebhookAttempt.ErrorMaxLength),
        });
        delivery.Attempts = number;
        var manual = delivery.ManualAttempt;
        delivery.ManualAttempt = false;
        if (result.Outcome == WebhookAttemptOutcome.Delivered)
        {
            delivery.Status = WebhookDeliveryStatus.Delivered;
            delivery.NextAttemptAtUtc = result.SentAtUtc;
        }
        else if (!manual && ShouldRetry(result) && number < options.MaxAttempts)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            delivery.NextAttemptAtUtc = result.SentAtUtc + options.BackoffAfter(number);
        }
        else
        {
            delivery.Status = WebhookDeliveryStatus.GaveUp;
            delivery.NextAttemptAtUtc = result.SentAtUtc;
        }

        await db.SaveChangesAsync(cancellationToken);
        LogAttempt(delivery.Id, subscription.Id, number, result.Outcome, result.StatusCode, delivery.Status);

        if (delivery.Status == WebhookDeliveryStatus.Delivered)
        {
            await db.WebhookSubscriptions.Where(s => s.Id == subscription.Id && s.ConsecutiveFailures != 0)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConsecutiveFailures, 0), cancellationToken);
        }
        else if (delivery.Status == WebhookDeliveryStatus.GaveUp && !manual)
        {
            await CountFailureAsync(scope.ServiceProvider, db, subscription.Id, cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// Counts a delivery that gave up; at <see cref="WebhookOptions.DisableAfterFailures"/> in a row the subscription is
    /// switched off (by one conditional update, so two parallel failures mail once) and its owners are told.
    /// </summary>
    private async Task CountFailureAsync(IServiceProvider services, LeerrijkDbContext db, Guid subscriptionId, CancellationToken cancellationToken)
    {
        await db.WebhookSubscriptions.Where(s => s.Id == subscriptionId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConsecutiveFailures, x => x.ConsecutiveFailures + 1), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var limit = Options.DisableAfterFailures;
        var disabled = await db.WebhookSubscriptions
            .Where(s => s.Id == subscriptionId && s.Enabled && s.ConsecutiveFailures >= limit)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Enabled, false).SetProperty(x => x.DisabledForFailuresAtUtc, now), cancellationToken);
        if (disabled == 1)
        {
            LogDisabled(subscriptionId, limit);
            var subscription = await db.WebhookSubscriptions.AsNoTracking().SingleAsync(s => s.Id == subscriptionId, cancellationToken);
            await services.GetRequiredService<WebhookMails>().SendDisabledAsync(subscription, limit, cancellationToken);
        }
    }

    /// <summary>
    /// Whether a failed attempt is worth repeating: no answer, a broken connection, a server error, 408 (timeout) and 429
    /// (too many requests) are passing; any other 4xx (or a 3xx, which is not followed) means the receiver understood
    /// and refused, and the same signed body would be refused again, so the delivery gives up at once and the subscriber
    /// can fix the receiver and send it again. An address that is not public is never retried.
    /// </summary>
    public static bool ShouldRetry(AttemptResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            WebhookAttemptOutcome.Timeout or WebhookAttemptOutcome.ConnectionFailed => true,
            WebhookAttemptOutcome.HttpError => result.StatusCode is >= 500 or 408 or 429,
            _ => false,
        };
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Any failure of one attempt is logged on the delivery and retried; it must not stop the other deliveries.")]
    private async Task<AttemptResult> SendAsync(WebhookSubscription subscription, WebhookEvent e, Guid deliveryId, CancellationToken cancellationToken)
    {
        var options = Options;
        var body = WebhookPayload.Build(e, links.Absolute(WebhookPayload.ApiPath(e)));
        var sentAt = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        using var timeout = new CancellationTokenSource(options.Timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add("Leerrijk-Event", e.Type);
            request.Headers.Add("Leerrijk-Delivery", deliveryId.ToString());
            request.Headers.Add("Leerrijk-Signature", WebhookSecrets.Signature(secrets.Unprotect(subscription.ProtectedSecret), sentAt.ToUnixTimeSeconds(), body));
            request.Headers.UserAgent.ParseAdd("Leerrijk-Webhooks/1.0");
            using var client = httpClients.CreateClient(HttpClientName);

            // Only the status matters; the body is never read, so a receiver that trickles it holds nothing up.
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new(sentAt.UtcDateTime, WebhookAttemptOutcome.Delivered, status, Elapsed(started), null)
                : new(sentAt.UtcDateTime, WebhookAttemptOutcome.HttpError, status, Elapsed(started), $"{status} {response.ReasonPhrase}".TrimEnd());
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new(sentAt.UtcDateTime, WebhookAttemptOutcome.Timeout, null, Elapsed(started),
                string.Create(CultureInfo.InvariantCulture, $"No answer within {options.Timeout.TotalSeconds:0.#} s"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Refusal(ex) is { } refused
                ? new(sentAt.UtcDateTime, WebhookAttemptOutcome.AddressRefused, null, Elapsed(started), refused.Message)
                : new(sentAt.UtcDateTime, WebhookAttemptOutcome.ConnectionFailed, null, Elapsed(started), Describe(ex));
        }
    }

    private int Elapsed(long started) => (int)Math.Min(int.MaxValue, clock.GetElapsedTime(started).TotalMilliseconds);

    private static WebhookAddressRefusedException? Refusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is WebhookAddressRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    /// <summary>The outer message and the innermost cause ("Connection refused"), which is the part a subscriber can act on.</summary>
    private static string Describe(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return ReferenceEquals(inner, ex) ? ex.Message : $"{ex.Message} ({inner.Message})";
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..(length - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} to subscription {SubscriptionId}, attempt {Attempt}: {Outcome} {StatusCode}; now {Status}")]
    private partial void LogAttempt(Guid deliveryId, Guid subscriptionId, int attempt, WebhookAttemptOutcome outcome, int? statusCode, WebhookDeliveryStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId} switched off after {Count} deliveries in a row gave up")]
    private partial void LogDisabled(Guid subscriptionId, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A scheduled webhook event was stored by another instance first: {Reason}")]
    private partial void LogEventExists(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering webhooks failed; will try again")]
    private partial void LogFailed(Exception ex);
}

/// <summary>What one attempt came to.</summary>
public sealed record AttemptResult(DateTime SentAtUtc, WebhookAttemptOutcome Outcome, int? StatusCode, int DurationMs, string? Error);
