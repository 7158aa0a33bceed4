using Leerrijk.Scoring.Instruments;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Instruments;

/// <summary>The instrument library: what each scan is for, which model it follows, how long it takes.</summary>
public sealed class IndexModel(InstrumentCatalog catalog) : PageModel
{
    public IReadOnlyList<Instrument> Instruments => catalog.All;

    public void OnGet()
    {
    }
}
