namespace Leerrijk.Web.Features.Reference;

/// <summary>Registers the reference lists (provinces, labour-market regions, SBI sections) shipped in content/reference.</summary>
public static class ReferenceSetup
{
    public static IServiceCollection AddReferenceData(this IServiceCollection services) =>
        services.AddSingleton(ReferenceData.Load(Path.Combine(AppContext.BaseDirectory, "content", "reference")));
}
