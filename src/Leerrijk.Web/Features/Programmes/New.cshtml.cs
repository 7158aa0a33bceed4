using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Programmes;

/// <summary>A coordinator sets up a programme of their support organisation: period, region, sectors, scans, targets and the company threshold.</summary>
[RequiresSupportRole(SupportRole.Coordinator)]
public sealed class NewModel(
    LeerrijkDbContext db, ReferenceData reference, InstrumentCatalog catalog, TimeProvider clock, IStringLocalizer<SharedResource> l) : SupportPageModel
{
    [BindProperty]
    public ProgrammeInput Input { get; set; } = new();

    public void OnGet()
    {
        var today = LocalizationSetup.Today(clock);
        Input = new ProgrammeInput
        {
            StartsOn = today,
            EndsOn = today.AddYears(2),
            MinCompanies = Programme.LowestMinCompanies.ToString(System.Globalization.CultureInfo.CurrentCulture),
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var programme = new Programme { SupportOrganisationId = Member.SupportOrganisationId };
        if (!Input.TryApply(programme, minCompaniesLocked: false, LocalizationSetup.Today(clock), reference, catalog, ModelState, l))
        {
            return Page();
        }

        db.Programmes.Add(programme);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Programme.Created", programme.Name].Value;
        return RedirectToPage("/Programmes/Participants", new { programmeId = programme.Id });
    }
}
