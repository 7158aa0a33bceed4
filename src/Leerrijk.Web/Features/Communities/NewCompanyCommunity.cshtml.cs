using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Communities;

/// <summary>An owner starts a community run by the company; they become its first facilitator, taking part for the company.</summary>
[RequiresOrganisationRole(OrganisationRole.Owner)]
public sealed class NewCompanyCommunityModel(
    LeerrijkDbContext db, ReferenceData reference, TimeProvider clock, IStringLocalizer<SharedResource> l) : OrganisationPageModel
{
    [BindProperty]
    public CommunityInput Input { get; set; } = new();

    public void OnGet() => Input = CommunityForm.Blank(clock);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var community = new Community { OrganisationId = Member.OrganisationId };
        var today = LocalizationSetup.Today(clock);
        if (!Input.TryApply(community, today, today, reference, ModelState, l))
        {
            return Page();
        }

        var email = await db.Users.Where(u => u.Id == Member.UserId).Select(u => u.Email!).SingleAsync(cancellationToken);
        await CommunityMembership.CreateAsync(db, community, Member.UserId, email, Member.OrganisationId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        TempData["Status"] = l["Community.Created", community.Name].Value;
        return RedirectToPage("/Communities/Members", new { communityId = community.Id });
    }
}
