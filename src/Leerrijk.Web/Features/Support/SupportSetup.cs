using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Support;

/// <summary>Registers support organisations (networks, leerwerkloketten, sector funds) and the rule for their own pages.</summary>
public static class SupportSetup
{
    public static IServiceCollection AddSupportOrganisations(this IServiceCollection services)
    {
        services.AddScoped<Caseload>();
        services.Configure<MvcOptions>(o => o.Filters.Add<SupportTenancyFilter>());
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Support"));
        return services;
    }

    public static IEndpointRouteBuilder MapCaseload(this IEndpointRouteBuilder app) => app.MapCaseloadApi();
}
