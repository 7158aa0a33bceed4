using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Consent;

/// <summary>Registers the consent model: grants owned by companies, connection requests and the access log.</summary>
public static class ConsentSetup
{
    public static IServiceCollection AddConsent(this IServiceCollection services)
    {
        services.AddScoped<ConsentedCompanies>();
        services.AddScoped<ConsentMails>();

        // Every consent page needs a signed-in person: the owner's pages under /o/{orgId} (the tenancy filter then
        // admits owners only), the adviser's request page under /support/{supportId} (the support filter admits its
        // members), and /connect/{token}, where an anonymous visitor is sent to log in and comes back to the request.
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Consent"));
        return services;
    }
}
