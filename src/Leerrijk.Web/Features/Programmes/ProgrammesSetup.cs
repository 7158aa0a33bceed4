using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Programmes;

/// <summary>Registers programmes: the rule for their pages, the computation of their monitor and the funder report.</summary>
public static class ProgrammesSetup
{
    public static IServiceCollection AddProgrammes(this IServiceCollection services)
    {
        services.Configure<MvcOptions>(o => o.Filters.Add<ProgrammeTenancyFilter>());
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Programmes"));
        return services;
    }
}
