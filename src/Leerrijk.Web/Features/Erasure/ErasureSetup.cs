using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Erasure;

/// <summary>Registers retention and erasure: the eraser, the hourly job, the owners' mail and the pages to delete and download.</summary>
public static class ErasureSetup
{
    public static IServiceCollection AddErasure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionJobOptions>().Bind(configuration.GetSection(RetentionJobOptions.Section));
        services.AddScoped<Eraser>();
        services.AddScoped<ErasureMails>();
        services.AddScoped<PersonalData>();
        services.AddSingleton<RetentionJob>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionJob>());
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Erasure"));
        return services;
    }
}
