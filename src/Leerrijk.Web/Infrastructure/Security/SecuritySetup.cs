using Leerrijk.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Leerrijk.Web.Infrastructure.Security;

/// <summary>
/// Registers what guards every request: Data Protection keys in the database, antiforgery, HSTS, rate limits,
/// request size limits and admission control's thresholds. The middleware order stays in Program.cs.
/// </summary>
public static class SecuritySetup
{
    public static IServiceCollection AddLeerrijkSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        // Keys in the database, so cookies, form tokens and e-mail links survive a restart; encrypted with the
        // host's certificate when one is configured, so a copy of the database (a backup) cannot forge a log-in.
        var dataProtection = services.AddDataProtection()
            .SetApplicationName("Leerrijk")
            .PersistKeysToDbContext<LeerrijkDbContext>();
        KeyEncryption.Configure(dataProtection, configuration);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "Leerrijk.Antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        services.AddLeerrijkRateLimiting(configuration);

        // Admission control also needs AdmissionRules, which the feature serving respondents registers.
        services.AddSingleton(configuration.GetSection(AdmissionOptions.Section).Get<AdmissionOptions>() ?? new AdmissionOptions());

        var requestLimits = configuration.GetSection(RequestLimitOptions.Section).Get<RequestLimitOptions>() ?? new RequestLimitOptions();
        services.AddSingleton(requestLimits);
        services.Configure<KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = requestLimits.MaxBodyBytes);
        services.Configure<FormOptions>(o =>
        {
            o.ValueCountLimit = 500;
            o.ValueLengthLimit = (int)requestLimits.MaxBodyBytes;
            o.MultipartBodyLengthLimit = requestLimits.MaxBodyBytes;
        });
        return services;
    }
}
