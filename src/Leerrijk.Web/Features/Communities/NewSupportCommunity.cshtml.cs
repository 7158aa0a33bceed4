using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Features.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Communities;

/// <summary>A coordinator or adviser starts a community run by their support organisation; they become its first facilitator.</summary>
public sealed class NewSupportCommunityModel(
    LeerrijkDbContext db, ReferenceData reference, TimeProvider clock, IStringLocalizer<SharedResource> l) : SupportPageModel
{
    [BindProperty]
    public CommunityInput Input { get; set; } = new();

    public void OnGet() => Input = CommunityForm.Blank(clock);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var community = new Community { SupportOrganisationId = Member.SupportOrganisationId };
        if (!await CommunityForm.TryCreateAsync(db, Input, community, Member.UserId, null, reference, clock, ModelState, l, cancellationToken))
        {
            return Page();
        }

        TempData["Status"] = l["Community.Created", community.Name].Value;
        return RedirectToPage("/Communities/Members", new { communityId = community.Id });
    }
}
