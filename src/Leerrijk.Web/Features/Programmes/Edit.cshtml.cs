using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Programmes;

/// <summary>
/// A coordinator changes a programme. The company threshold can change only until the first company joins: from then
/// on every figure of the period rests on the same rule, so the form shows it read-only and the save keeps it.
/// </summary>
[RequiresProgrammeCoordinator]
public sealed class EditModel(
    LeerrijkDbContext db, ReferenceData reference, InstrumentCatalog catalog, TimeProvider clock, IStringLocalizer<SharedResource> l) : ProgrammePageModel
{
    [BindProperty]
    public ProgrammeInput Input { get; set; } = new();

    public string ProgrammeName { get; private set; } = "";

    public bool MinCompaniesLocked { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.AsNoTracking().SingleAsync(p => p.Id == Reader.ProgrammeId, cancellationToken);
        ProgrammeName = programme.Name;
        MinCompaniesLocked = await AnyoneJoinedAsync(cancellationToken);
        Input = ProgrammeInput.From(programme);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.SingleAsync(p => p.Id == Reader.ProgrammeId, cancellationToken);
        ProgrammeName = programme.Name;

        // Read at the moment of saving: a company that joined after the form was opened locks the threshold too.
        MinCompaniesLocked = await AnyoneJoinedAsync(cancellationToken);
        if (MinCompaniesLocked)
        {
            // Whatever was posted, the form shows (and the save keeps) the threshold of the period.
            ModelState.Remove("Input.MinCompanies");
            Input.MinCompanies = programme.MinCompanies.ToString(System.Globalization.CultureInfo.CurrentCulture);
        }

        if (!Input.TryApply(programme, MinCompaniesLocked, LocalizationSetup.Today(clock), reference, catalog, ModelState, l))
        {
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Programme.Saved", programme.Name].Value;
        return RedirectToPage("/Programmes/Participants", new { programmeId = programme.Id });
    }

    /// <summary>Whether a company ever joined (left ones included): their figures were computed with this threshold.</summary>
    private Task<bool> AnyoneJoinedAsync(CancellationToken cancellationToken) =>
        db.ProgrammeParticipants.AnyAsync(p => p.ProgrammeId == Reader.ProgrammeId && p.JoinedAtUtc != null, cancellationToken);
}
