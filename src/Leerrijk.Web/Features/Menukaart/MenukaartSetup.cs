using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.Instruments;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Menukaart;

/// <summary>Registers the menukaart: its content files, the editors' pages and the import into the database.</summary>
public static class MenukaartSetup
{
    public static IServiceCollection AddMenukaart(this IServiceCollection services, IConfiguration configuration)
    {
        var folder = configuration["Menukaart:Folder"] is { Length: > 0 } configured ? configured : Path.Combine(AppContext.BaseDirectory, "content");

        // Read when the importer starts, so a broken file still stops start-up with its name and the fix.
        services.AddSingleton(sp =>
        {
            var (interventions, stories) = MenukaartContent.LoadFolder(folder, sp.GetRequiredService<InstrumentCatalog>().All);
            return new MenukaartFiles(interventions, stories);
        });
        services.AddScoped<Menukaart>();
        services.AddScoped<MenukaartEditing>();
        services.AddSingleton<MenukaartImporter>();
        services.AddHostedService(sp => sp.GetRequiredService<MenukaartImporter>());
        services.AddAuthorizationBuilder()
            .AddPolicy(MenukaartEditing.Policy, p => p.RequireRole(PlatformRoles.Editor, PlatformRoles.Admin));
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizePage("/Menukaart/EditIntervention", MenukaartEditing.Policy);
            o.Conventions.AuthorizePage("/Menukaart/EditStory", MenukaartEditing.Policy);
        });
        return services;
    }
}
