using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Erasure;

/// <summary>An owner deletes a round for good, with everything that hangs off it, after confirming on this page.</summary>
[RequiresOrganisationRole(OrganisationRole.Owner)]
public sealed class DeleteRoundModel(LeerrijkDbContext db, Eraser eraser, IStringLocalizer<SharedResource> l) : OrganisationPageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Round Round { get; private set; } = null!;

    /// <summary>Responses the deletion removes, with those already removed after the retention period.</summary>
    public int Responses { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid roundId, CancellationToken cancellationToken) =>
        await LoadAsync(roundId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid roundId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(roundId, cancellationToken))
        {
            return NotFound();
        }

        if (!Input.Confirmed)
        {
            ModelState.AddModelError("Input.Confirmed", l["Erasure.ConfirmRoundRequired"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await eraser.DeleteRoundAsync(Member.OrganisationId, Round.Id, cancellationToken);
        TempData["Status"] = l["Erasure.RoundDeleted", Round.Title].Value;
        return RedirectToPage("/Rounds/Index", new { orgId = Member.OrganisationId });
    }

    private async Task<bool> LoadAsync(Guid roundId, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId && r.OrganisationId == Member.OrganisationId, cancellationToken);
        if (round is null)
        {
            return false;
        }

        Round = round;
        Responses = await db.Responses.CountAsync(r => r.RoundId == round.Id, cancellationToken) + round.RemovedResponses;
        return true;
    }

    public sealed class InputModel
    {
        [Display(Name = "Erasure.ConfirmRound")]
        public bool Confirmed { get; set; }
    }
}
