using Leerrijk.Web.Features.Account;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Admin;

/// <summary>Registers the platform administrators' pages, open only to the admin role.</summary>
public static class AdminSetup
{
    public const string Policy = "Admin";

    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireRole(PlatformRoles.Admin));
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Admin", Policy));
        return services;
    }
}
