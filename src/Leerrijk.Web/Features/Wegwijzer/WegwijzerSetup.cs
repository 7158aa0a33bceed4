using Leerrijk.Web.Features.Reference;

namespace Leerrijk.Web.Features.Wegwijzer;

/// <summary>Registers the wegwijzer: the offer files, their import into the database and the catalogue pages read.</summary>
public static class WegwijzerSetup
{
    public static IServiceCollection AddWegwijzer(this IServiceCollection services, IConfiguration configuration)
    {
        var folder = configuration["Wegwijzer:Folder"] is { Length: > 0 } configured ? configured : Path.Combine(AppContext.BaseDirectory, "content", "offers");

        // Read when the importer starts, so a broken file stops start-up with its name and the fix.
        services.AddSingleton(sp => new OfferFiles(OfferContent.LoadFolder(folder, sp.GetRequiredService<ReferenceData>())));
        services.AddScoped<OfferCatalog>();
        services.AddScoped<OfferAdvice>();
        services.AddSingleton<OfferEligibility>();
        services.AddSingleton<OfferImporter>();
        services.AddHostedService(sp => sp.GetRequiredService<OfferImporter>());
        return services;
    }

    /// <summary>Maps the wegwijzer's endpoints that are not pages: the calendar feed per region.</summary>
    public static IEndpointRouteBuilder MapWegwijzer(this IEndpointRouteBuilder app) => app.MapWegwijzerFeed();
}
