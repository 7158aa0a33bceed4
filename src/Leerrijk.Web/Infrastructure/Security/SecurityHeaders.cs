namespace Leerrijk.Web.Infrastructure.Security;

/// <summary>Sets the security headers on every response, error pages and static files included.</summary>
/// <remarks>
/// The CSP allows no inline script and no script from elsewhere: Leerrijk needs no JavaScript for any core
/// action, so any script that shows up is an injection. HSTS is added by UseHsts outside Development.
/// </remarks>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Features.Get<ScriptPagePolicy>() is { } page ? page.PolicyFor(context) : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";

            // Pages for a signed-in person show organisation data: no shared or back-button cache may keep them.
            if (context.User.Identity?.IsAuthenticated == true && !context.Response.Headers.ContainsKey("Cache-Control"))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}

/// <summary>
/// Set on a request by a feature whose page is made of third-party script (the API reference): its scripts run only with
/// the nonce that page drew for this response, and its styles may be inline. Every other page keeps the strict policy.
/// </summary>
/// <param name="Nonce">Reads the nonce the page drew for this response, when the headers are written.</param>
public sealed record ScriptPagePolicy(Func<HttpContext, string?> Nonce)
{
    public string PolicyFor(HttpContext context) =>
        Nonce(context) is { Length: > 0 } nonce
            ? SecurityHeadersMiddleware.ContentSecurityPolicy
                .Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal)
                .Replace("style-src 'self'", "style-src 'self' 'unsafe-inline'", StringComparison.Ordinal)
            : SecurityHeadersMiddleware.ContentSecurityPolicy;
}
