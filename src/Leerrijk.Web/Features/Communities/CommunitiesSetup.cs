using Leerrijk.Web.Features.Communities.Sessions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Communities;

/// <summary>Registers learning communities: the rule for their pages, their mails and the session reminders.</summary>
public static class CommunitiesSetup
{
    public static IServiceCollection AddCommunities(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MvcOptions>(o => o.Filters.Add<CommunityTenancyFilter>());
        services.Configure<RazorPagesOptions>(o =>
        {
            // Every community page needs an account, except the public list of open communities and their detail pages.
            o.Conventions.AuthorizeFolder("/Communities");
            o.Conventions.AllowAnonymousToPage("/Communities/PublicList");
            o.Conventions.AllowAnonymousToPage("/Communities/PublicDetail");
        });
        services.AddScoped<CommunityMails>();

        // Sessions: their mails (with the iCalendar attachment) and the hourly reminder a day ahead.
        services.AddScoped<SessionMails>();
        services.Configure<SessionReminderOptions>(configuration.GetSection(SessionReminderOptions.Section));
        services.AddSingleton<SessionReminder>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionReminder>());
        return services;
    }
}
