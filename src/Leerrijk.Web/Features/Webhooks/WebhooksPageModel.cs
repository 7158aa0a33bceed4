using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Leerrijk.Web.Features.Webhooks;

/// <summary>
/// What the company's and the support organisation's webhook pages share: the list, adding (the secret shown once),
/// switching off and on, deleting after a confirmation, the delivery log and "send again". Each page declares its own
/// handlers (so the tenancy tests see them) and says whose subscriptions it shows.
/// </summary>
public abstract class WebhooksPageModel(
    LeerrijkDbContext db, WebhookAddressRule addressRule, WebhookSecrets secrets, IOptions<WebhookOptions> options, TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int LogSize = 50;

    /// <summary>Whose subscriptions this page manages, from the route its tenancy filter admitted.</summary>
    public abstract WebhookOwner Owner { get; }

    /// <summary>The page's own route values ({orgId} or {supportId}), for links and redirects.</summary>
    public abstract object RouteValues(object? extra = null);

    public IReadOnlyList<SubscriptionRow> Subscriptions { get; private set; } = [];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The secret of the subscription just made; shown in this one response and never again.</summary>
    public string? NewSecret { get; private set; }

    /// <summary>?log=: the subscription whose deliveries are shown.</summary>
    [BindProperty(SupportsGet = true, Name = "log")]
    public Guid? LogId { get; set; }

    public SubscriptionRow? LogSubscription { get; private set; }

    public IReadOnlyList<LogRow> Log { get; private set; } = [];

    /// <summary>?verwijderen=: the subscription the page asks "are you sure?" about.</summary>
    [BindProperty(SupportsGet = true, Name = "verwijderen")]
    public Guid? ConfirmDeleteId { get; set; }

    public SubscriptionRow? AskingToDelete { get; private set; }

    public int MaxSubscriptions => options.Value.MaxSubscriptions;

    public IReadOnlyList<string> EventTypes => WebhookEventTypes.All;

    protected async Task<IActionResult> GetCoreAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if ((LogId is not null && LogSubscription is null) || (ConfirmDeleteId is not null && AskingToDelete is null))
        {
            return NotFound();
        }

        return Page();
    }

    protected async Task<IActionResult> AddCoreAsync(Guid userId, CancellationToken cancellationToken)
    {
        var chosen = (Input.Events ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count == 0 || chosen.Any(e => !WebhookEventTypes.All.Contains(e)))
        {
            ModelState.AddModelError("Input.Events", l["Webhooks.NoEvents"]);
        }

        if (ModelState.IsValid)
        {
            var check = await addressRule.CheckAsync(Input.Url, cancellationToken);
            if (check.Verdict != AddressVerdict.Allowed)
            {
                ModelState.AddModelError("Input.Url", check.Verdict == AddressVerdict.PrivateAddress
                    ? l["Webhooks.Address.PrivateAddress", check.Address!.ToString()]
                    : l["Webhooks.Address." + check.Verdict]);
            }
        }

        var owner = Owner;
        if (ModelState.IsValid && await Owned(owner).CountAsync(cancellationToken) >= MaxSubscriptions)
        {
            ModelState.AddModelError(string.Empty, l["Webhooks.TooMany", MaxSubscriptions]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var secret = WebhookSecrets.NewSecret();
        db.WebhookSubscriptions.Add(new WebhookSubscription
        {
            OrganisationId = owner.OrganisationId,
            SupportOrganisationId = owner.SupportOrganisationId,
            Url = Input.Url!.Trim(),
            Events = [.. WebhookEventTypes.All.Where(chosen.Contains)],
            Description = string.IsNullOrWhiteSpace(Input.Description) ? null : Input.Description.Trim(),
            ProtectedSecret = secrets.Protect(secret),
            CreatedByUserId = userId,
        });
        await db.SaveChangesAsync(cancellationToken);

        // The one response that shows the secret: not a redirect (the secret would have to be kept for the next
        // request), and never stored by a browser or proxy.
        Response.Headers.CacheControl = "no-store";
        NewSecret = secret;
        ModelState.Clear();
        Input = new InputModel();
        await LoadAsync(cancellationToken);
        return Page();
    }

    protected async Task<IActionResult> SetEnabledCoreAsync(Guid subscriptionId, bool enabled, CancellationToken cancellationToken)
    {
        var subscription = await Owned(Owner).SingleOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken);
        if (subscription is null)
        {
            return NotFound();
        }

        subscription.Enabled = enabled;
        subscription.DisabledForFailuresAtUtc = null;
        subscription.ConsecutiveFailures = 0;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l[enabled ? "Webhooks.Enabled" : "Webhooks.Disabled", subscription.Url].Value;
        return RedirectToPage(RouteValues());
    }

    protected async Task<IActionResult> DeleteCoreAsync(Guid subscriptionId, bool confirmed, CancellationToken cancellationToken)
    {
        var subscription = await Owned(Owner).SingleOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken);
        if (subscription is null)
        {
            return NotFound();
        }

        // Deleting takes the delivery log with it: without the confirmation's own field the page asks first.
        if (!confirmed)
        {
            return RedirectToPage(RouteValues(new { verwijderen = subscriptionId }));
        }

        db.WebhookSubscriptions.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Webhooks.Deleted", subscription.Url].Value;
        return RedirectToPage(RouteValues());
    }

    protected async Task<IActionResult> ResendCoreAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var owned = Owned(Owner).Select(s => s.Id);
        var delivery = await db.WebhookDeliveries.Include(d => d.Subscription)
            .SingleOrDefaultAsync(d => d.Id == deliveryId && owned.Contains(d.SubscriptionId), cancellationToken);
        if (delivery is null)
        {
            return NotFound();
        }

        var subscriptionId = delivery.SubscriptionId;
        if (!delivery.Subscription!.Enabled)
        {
            TempData["Status"] = l["Webhooks.ResendDisabled"].Value;
        }
        else if (delivery.Status == WebhookDeliveryStatus.Pending)
        {
            TempData["Status"] = l["Webhooks.ResendWaiting"].Value;
        }
        else
        {
            // Delivered or given up: one more attempt by hand. Still being retried: the next attempt comes now.
            delivery.ManualAttempt = delivery.Status is WebhookDeliveryStatus.Delivered or WebhookDeliveryStatus.GaveUp;
            delivery.Status = delivery.ManualAttempt ? WebhookDeliveryStatus.Pending : delivery.Status;
            delivery.NextAttemptAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            TempData["Status"] = l["Webhooks.Resent"].Value;
        }

        return RedirectToPage(RouteValues(new { log = subscriptionId }));
    }

    private IQueryable<WebhookSubscription> Owned(WebhookOwner owner) =>
        owner.OrganisationId is { } organisation
            ? db.WebhookSubscriptions.Where(s => s.OrganisationId == organisation)
            : db.WebhookSubscriptions.Where(s => s.SupportOrganisationId == owner.SupportOrganisationId);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var owned = Owned(Owner);
        var subscriptions = await owned.AsNoTracking().OrderBy(s => s.CreatedAtUtc).ToListAsync(cancellationToken);
        var ids = subscriptions.Select(s => s.Id).ToList();
        var lastAttempts = await db.WebhookAttempts.AsNoTracking()
            .Join(db.WebhookDeliveries, a => a.DeliveryId, d => d.Id, (a, d) => new { d.SubscriptionId, a.AtUtc, a.Outcome, a.StatusCode })
            .Where(x => ids.Contains(x.SubscriptionId))
            .GroupBy(x => x.SubscriptionId)
            .Select(g => g.OrderByDescending(x => x.AtUtc).First())
            .ToListAsync(cancellationToken);
        Subscriptions = subscriptions.Select(s =>
        {
            var last = lastAttempts.FirstOrDefault(a => a.SubscriptionId == s.Id);
            return new SubscriptionRow(s.Id, s.Url, s.Description, s.Events, s.Enabled, s.DisabledForFailuresAtUtc, s.ConsecutiveFailures, s.CreatedAtUtc,
                last?.AtUtc, last?.Outcome, last?.StatusCode);
        }).ToList();

        LogSubscription = LogId is { } logId ? Subscriptions.FirstOrDefault(s => s.Id == logId) : null;
        AskingToDelete = ConfirmDeleteId is { } deleteId ? Subscriptions.FirstOrDefault(s => s.Id == deleteId) : null;
        if (LogSubscription is not null)
        {
            var deliveries = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.SubscriptionId == LogSubscription.Id)
                .OrderByDescending(d => d.CreatedAtUtc)
                .Take(LogSize)
                .Select(d => new { d.Id, d.Status, d.CreatedAtUtc, d.NextAttemptAtUtc, d.Event!.Type, d.Event.OccurredAtUtc })
                .ToListAsync(cancellationToken);
            var deliveryIds = deliveries.Select(d => d.Id).ToList();
            var attempts = await db.WebhookAttempts.AsNoTracking()
                .Where(a => deliveryIds.Contains(a.DeliveryId))
                .ToListAsync(cancellationToken);
            Log = deliveries.Select(d => new LogRow(
                    d.Id, d.Type, d.OccurredAtUtc, d.Status, d.Status == WebhookDeliveryStatus.Failed ? d.NextAttemptAtUtc : null,
                    attempts.Where(a => a.DeliveryId == d.Id).OrderByDescending(a => a.Number).ToList()))
                .ToList();
        }
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(WebhookSubscription.UrlMaxLength, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Webhooks.Url")]
        public string? Url { get; set; }

        [Display(Name = "Webhooks.Events")]
        public List<string>? Events { get; set; }

        [StringLength(WebhookSubscription.DescriptionMaxLength, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Webhooks.Description")]
        public string? Description { get; set; }
    }

    /// <summary>One subscription in the list, with how its last attempt went.</summary>
    public sealed record SubscriptionRow(
        Guid Id, string Url, string? Description, IReadOnlyList<string> Events, bool Enabled, DateTime? DisabledForFailuresAtUtc, int ConsecutiveFailures,
        DateTime CreatedAtUtc, DateTime? LastAttemptAtUtc, WebhookAttemptOutcome? LastOutcome, int? LastStatusCode);

    /// <summary>One delivery in the log with its attempts, newest first.</summary>
    public sealed record LogRow(
        Guid DeliveryId, string EventType, DateTime OccurredAtUtc, WebhookDeliveryStatus Status, DateTime? NextAttemptAtUtc, IReadOnlyList<WebhookAttempt> Attempts)
    {
        public bool CanResend => Status is not WebhookDeliveryStatus.Pending;
    }
}
