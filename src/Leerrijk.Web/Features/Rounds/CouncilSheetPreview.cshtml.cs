using System.Globalization;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Anonymity;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Leerrijk.Web.Features.Rounds;

/// <summary>
/// The works council sheet before the round exists, for the instrument chosen on the new-round form: a company asks its
/// works council before a survey starts, so the questions and rules must be printable first. Uses the default threshold
/// and says that the round's own sheet follows once it is made.
/// </summary>
[RequiresOrganisationRole(OrganisationRole.Hr)]
[AdviserScope(ConsentScope.ManageRounds)]
public sealed class CouncilSheetPreviewModel(LeerrijkDbContext db, InstrumentCatalog catalog, TimeProvider clock, IOptions<AnonymityOptions> anonymity)
    : OrganisationPageModel
{
    public WorksCouncilSheet Sheet { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "instrument")] string? instrumentId, CancellationToken cancellationToken)
    {
        var instrument = catalog.Find(instrumentId);
        if (instrument is null || instrument.IsModule)
        {
            // Without a chosen scan there is nothing to describe yet: back to the form's first step.
            return RedirectToPage("/Rounds/New", new { orgId = Member.OrganisationId });
        }

        Today = LocalizationSetup.Today(clock);
        Sheet = await WorksCouncilSheet.PreviewAsync(
            db, Member.OrganisationId, instrument, anonymity.Value.DefaultThreshold, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, Today, cancellationToken);
        return Page();
    }
}
