using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.Webhooks;

/// <summary>
/// An https address that an organisation (its owner) or a support organisation (a coordinator) asked Leerrijk to call
/// when chosen events happen. Exactly one of <see cref="OrganisationId"/> and <see cref="SupportOrganisationId"/> is set.
/// </summary>
/// <remarks>
/// The signing secret is kept encrypted with ASP.NET Data Protection (<see cref="WebhookSecrets"/>): Leerrijk needs it
/// again for every delivery, so a hash would not do; the subscriber sees it once, when the subscription is made.
/// </remarks>
public sealed class WebhookSubscription : IHasCreatedAt
{
    public const int UrlMaxLength = 500;
    public const int DescriptionMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid? OrganisationId { get; set; }

    public Guid? SupportOrganisationId { get; set; }

    public string Url { get; set; } = "";

    /// <summary>The event types (<see cref="WebhookEventTypes"/>) delivered to it.</summary>
    public List<string> Events { get; set; } = [];

    public string? Description { get; set; }

    /// <summary>The signing secret, protected by <see cref="WebhookSecrets"/>.</summary>
    public string ProtectedSecret { get; set; } = "";

    public bool Enabled { get; set; } = true;

    /// <summary>When Leerrijk switched it off after <see cref="WebhookOptions.DisableAfterFailures"/> deliveries in a row gave up; null when switched off by hand or on.</summary>
    public DateTime? DisabledForFailuresAtUtc { get; set; }

    /// <summary>Deliveries in a row that gave up; any delivery that arrives sets it back to 0.</summary>
    public int ConsecutiveFailures { get; set; }

    public Guid CreatedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>Whose subscriptions: a company's (its owners manage them) or a support organisation's (its coordinators).</summary>
public sealed record WebhookOwner(Guid? OrganisationId, Guid? SupportOrganisationId)
{
    public static WebhookOwner Organisation(Guid id) => new(id, null);

    public static WebhookOwner Support(Guid id) => new(null, id);
}

public sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("WebhookSubscriptions", t => t.HasCheckConstraint(
            "CK_WebhookSubscriptions_OneOwner",
            "(\"OrganisationId\" IS NULL) <> (\"SupportOrganisationId\" IS NULL)"));
        builder.Property(s => s.Url).HasMaxLength(WebhookSubscription.UrlMaxLength);
        builder.Property(s => s.Description).HasMaxLength(WebhookSubscription.DescriptionMaxLength);
        builder.Property(s => s.ProtectedSecret).HasMaxLength(1000);
        builder.HasIndex(s => s.OrganisationId);
        builder.HasIndex(s => s.SupportOrganisationId);
        builder.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Support.SupportOrganisation>().WithMany().HasForeignKey(s => s.SupportOrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
