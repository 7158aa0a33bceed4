using System.Globalization;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Rounds;

/// <summary>
/// The printable information sheet for the works council (OR) or staff representation (PVT) about one round: what is
/// asked, who sees what, the anonymity rules, what is stored, for how long and by whom. Any member may print it.
/// </summary>
/// <remarks>Printing is the browser's own (Ctrl+P): no script, and the screen-only hint is not printed.</remarks>
[AdviserScope(ConsentScope.ReadReports)]
public sealed class CouncilSheetModel(LeerrijkDbContext db, InstrumentCatalog catalog, TimeProvider clock) : OrganisationPageModel
{
    public WorksCouncilSheet Sheet { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid roundId, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == roundId && r.OrganisationId == Member.OrganisationId, cancellationToken);
        if (round is null)
        {
            return NotFound();
        }

        Today = LocalizationSetup.Today(clock);
        var sheet = await WorksCouncilSheet.ForRoundAsync(db, catalog, round, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, Today, cancellationToken);
        if (sheet is null)
        {
            return NotFound();
        }

        Sheet = sheet;
        return Page();
    }
}
