using Leerrijk.Web.Features.Anonymity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Leerrijk.Web.Features.Privacy;

/// <summary>
/// The public privacy statement: what Leerrijk keeps about respondents (answers without a name, so nothing to hand
/// over) and about account holders, for how long, people's rights, and the host's contact from configuration.
/// </summary>
public sealed class PrivacyModel(IOptions<HostOptions> host) : PageModel
{
    public HostOptions Host => host.Value;

    /// <summary>The lowest threshold any round may have, so the page can say "never fewer than …".</summary>
    public int LowestThreshold => AnonymityOptions.LowestThreshold;

    public void OnGet()
    {
    }
}
