using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.Webhooks;

/// <summary>The event types a subscription can choose, as they appear in the payload's <c>type</c>.</summary>
public static class WebhookEventTypes
{
    public const string RoundOpened = "round.opened";
    public const string RoundClosed = "round.closed";
    public const string ReportReady = "report.ready";
    public const string PlanStepDue = "plan.step_due";
    public const string ConsentChanged = "consent.changed";

    public static readonly IReadOnlyList<string> All = [RoundOpened, RoundClosed, ReportReady, PlanStepDue, ConsentChanged];
}

/// <summary>
/// Something that happened in a company, written to this outbox in the same save as its cause. The webhook worker
/// turns it into one <see cref="WebhookDelivery"/> per subscription that may hear of it; the request that caused it
/// never waits on a receiver.
/// </summary>
/// <remarks>It holds ids only: the payload carries no figure and no personal data (ADR 0019).</remarks>
public sealed class WebhookEvent : IOrganisationScoped
{
    public const int KeyMaxLength = 120;

    /// <summary>The event id in the payload.</summary>
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Type { get; set; } = "";

    /// <summary>The company the event is about.</summary>
    public Guid OrganisationId { get; set; }

    /// <summary>The round, action step or consent grant the event is about.</summary>
    public Guid ObjectId { get; set; }

    /// <summary>For consent.changed: the support organisation the grant names, which hears of it whatever the grant now allows.</summary>
    public Guid? SupportOrganisationId { get; set; }

    /// <summary>For plan.step_due: the date that arrived.</summary>
    public DateOnly? DueOn { get; set; }

    /// <summary>For consent.changed: granted, changed or revoked.</summary>
    public string? Change { get; set; }

    public DateTime OccurredAtUtc { get; set; }

    /// <summary>
    /// What makes the event happen once: "round.closed:{id}", "plan.step_due:{step}:{date}"; unique, so two app
    /// instances raising the same scheduled event store it once.
    /// </summary>
    public string Key { get; set; } = "";

    /// <summary>When its deliveries were made; null while the worker has not reached it.</summary>
    public DateTime? DispatchedAtUtc { get; set; }
}

/// <summary>One event on its way to one subscription; retried with backoff under a stable id receivers can deduplicate on.</summary>
public sealed class WebhookDelivery : IHasCreatedAt
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SubscriptionId { get; set; }

    public WebhookSubscription? Subscription { get; set; }

    public Guid EventId { get; set; }

    public WebhookEvent? Event { get; set; }

    public WebhookDeliveryStatus Status { get; set; }

    /// <summary>Attempts made so far, the one "send again" makes included.</summary>
    public int Attempts { get; set; }

    /// <summary>When the worker may try (again); while an attempt runs, the end of its lease.</summary>
    public DateTime NextAttemptAtUtc { get; set; }

    /// <summary>Set by "send again": one attempt, and no automatic retries or failure count after it.</summary>
    public bool ManualAttempt { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

public enum WebhookDeliveryStatus
{
    /// <summary>Not tried yet (or sent again by hand).</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>The last attempt failed; another one is planned at <see cref="WebhookDelivery.NextAttemptAtUtc"/>.</summary>
    Failed,

    /// <summary>No more attempts: the last one allowed failed, or the receiver refused for good.</summary>
    GaveUp,
}

/// <summary>One try of a delivery, as the delivery log shows it.</summary>
public sealed class WebhookAttempt
{
    public const int ErrorMaxLength = 300;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid DeliveryId { get; set; }

    public int Number { get; set; }

    public DateTime AtUtc { get; set; }

    public WebhookAttemptOutcome Outcome { get; set; }

    /// <summary>The receiver's HTTP status, when it answered.</summary>
    public int? StatusCode { get; set; }

    public int DurationMs { get; set; }

    /// <summary>Technical detail (the exception's message, the status's reason), cut to <see cref="ErrorMaxLength"/>.</summary>
    public string? Error { get; set; }
}

public enum WebhookAttemptOutcome
{
    Delivered,
    HttpError,
    Timeout,
    ConnectionFailed,
    AddressRefused,
}

public sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.ToTable("WebhookEvents");
        builder.Property(e => e.Type).HasMaxLength(40);
        builder.Property(e => e.Change).HasMaxLength(16);
        builder.Property(e => e.Key).HasMaxLength(WebhookEvent.KeyMaxLength);
        builder.HasIndex(e => e.Key).IsUnique();
        builder.HasIndex(e => new { e.ObjectId, e.Type });
        builder.HasIndex(e => e.DispatchedAtUtc);
        builder.HasIndex(e => e.OccurredAtUtc);
        builder.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(d => new { d.Status, d.NextAttemptAtUtc });
        builder.HasIndex(d => new { d.SubscriptionId, d.EventId }).IsUnique();
        builder.HasOne(d => d.Subscription).WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.Event).WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.ToTable("WebhookAttempts");
        builder.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.Error).HasMaxLength(WebhookAttempt.ErrorMaxLength);
        builder.HasIndex(a => new { a.DeliveryId, a.Number });
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}
