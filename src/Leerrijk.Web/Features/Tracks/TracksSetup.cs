using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Tracks;

/// <summary>Registers the track (traject) of a company with a support organisation and its follow-up reminder.</summary>
public static class TracksSetup
{
    public static IServiceCollection AddTracks(this IServiceCollection services)
    {
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Tracks"));
        services.AddSingleton<FollowUpReminder>();
        services.AddHostedService(sp => sp.GetRequiredService<FollowUpReminder>());
        return services;
    }
}
