using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Leerrijk.Web.Features.Webhooks;

/// <summary>
/// A support organisation's webhooks, managed by its coordinators: events of the companies whose active consent allows
/// it, and every change to a grant that names it.
/// </summary>
[Authorize]
[RequiresSupportRole(SupportRole.Coordinator)]
public sealed class SupportWebhooksModel(
    LeerrijkDbContext db, WebhookAddressRule addressRule, WebhookSecrets secrets, IOptions<WebhookOptions> options, TimeProvider clock,
    IStringLocalizer<SharedResource> l)
    : WebhooksPageModel(db, addressRule, secrets, options, clock, l)
{
    private SupportMember Member => HttpContext.Features.Get<SupportMember>()
        ?? throw new InvalidOperationException("The webhook page needs a {supportId} route so the support filter admits the coordinator.");

    public override WebhookOwner Owner => WebhookOwner.Support(Member.SupportOrganisationId);

    public override object RouteValues(object? extra = null) => new RouteValueDictionary(extra) { ["supportId"] = Member.SupportOrganisationId };

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => GetCoreAsync(cancellationToken);

    public Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken) => AddCoreAsync(Member.UserId, cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(Guid subscriptionId, CancellationToken cancellationToken) => SetEnabledCoreAsync(subscriptionId, true, cancellationToken);

    public Task<IActionResult> OnPostDisableAsync(Guid subscriptionId, CancellationToken cancellationToken) => SetEnabledCoreAsync(subscriptionId, false, cancellationToken);

    public Task<IActionResult> OnPostDeleteAsync(Guid subscriptionId, bool confirmed, CancellationToken cancellationToken) => DeleteCoreAsync(subscriptionId, confirmed, cancellationToken);

    public Task<IActionResult> OnPostResendAsync(Guid deliveryId, CancellationToken cancellationToken) => ResendCoreAsync(deliveryId, cancellationToken);
}
