namespace Leerrijk.Web.Features.Rounds;

/// <summary>Registers rounds: the cache of open rounds and the service that closes them after their last day.</summary>
public static class RoundsSetup
{
    public static IServiceCollection AddRounds(this IServiceCollection services)
    {
        services.AddSingleton<RoundCache>();
        services.AddSingleton<RoundCloser>();
        services.AddHostedService(sp => sp.GetRequiredService<RoundCloser>());
        return services;
    }
}
