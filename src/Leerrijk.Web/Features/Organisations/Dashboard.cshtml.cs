using Leerrijk.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Organisations;

/// <summary>An organisation's home: its profile and where to go next. Later issues add rounds and reports here.</summary>
public sealed class DashboardModel(LeerrijkDbContext db, Instruments.InstrumentCatalog catalog) : OrganisationPageModel
{
    public Organisation Organisation { get; private set; } = null!;

    public int MemberCount { get; private set; }

    /// <summary>The owner's quick scan, if they took it before signing up.</summary>
    public QuickScan.QuickScanProfile? QuickScan { get; private set; }

    public QuickScan.QuickScanResult? QuickScanResult { get; private set; }

    /// <summary>The action plan's open steps, soonest first, for the dashboard's summary.</summary>
    public IReadOnlyList<ActionPlan.ActionStep> OpenSteps { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == Member.OrganisationId, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        Organisation = organisation;
        MemberCount = await db.Memberships.CountAsync(m => m.OrganisationId == Member.OrganisationId, cancellationToken);
        OpenSteps = await db.Set<ActionPlan.ActionStep>()
            .Where(s => s.Status == ActionPlan.ActionStatus.Planned || s.Status == ActionPlan.ActionStatus.Started)
            .OrderBy(s => s.StartOn).ThenBy(s => s.CreatedAtUtc)
            .Take(5)
            .ToListAsync(cancellationToken);
        QuickScanResult = await db.Set<QuickScan.QuickScanResult>().OrderByDescending(r => r.TakenOn).FirstOrDefaultAsync(cancellationToken);
        if (QuickScanResult is not null && catalog.Find(QuickScanResult.InstrumentId) is { } instrument)
        {
            QuickScan = Features.QuickScan.QuickScanProfile.Of(
                instrument, System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int?>>(QuickScanResult.AnswersJson) ?? []);
        }
        return Page();
    }
}
