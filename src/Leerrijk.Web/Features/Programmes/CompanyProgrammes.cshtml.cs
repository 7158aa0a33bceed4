using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Programmes;

/// <summary>
/// The owner's side of programmes: which programmes the company takes part in, its two choices for each (changeable at
/// any time) and leaving, after a confirmation step that needs no JavaScript. The row stays when the company leaves, so
/// the programme's history (it joined, it left) stays true; the next nightly computation leaves the company out.
/// </summary>
[RequiresOrganisationRole(OrganisationRole.Owner)]
public sealed class CompanyProgrammesModel(LeerrijkDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : OrganisationPageModel
{
    [BindProperty]
    public ChoicesInput Choices { get; set; } = new();

    /// <summary>Set by ?verlaten={participantId}: the page asks "are you sure?" before the company leaves that programme.</summary>
    [BindProperty(SupportsGet = true, Name = "verlaten")]
    public Guid? ConfirmLeave { get; set; }

    public IReadOnlyList<ParticipationRow> Participations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostChoicesAsync(Guid participantId, CancellationToken cancellationToken)
    {
        var participant = await ActiveAsync(participantId, cancellationToken);
        if (participant is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var leavesOut = (participant.SharesResults && !Choices.SharesResults) || (participant.InNormPool && !Choices.InNormPool);
        if (participant.SharesResults != Choices.SharesResults || participant.InNormPool != Choices.InNormPool)
        {
            participant.SharesResults = Choices.SharesResults;
            participant.InNormPool = Choices.InNormPool;
            participant.ChoicesChangedAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }

        var name = participant.Programme!.Name;
        TempData["Status"] = (leavesOut ? l["Programme.Company.SavedLess", name] : l["Programme.Company.Saved", name]).Value;
        return RedirectToPage(new { orgId = Member.OrganisationId });
    }

    public async Task<IActionResult> OnPostLeaveAsync(Guid participantId, bool confirmed, CancellationToken cancellationToken)
    {
        var participant = await ActiveAsync(participantId, cancellationToken);
        if (participant is null)
        {
            return NotFound();
        }

        // Leaving cannot be undone (only a new invitation brings the company back): without the confirmation's own field the page asks first.
        if (!confirmed)
        {
            return RedirectToPage(new { orgId = Member.OrganisationId, verlaten = participantId });
        }

        participant.LeftAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Programme.Company.Left", participant.Programme!.Name].Value;
        return RedirectToPage(new { orgId = Member.OrganisationId });
    }

    /// <summary>The company's own participation that still counts; another company's id, or one that left, is "not found" here.</summary>
    private Task<ProgrammeParticipant?> ActiveAsync(Guid participantId, CancellationToken cancellationToken) =>
        db.ProgrammeParticipants.Include(p => p.Programme)
            .Where(ProgrammeParticipant.Active)
            .SingleOrDefaultAsync(p => p.Id == participantId && p.OrganisationId == Member.OrganisationId, cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Participations = await db.ProgrammeParticipants
            .Where(p => p.OrganisationId == Member.OrganisationId && p.JoinedAtUtc != null)
            .OrderBy(p => p.LeftAtUtc != null).ThenByDescending(p => p.JoinedAtUtc)
            .Select(p => new ParticipationRow(
                p.Id, p.Programme!.Name, p.Programme.SupportOrganisation!.Name, p.Programme.StartsOn, p.Programme.EndsOn, p.Programme.MinCompanies,
                p.JoinedAtUtc!.Value, p.SharesResults, p.InNormPool, p.LeftAtUtc))
            .ToListAsync(cancellationToken);
    }

    public sealed record ParticipationRow(
        Guid Id, string ProgrammeName, string SupportName, DateOnly StartsOn, DateOnly EndsOn, int MinCompanies,
        DateTime JoinedAtUtc, bool SharesResults, bool InNormPool, DateTime? LeftAtUtc);

    public sealed class ChoicesInput
    {
        [System.ComponentModel.DataAnnotations.Display(Name = "Programme.Choice.ShareShort")]
        public bool SharesResults { get; set; }

        [System.ComponentModel.DataAnnotations.Display(Name = "Programme.Choice.PoolShort")]
        public bool InNormPool { get; set; }
    }
}
