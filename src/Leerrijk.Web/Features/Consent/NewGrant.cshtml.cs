using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Consent;

/// <summary>
/// The owner connects the company to a support organisation in two steps without JavaScript: first the organisation,
/// then (knowing its advisers) the adviser, what they may do and until when.
/// </summary>
[RequiresOrganisationRole(OrganisationRole.Owner)]
public sealed class NewGrantModel(LeerrijkDbContext db, ReferenceData reference, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : OrganisationPageModel
{
    [BindProperty(SupportsGet = true, Name = "ondersteuner")]
    public Guid? SupportId { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<SupportChoice> SupportOrganisations { get; private set; } = [];

    /// <summary>The support organisation chosen in step one; null while choosing.</summary>
    public SupportChoice? Support { get; private set; }

    public IReadOnlyList<AdviserChoice> Advisers { get; private set; } = [];

    public DateOnly LatestEnd { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Support is not null)
        {
            Input = new InputModel { Scopes = [ConsentScope.ReadReports], EndsOn = LocalizationSetup.Today(clock).AddMonths(ConsentRules.DefaultMonths) };
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Support is null)
        {
            return Page();
        }

        var today = LocalizationSetup.Today(clock);
        if (Input.AdviserId is { } adviser && Advisers.All(a => a.UserId != adviser))
        {
            ModelState.AddModelError("Input.AdviserId", l["Validation.NotInList"]);
        }

        var scopes = Input.Validate(ConsentRules.Every, today, LatestEnd, "Consent.EndsOnTooLate", ModelState, l);
        if (ModelState.IsValid && await db.ConsentGrants.Where(ConsentGrant.ActiveOn(today)).AnyAsync(
                g => g.OrganisationId == Member.OrganisationId && g.SupportOrganisationId == Support.Id && g.AdviserUserId == Input.AdviserId,
                cancellationToken))
        {
            ModelState.AddModelError(string.Empty, l["Consent.AlreadyConnected", Support.Name]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var grant = new ConsentGrant
        {
            OrganisationId = Member.OrganisationId,
            SupportOrganisationId = Support.Id,
            AdviserUserId = Input.AdviserId,
            Scopes = scopes,
            EndsOn = Input.EndsOn!.Value,
            GrantedByUserId = Member.UserId,
        };
        db.ConsentGrants.Add(grant);
        Webhooks.WebhookOutbox.ConsentChanged(db, grant, Webhooks.ConsentChange.Granted, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Consent.Granted", Support.Name].Value;
        return RedirectToPage("/Consent/Connections", new { orgId = Member.OrganisationId });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        LatestEnd = ConsentRules.LatestEnd(LocalizationSetup.Today(clock));
        var all = await db.SupportOrganisations.OrderBy(s => s.Name).ToListAsync(cancellationToken);
        SupportOrganisations = all.Select(s => new SupportChoice(
                s.Id, s.Name, s.Kind, [.. s.ProvinceIds.Select(reference.ProvinceName), .. s.LabourMarketRegionIds.Select(reference.RegionName)]))
            .ToList();
        if (SupportId is not { } chosen)
        {
            return;
        }

        Support = SupportOrganisations.FirstOrDefault(s => s.Id == chosen);
        if (Support is null)
        {
            // A stale or edited link: back to the list, with the reason.
            ModelState.AddModelError(string.Empty, l["Consent.ChooseSupport"]);
            return;
        }

        Advisers = await db.SupportMemberships
            .Where(m => m.SupportOrganisationId == chosen && m.Role == SupportRole.Adviser)
            .OrderBy(m => m.User!.DisplayName)
            .Select(m => new AdviserChoice(m.UserId, m.User!.DisplayName))
            .ToListAsync(cancellationToken);
    }

    public sealed record SupportChoice(Guid Id, string Name, SupportKind Kind, IReadOnlyList<string> Regions);

    public sealed record AdviserChoice(Guid UserId, string Name);

    public sealed class InputModel : GrantInput
    {
        [Display(Name = "Consent.Adviser")]
        public Guid? AdviserId { get; set; }
    }
}
