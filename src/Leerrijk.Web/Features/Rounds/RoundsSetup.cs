namespace Leerrijk.Web.Features.Rounds;

/// <summary>Registers rounds: the cache of open rounds, the service that closes them after their last day, and the rounds API.</summary>
public static class RoundsSetup
{
    public static IServiceCollection AddRounds(this IServiceCollection services)
    {
        services.AddSingleton<RoundCache>();
        services.AddSingleton<RoundCloser>();
        services.AddHostedService(sp => sp.GetRequiredService<RoundCloser>());
        return services;
    }

    public static IEndpointRouteBuilder MapRounds(this IEndpointRouteBuilder app) => app.MapRoundsApi();
}
