namespace Leerrijk.Web.Features.Privacy;

/// <summary>Registers the host's details for the privacy page and the works council sheet.</summary>
public static class PrivacySetup
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HostOptions>().Bind(configuration.GetSection(HostOptions.Section));
        return services;
    }
}
