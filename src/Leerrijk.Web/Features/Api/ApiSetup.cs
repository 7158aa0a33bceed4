using Leerrijk.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Scalar.AspNetCore;

namespace Leerrijk.Web.Features.Api;

/// <summary>Registers personal API tokens (their sign-in scheme and pages) and the interactive API reference at <c>/api</c>.</summary>
public static class ApiSetup
{
    public const string ReferencePath = "/api";

    public static IServiceCollection AddApiTokens(this IServiceCollection services)
    {
        services.AddApiTokenAuthentication();
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Api"));
        return services;
    }

    /// <summary>
    /// The reference page, drawn by Scalar from the OpenAPI document; its scripts are served by the package itself (no CDN)
    /// and run under a per-response nonce, the only exception to the strict script policy.
    /// </summary>
    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapScalarApiReference(ReferencePath, o => o
                .WithTitle("Leerrijk API")
                .WithOpenApiRoutePattern("/api/openapi/{documentName}.json")
                .AddHttpAuthentication("Bearer", _ => { })
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .WithNonce())
            .Add(endpoint =>
            {
                var inner = endpoint.RequestDelegate!;
                endpoint.RequestDelegate = context =>
                {
                    context.Features.Set(new ScriptPagePolicy(c => c.Items[ScalarOptions.NonceHttpContextItemKey] as string));
                    return inner(context);
                };
            });
        return app;
    }
}
