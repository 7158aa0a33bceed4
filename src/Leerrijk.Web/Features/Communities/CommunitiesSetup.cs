using Microsoft.AspNetCore.Mvc;

namespace Leerrijk.Web.Features.Communities;

/// <summary>Registers learning communities: the rule for their pages, their mails and the session reminders.</summary>
public static class CommunitiesSetup
{
    public static IServiceCollection AddCommunities(this IServiceCollection services)
    {
        services.Configure<MvcOptions>(o => o.Filters.Add<CommunityTenancyFilter>());
        return services;
    }
}
