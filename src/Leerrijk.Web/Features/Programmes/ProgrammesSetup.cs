using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Programmes;

/// <summary>Registers programmes: the rule for their pages, the computation of their monitor and the funder report.</summary>
public static class ProgrammesSetup
{
    public static IServiceCollection AddProgrammes(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ProgrammeComputationOptions>(configuration.GetSection(ProgrammeComputationOptions.Section));
        services.AddSingleton<ProgrammeComputation>();
        services.AddSingleton(sp => NationalReference.Load(
            Path.Combine(AppContext.BaseDirectory, "content", "reference", "national-learning-culture.json"), sp.GetRequiredService<Instruments.InstrumentCatalog>()));
        services.AddHostedService(sp => sp.GetRequiredService<ProgrammeComputation>());
        services.AddScoped<ProgrammeMails>();
        services.Configure<MvcOptions>(o => o.Filters.Add<ProgrammeTenancyFilter>());

        // Every programme page needs a signed-in person: the programme's own pages (the programme filter then admits
        // managers and coordinators), the support organisation's list (the support filter), the company's page (the
        // tenancy filter, owners only) and /programma-uitnodiging/{token}, where an anonymous visitor logs in and comes back.
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Programmes"));
        return services;
    }

    public static IEndpointRouteBuilder MapProgrammes(this IEndpointRouteBuilder app) => app.MapProgrammeFiguresApi();
}
