namespace Leerrijk.Web.Features.Norms;

/// <summary>Registers the norm groups: the nightly refresh and the lookup the report uses.</summary>
public static class NormsSetup
{
    public static IServiceCollection AddNorms(this IServiceCollection services)
    {
        services.AddScoped<NormLookup>();
        services.AddSingleton<NormRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<NormRefresher>());
        return services;
    }
}
