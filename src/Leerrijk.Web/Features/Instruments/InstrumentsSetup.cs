using Leerrijk.Scoring.Languages;

namespace Leerrijk.Web.Features.Instruments;

/// <summary>Registers the scans, read and validated at start-up: a broken file stops the app with its name and the fix.</summary>
public static class InstrumentsSetup
{
    /// <summary>Loads the catalog now, in the registered languages (the registry added before this, else read here).</summary>
    public static IServiceCollection AddInstruments(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(InstrumentCatalog.Load(
            configuration, services.Select(d => d.ImplementationInstance).OfType<LanguageRegistry>().FirstOrDefault()));
}
