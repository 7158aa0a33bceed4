using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Consent;

/// <summary>
/// One connection: the owner changes what it shares or until when, or revokes it after a confirmation step that needs
/// no JavaScript. <see cref="OrganisationAccess"/> reads the grant on every request, so a change holds from the next one.
/// </summary>
[RequiresOrganisationRole(OrganisationRole.Owner)]
public sealed class EditGrantModel(LeerrijkDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : OrganisationPageModel
{
    [BindProperty]
    public GrantInput Input { get; set; } = new();

    /// <summary>Set by ?intrekken=ja: the page asks "are you sure?" before the connection ends for good.</summary>
    [BindProperty(SupportsGet = true, Name = "intrekken")]
    public string? ConfirmRevoke { get; set; }

    public GrantRow Grant { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public DateOnly LatestEnd => ConsentRules.LatestEnd(Today);

    public bool IsActive => Grant.IsActiveOn(Today);

    public bool AskingToRevoke => ConfirmRevoke == "ja" && IsActive;

    public async Task<IActionResult> OnGetAsync(Guid grantId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(grantId, cancellationToken))
        {
            return NotFound();
        }

        Input = new GrantInput { Scopes = [.. ConsentRules.Split(Grant.Scopes)], EndsOn = Grant.EndsOn };
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid grantId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(grantId, cancellationToken))
        {
            return NotFound();
        }

        if (!IsActive)
        {
            ModelState.AddModelError(string.Empty, l["Consent.GrantEnded"]);
            return Page();
        }

        var scopes = Input.Validate(ConsentRules.Every, Today, LatestEnd, "Consent.EndsOnTooLate", ModelState, l);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var grant = await db.ConsentGrants.SingleAsync(g => g.Id == grantId, cancellationToken);
        grant.Scopes = scopes;
        grant.EndsOn = Input.EndsOn!.Value;
        Webhooks.WebhookOutbox.ConsentChanged(db, grant, Webhooks.ConsentChange.Changed, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Consent.Changed", Grant.SupportName].Value;
        return RedirectToPage("/Consent/Connections", new { orgId = Member.OrganisationId });
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid grantId, bool confirmed, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(grantId, cancellationToken))
        {
            return NotFound();
        }

        // Revoking cannot be undone: without the confirmation's own field the page asks first.
        if (!confirmed)
        {
            return RedirectToPage(new { orgId = Member.OrganisationId, grantId, intrekken = "ja" });
        }

        var grant = await db.ConsentGrants.SingleAsync(g => g.Id == grantId, cancellationToken);
        if (grant.RevokedAtUtc is null)
        {
            grant.RevokedAtUtc = clock.GetUtcNow().UtcDateTime;
            grant.RevokedByUserId = Member.UserId;
            Webhooks.WebhookOutbox.ConsentChanged(db, grant, Webhooks.ConsentChange.Revoked, grant.RevokedAtUtc.Value);
            await db.SaveChangesAsync(cancellationToken);
        }

        TempData["Status"] = l["Consent.RevokedStatus", Grant.SupportName].Value;
        return RedirectToPage("/Consent/Connections", new { orgId = Member.OrganisationId });
    }

    /// <summary>Finds the grant in this organisation only: another company's grant id is "not found" here.</summary>
    private async Task<bool> LoadAsync(Guid grantId, CancellationToken cancellationToken)
    {
        Today = LocalizationSetup.Today(clock);
        var rows = await GrantRow.QueryAsync(db, Member.OrganisationId, grantId, Today, cancellationToken);
        if (rows.Count == 0)
        {
            return false;
        }

        Grant = rows[0];
        return true;
    }
}
