using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Leerrijk.Web.Data;
using Leerrijk.Web.Infrastructure.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Menukaart;

/// <summary>
/// /verhalen/voorstellen: editors review proposed practice stories. Working one out opens the new-story form filled
/// from the proposal; setting one aside tells the proposer why. Nothing here is public until an editor publishes it.
/// </summary>
[Authorize(Policy = MenukaartEditing.Policy)]
public sealed class StoryDraftsModel(LeerrijkDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<DraftRow> Proposed { get; private set; } = [];

    public IReadOnlyList<DraftRow> Reviewed { get; private set; } = [];

    [BindProperty]
    public Guid DraftId { get; set; }

    [BindProperty]
    [Display(Name = "StoryDraft.ReviewNote"), Required(ErrorMessage = "Validation.Required"), StorableText(AllowLineBreaks = true), StringLength(StoryDraft.TextMaxLength, ErrorMessage = "Validation.MaxLength")]
    public string? ReviewNote { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostSetAsideAsync(CancellationToken cancellationToken)
    {
        var draft = await db.StoryDrafts.SingleOrDefaultAsync(d => d.Id == DraftId && d.Status == StoryDraftStatus.Proposed, cancellationToken);
        if (draft is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        draft.Status = StoryDraftStatus.SetAside;
        draft.ReviewNote = ReviewNote!.Trim();
        draft.ReviewedByUserId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        draft.ReviewedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["StoryDraft.SetAsideDone"].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var drafts = await db.StoryDrafts.AsNoTracking().OrderByDescending(d => d.CreatedAtUtc).Take(200).ToListAsync(cancellationToken);
        var organisationIds = drafts.Where(d => d.OrganisationId != null).Select(d => d.OrganisationId!.Value).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var rows = drafts.Select(d => new DraftRow(d, d.OrganisationId is { } id ? organisations.GetValueOrDefault(id) : null)).ToList();
        Proposed = rows.Where(r => r.Draft.Status == StoryDraftStatus.Proposed).ToList();
        Reviewed = rows.Where(r => r.Draft.Status != StoryDraftStatus.Proposed).ToList();
    }

    /// <summary>A proposal and the company it is about (the editor sees the name to check facts; the story names it only with consent).</summary>
    public sealed record DraftRow(StoryDraft Draft, Organisations.Organisation? Company);
}
