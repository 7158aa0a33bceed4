namespace Leerrijk.Web.Features.Demo;

/// <summary>Registers the demo seeder, which the database migrator runs on an empty database when Demo:Seed is on.</summary>
public static class DemoSetup
{
    public static IServiceCollection AddDemo(this IServiceCollection services) => services.AddScoped<DemoSeeder>();
}
