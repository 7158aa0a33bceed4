using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
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
        var today = LocalizationSetup.Today(clock);
        if (!Input.TryApply(community, today, today, reference, ModelState, l))
        {
            return Page();
        }

        var email = await db.Users.Where(u => u.Id == Member.UserId).Select(u => u.Email!).SingleAsync(cancellationToken);
        await CommunityMembership.CreateAsync(db, community, Member.UserId, email, null, clock.GetUtcNow().UtcDateTime, cancellationToken);
        TempData["Status"] = l["Community.Created", community.Name].Value;
        return RedirectToPage("/Communities/Members", new { communityId = community.Id });
    }
}

/// <summary>What the new-community forms start with.</summary>
public static class CommunityForm
{
    /// <summary>An empty form whose cycle runs from today for ten weeks, as the seeds' learning communities do.</summary>
    /// <param name="clock">The clock.</param>
    public static CommunityInput Blank(TimeProvider clock)
    {
        var today = LocalizationSetup.Today(clock);
        return new CommunityInput { StartsOn = today, EndsOn = today.AddDays(70) };
    }
}
