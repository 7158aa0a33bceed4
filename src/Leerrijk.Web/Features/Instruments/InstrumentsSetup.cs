namespace Leerrijk.Web.Features.Instruments;

/// <summary>Registers the scans, read and validated at start-up: a broken file stops the app with its name and the fix.</summary>
public static class InstrumentsSetup
{
    public static IServiceCollection AddInstruments(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(InstrumentCatalog.Load(configuration));
}
