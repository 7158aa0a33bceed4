namespace Leerrijk.Web.Features.Consent;

/// <summary>Registers the consent model: grants owned by companies, connection requests and the access log.</summary>
public static class ConsentSetup
{
    public static IServiceCollection AddConsent(this IServiceCollection services)
    {
        services.AddScoped<ConsentedCompanies>();
        return services;
    }
}
