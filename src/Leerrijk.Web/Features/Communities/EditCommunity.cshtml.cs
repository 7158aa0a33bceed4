using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Communities;

/// <summary>
/// Those who run a community change it. Two facilitators saving at once: the second is told, sees the stored values
/// and keeps what they typed (<see cref="Community.Version"/>).
/// </summary>
[RequiresCommunityFacilitator]
public sealed class EditCommunityModel(LeerrijkDbContext db, ReferenceData reference, TimeProvider clock, IStringLocalizer<SharedResource> l) : CommunityPageModel
{
    [BindProperty]
    public CommunityInput Input { get; set; } = new();

    public string CommunityName { get; private set; } = "";

    /// <summary>The stored values when someone else saved meanwhile; null otherwise.</summary>
    public Community? Conflict { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var community = await db.Communities.AsNoTracking().SingleAsync(c => c.Id == Reader.CommunityId, cancellationToken);
        CommunityName = community.Name;
        Input = CommunityInput.From(community);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var community = await db.Communities.SingleAsync(c => c.Id == Reader.CommunityId, cancellationToken);
        CommunityName = community.Name;
        var today = LocalizationSetup.Today(clock);

        // A cycle that began may keep its start; a new start may not lie in the past.
        var earliest = community.StartsOn < today ? community.StartsOn : today;
        if (!Input.TryApply(community, today, earliest, reference, ModelState, l))
        {
            return Page();
        }

        db.Entry(community).Property(c => c.Version).OriginalValue = Input.Version;
        community.Version = Input.Version + 1;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            Conflict = await db.Communities.AsNoTracking().SingleAsync(c => c.Id == Reader.CommunityId, cancellationToken);
            Input.Version = Conflict.Version;
            ModelState.Remove($"{nameof(Input)}.{nameof(Input.Version)}");
            ModelState.AddModelError("", l["Community.Edit.Conflict"]);
            return Page();
        }

        TempData["Status"] = l["Community.Saved", community.Name].Value;
        return RedirectToPage("/Communities/Workspace", new { communityId = community.Id });
    }
}
