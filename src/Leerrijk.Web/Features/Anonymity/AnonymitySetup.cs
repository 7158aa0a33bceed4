namespace Leerrijk.Web.Features.Anonymity;

/// <summary>Registers the anonymity threshold; start-up refuses a default below the floor.</summary>
public static class AnonymitySetup
{
    public static IServiceCollection AddAnonymity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AnonymityOptions>()
            .Bind(configuration.GetSection(AnonymityOptions.Section))
            .Validate(o => o.DefaultThreshold >= AnonymityOptions.LowestThreshold, $"Anonymity:DefaultThreshold must be at least {AnonymityOptions.LowestThreshold}.")
            .ValidateOnStart();
        return services;
    }
}
