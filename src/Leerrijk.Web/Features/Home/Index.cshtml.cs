using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Rounds;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Home;

/// <summary>The landing page: what Leerrijk does for an owner, in business language.</summary>
public sealed class IndexModel(InstrumentCatalog catalog) : PageModel
{
    /// <summary>The quick scan's length as its instrument states it (questions, minutes).</summary>
    public (int Items, int Minutes) QuickScan { get; private set; }

    /// <summary>How long a team scan takes, from the instruments (see <see cref="RoundDuration"/>).</summary>
    public (int Shortest, int Longest) TeamScanMinutes { get; private set; }

    public void OnGet()
    {
        var quickScan = catalog.Find(Features.QuickScan.IndexModel.InstrumentId);
        QuickScan = quickScan is null ? (0, 0) : (quickScan.Items.Count, quickScan.Minutes);
        TeamScanMinutes = RoundDuration.Range(catalog, Features.QuickScan.IndexModel.InstrumentId);
    }
}
