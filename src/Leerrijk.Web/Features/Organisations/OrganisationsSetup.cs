using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Organisations;

/// <summary>Registers organisations, memberships and the tenancy rule every page under <c>/o/{orgId}</c> passes.</summary>
public static class OrganisationsSetup
{
    public static IServiceCollection AddOrganisations(this IServiceCollection services)
    {
        services.AddScoped<OrganisationAccess>();
        services.Configure<MvcOptions>(o => o.Filters.Add<OrganisationTenancyFilter>());
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Organisations");
            o.Conventions.AllowAnonymousToPage("/Organisations/AcceptInvitation");
        });
        return services;
    }
}
