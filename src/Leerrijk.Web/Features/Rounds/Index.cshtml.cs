using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Rounds;

/// <summary>The organisation's rounds: planned, open and closed.</summary>
[AdviserScope(ConsentScope.ReadReports)]
public sealed class IndexModel(LeerrijkDbContext db, InstrumentCatalog catalog, TimeProvider clock) : OrganisationPageModel
{
    public IReadOnlyList<Row> Rounds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = LocalizationSetup.Today(clock);
        var rounds = await db.Rounds
            .Where(r => r.OrganisationId == Member.OrganisationId)
            .OrderByDescending(r => r.OpensOn)
            .ToListAsync(cancellationToken);
        Rounds = rounds.Select(r => new Row(r, catalog.Find(r.InstrumentId, r.InstrumentVersion)?.Title, r.StatusOn(today))).ToList();
    }

    public bool CanManage => Member.May(OrganisationRole.Hr, ConsentScope.ManageRounds);

    public sealed record Row(Round Round, Leerrijk.Scoring.Instruments.LocalizedText? InstrumentTitle, RoundStatus Status);
}
