using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Answering;
using Leerrijk.Web.Features.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.PersonalInvitations;

/// <summary>
/// Where a personal invitation's link leads. Opening the link changes nothing (mail scanners open links too); the
/// button uses the code up and sends the person on to the same anonymous start page everyone else uses.
/// </summary>
public sealed class RedeemModel(Survey survey, LeerrijkDbContext db) : PageModel
{
    public SurveyRound Round { get; private set; } = null!;

    public string Language { get; private set; } = "nl";

    public RedeemOutcome Outcome { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, string token, CancellationToken cancellationToken)
    {
        var problem = await LoadAsync(code, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        Outcome = await StateOfAsync(token, cancellationToken);
        return Respond();
    }

    public async Task<IActionResult> OnPostAsync(string code, string token, CancellationToken cancellationToken)
    {
        var problem = await LoadAsync(code, cancellationToken);
        if (problem is not null || Round.Status != RoundStatus.Open)
        {
            return problem ?? Page();
        }

        // One conditional update, in its own transaction and before any draft exists: of two clicks at once exactly
        // one wins, and the moment the code is used is not the moment a response is written (ADR 0006).
        var hash = PersonalInvitation.HashCode(token);
        var used = await db.PersonalInvitations
            .Where(i => i.RoundId == Round.Round.Id && i.CodeHash == hash && !i.Used && i.Email != null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Used, true), cancellationToken);
        if (used == 1)
        {
            return Redirect($"/s/{Round.Round.Code}");
        }

        Outcome = await StateOfAsync(token, cancellationToken);
        return Respond();
    }

    private IActionResult Respond()
    {
        Response.StatusCode = Outcome switch
        {
            RedeemOutcome.Unknown => StatusCodes.Status404NotFound,
            RedeemOutcome.AlreadyUsed => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status200OK,
        };
        return Page();
    }

    private async Task<RedeemOutcome> StateOfAsync(string token, CancellationToken cancellationToken)
    {
        var hash = PersonalInvitation.HashCode(token);
        var used = await db.PersonalInvitations
            .Where(i => i.RoundId == Round.Round.Id && i.CodeHash == hash && i.Email != null)
            .Select(i => (bool?)i.Used)
            .SingleOrDefaultAsync(cancellationToken);
        return used switch
        {
            null => RedeemOutcome.Unknown,
            true => RedeemOutcome.AlreadyUsed,
            false => RedeemOutcome.Valid,
        };
    }

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var found = await survey.FindAsync(code, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        Round = found;
        Language = AnsweringLanguage.Of(found);
        if (found.Status == RoundStatus.Closed)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }

        return null;
    }
}

public enum RedeemOutcome
{
    Valid,
    Unknown,
    AlreadyUsed,
}
