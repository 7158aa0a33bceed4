using Leerrijk.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Communities;

/// <summary>
/// A member's own participation: whether others see their name and company, and leaving after a confirmation step that
/// needs no JavaScript. Leaving keeps the company's steps in its own plan (<see cref="CommunityMembership.LeaveAsync"/>).
/// </summary>
public sealed class ParticipationModel(LeerrijkDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : CommunityPageModel
{
    /// <summary>Set by ?verlaten=1: the page asks "are you sure?" first.</summary>
    [BindProperty(SupportsGet = true, Name = "verlaten")]
    public bool ConfirmLeave { get; set; }

    [BindProperty]
    public bool ShowsIdentity { get; set; }

    public string CommunityName { get; private set; } = "";

    /// <summary>The reader's own member row; null for someone who runs the community without taking part in it.</summary>
    public CommunityMember? Own { get; private set; }

    public string? CompanyName { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        ShowsIdentity = Own?.ShowsIdentity ?? false;
    }

    public async Task<IActionResult> OnPostIdentityAsync(CancellationToken cancellationToken)
    {
        if (await OwnAsync(cancellationToken) is not { } own)
        {
            return NotFound();
        }

        own.ShowsIdentity = ShowsIdentity;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = (ShowsIdentity ? l["Community.Participation.Shown"] : l["Community.Participation.Hidden"]).Value;
        return RedirectToPage(new { communityId = Reader.CommunityId });
    }

    public async Task<IActionResult> OnPostLeaveAsync(bool confirmed, CancellationToken cancellationToken)
    {
        if (await OwnAsync(cancellationToken) is not { } own)
        {
            return NotFound();
        }

        if (!confirmed)
        {
            return RedirectToPage(new { communityId = Reader.CommunityId, verlaten = true });
        }

        var name = await db.Communities.Where(c => c.Id == Reader.CommunityId).Select(c => c.Name).SingleAsync(cancellationToken);
        await CommunityMembership.LeaveAsync(db, own, clock.GetUtcNow().UtcDateTime, cancellationToken);
        TempData["Status"] = l["Community.Participation.Left", name].Value;
        return Redirect("/leergemeenschappen");
    }

    private Task<CommunityMember?> OwnAsync(CancellationToken cancellationToken) =>
        Reader.MemberId is { } memberId
            ? db.CommunityMembers.Where(CommunityMember.Active).SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken)
            : Task.FromResult<CommunityMember?>(null);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CommunityName = await db.Communities.Where(c => c.Id == Reader.CommunityId).Select(c => c.Name).SingleAsync(cancellationToken);
        Own = await OwnAsync(cancellationToken);
        if (Own?.OrganisationId is { } organisationId)
        {
            CompanyName = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
        }
    }
}
