using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Organisations;

/// <summary>Base for pages under /o/{orgId}: gives them the member that <see cref="OrganisationTenancyFilter"/> admitted.</summary>
public abstract class OrganisationPageModel : PageModel
{
    public OrganisationMember Member => HttpContext.Features.Get<OrganisationMember>()
        ?? throw new InvalidOperationException("Organisation pages need an {orgId} route so the tenancy filter admits the member.");
}
