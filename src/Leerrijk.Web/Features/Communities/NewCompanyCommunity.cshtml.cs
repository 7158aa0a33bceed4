using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Reference;
using Microsoft.AspNetCore.Mvc;
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
        if (!await CommunityForm.TryCreateAsync(db, Input, community, Member.UserId, Member.OrganisationId, reference, clock, ModelState, l, cancellationToken))
        {
            return Page();
        }

        TempData["Status"] = l["Community.Created", community.Name].Value;
        return RedirectToPage("/Communities/Members", new { communityId = community.Id });
    }
}
