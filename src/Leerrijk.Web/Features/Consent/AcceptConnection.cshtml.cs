using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Consent;

/// <summary>
/// Where an adviser's request lands: the owner reads who asks and what each proposed scope would share, chooses one of
/// the companies they own, may narrow the scopes and shorten the period, and accepts or declines. A link that expired,
/// was withdrawn or was used already stores nothing.
/// </summary>
public sealed class AcceptConnectionModel(LeerrijkDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The open request the link names; null when the link does not work (any reason, one message).</summary>
    public ConnectionRequest? Pending { get; private set; }

    public string SupportName { get; private set; } = "";

    public SupportKind SupportKind { get; private set; }

    public string AdviserName { get; private set; } = "";

    /// <summary>The companies the signed-in person owns: only an owner connects a company.</summary>
    public IReadOnlyList<OwnedOrganisation> OwnedOrganisations { get; private set; } = [];

    /// <summary>The end of the period the adviser asked for; the owner may choose an earlier day, not a later one.</summary>
    public DateOnly LatestEnd { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Pending is not null)
        {
            Input = new InputModel
            {
                OrganisationId = OwnedOrganisations.Count == 1 ? OwnedOrganisations[0].Id : null,
                Scopes = [.. ConsentRules.Split(Pending.ProposedScopes)],
                EndsOn = LatestEnd,
            };
        }
    }

    public async Task<IActionResult> OnPostAcceptAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Pending is null || OwnedOrganisations.Count == 0)
        {
            return Page();
        }

        if (Input.OrganisationId is { } chosen && OwnedOrganisations.All(o => o.Id != chosen))
        {
            ModelState.AddModelError("Input.OrganisationId", l["Consent.Accept.NotYourOrganisation"]);
        }

        var today = LocalizationSetup.Today(clock);
        var scopes = Input.Validate(Pending.ProposedScopes, today, LatestEnd, "Consent.Accept.EndsOnTooLate", ModelState, l);
        if (ModelState.IsValid && await db.ConsentGrants.Where(ConsentGrant.ActiveOn(today)).AnyAsync(
                g => g.OrganisationId == Input.OrganisationId && g.SupportOrganisationId == Pending.SupportOrganisationId
                     && g.AdviserUserId == Pending.AdviserUserId,
                cancellationToken))
        {
            ModelState.AddModelError("Input.OrganisationId", l["Consent.Accept.AlreadyConnected", AdviserName]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var grant = new ConsentGrant
        {
            OrganisationId = Input.OrganisationId!.Value,
            SupportOrganisationId = Pending.SupportOrganisationId,
            AdviserUserId = Pending.AdviserUserId,
            Scopes = scopes,
            EndsOn = Input.EndsOn!.Value,
            GrantedByUserId = userId,
        };
        var now = clock.GetUtcNow().UtcDateTime;
        var requestId = Pending.Id;

        // The link works once: the request is claimed and the grant stored together, so two clicks make one grant.
        var claimed = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var rows = await db.ConnectionRequests
                .Where(r => r.Id == requestId && r.AcceptedAtUtc == null && r.WithdrawnAtUtc == null && r.ExpiresAtUtc > now)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.AcceptedAtUtc, now).SetProperty(r => r.GrantId, grant.Id), cancellationToken);
            if (rows != 1)
            {
                return false;
            }

            db.ConsentGrants.Add(grant);
            Webhooks.WebhookOutbox.ConsentChanged(db, grant, Webhooks.ConsentChange.Granted, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });
        if (!claimed)
        {
            Pending = null;
            return Page();
        }

        TempData["Status"] = l["Consent.Accept.Done", SupportName].Value;
        return RedirectToPage("/Consent/Connections", new { orgId = grant.OrganisationId });
    }

    public async Task<IActionResult> OnPostDeclineAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Pending is null)
        {
            return Page();
        }

        // Declined and withdrawn end the same way: the link stops working and nothing was shared.
        var now = clock.GetUtcNow().UtcDateTime;
        var requestId = Pending.Id;
        await db.ConnectionRequests
            .Where(r => r.Id == requestId && r.AcceptedAtUtc == null && r.WithdrawnAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.WithdrawnAtUtc, now), cancellationToken);
        TempData["Status"] = l["Consent.Accept.Declined", SupportName].Value;
        return RedirectToPage("/Organisations/Index");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Token) || Token.Length > 100)
        {
            return;
        }

        var hash = ConnectionRequest.HashToken(Token);
        var request = await db.ConnectionRequests.AsNoTracking().SingleOrDefaultAsync(r => r.TokenHash == hash, cancellationToken);
        if (request is null || !request.IsOpen(clock.GetUtcNow().UtcDateTime))
        {
            return;
        }

        var asker = await (
                from s in db.SupportOrganisations
                join m in db.SupportMemberships on s.Id equals m.SupportOrganisationId
                where s.Id == request.SupportOrganisationId && m.UserId == request.AdviserUserId
                select new { s.Name, s.Kind, Adviser = m.User!.DisplayName })
            .SingleOrDefaultAsync(cancellationToken);
        if (asker is null)
        {
            // The adviser left the support organisation since: a grant naming them would admit nobody they meant.
            return;
        }

        Pending = request;
        SupportName = asker.Name;
        SupportKind = asker.Kind;
        AdviserName = asker.Adviser;
        LatestEnd = LocalizationSetup.Today(clock).AddMonths(request.ProposedMonths);
        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        OwnedOrganisations = await db.Memberships
            .Where(m => m.UserId == userId && m.Role == OrganisationRole.Owner)
            .OrderBy(m => m.Organisation!.Name)
            .Select(m => new OwnedOrganisation(m.OrganisationId, m.Organisation!.Name))
            .ToListAsync(cancellationToken);
    }

    public sealed record OwnedOrganisation(Guid Id, string Name);

    public sealed class InputModel : GrantInput
    {
        [Required(ErrorMessage = "Validation.Choose")]
        [Display(Name = "Consent.Accept.Organisation")]
        public Guid? OrganisationId { get; set; }
    }
}
