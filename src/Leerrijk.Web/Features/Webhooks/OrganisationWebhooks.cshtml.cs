using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Leerrijk.Web.Features.Webhooks;

/// <summary>The owner's webhooks of the company: addresses Leerrijk calls when rounds, reports, plan steps or consent change.</summary>
[RequiresOrganisationRole(OrganisationRole.Owner)]
public sealed class OrganisationWebhooksModel(
    LeerrijkDbContext db, WebhookAddressRule addressRule, WebhookSecrets secrets, IOptions<WebhookOptions> options, TimeProvider clock,
    IStringLocalizer<SharedResource> l)
    : WebhooksPageModel(db, addressRule, secrets, options, clock, l)
{
    private OrganisationMember Member => HttpContext.Features.Get<OrganisationMember>()
        ?? throw new InvalidOperationException("The webhook page needs an {orgId} route so the tenancy filter admits the owner.");

    public override WebhookOwner Owner => WebhookOwner.Organisation(Member.OrganisationId);

    public override object RouteValues(object? extra = null) => new RouteValueDictionary(extra) { ["orgId"] = Member.OrganisationId };

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => GetCoreAsync(cancellationToken);

    public Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken) => AddCoreAsync(Member.UserId, cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(Guid subscriptionId, CancellationToken cancellationToken) => SetEnabledCoreAsync(subscriptionId, true, cancellationToken);

    public Task<IActionResult> OnPostDisableAsync(Guid subscriptionId, CancellationToken cancellationToken) => SetEnabledCoreAsync(subscriptionId, false, cancellationToken);

    public Task<IActionResult> OnPostDeleteAsync(Guid subscriptionId, bool confirmed, CancellationToken cancellationToken) => DeleteCoreAsync(subscriptionId, confirmed, cancellationToken);

    public Task<IActionResult> OnPostResendAsync(Guid deliveryId, CancellationToken cancellationToken) => ResendCoreAsync(deliveryId, cancellationToken);
}
