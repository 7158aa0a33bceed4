using Microsoft.AspNetCore.ResponseCompression;

namespace Leerrijk.Web.Infrastructure.Delivery;

/// <summary>
/// How bytes reach the browser: pages and other text compressed (Brotli, else gzip; ADR 0014), and the files under
/// wwwroot served the same way in every environment, without cookies and cached for a year when the address carries
/// their fingerprint.
/// </summary>
public static class DeliverySetup
{
    /// <summary>The kinds of response worth compressing: text. Images, fonts and PDFs are compressed already.</summary>
    public static readonly IReadOnlyList<string> CompressedTypes =
        ["text/html", "text/css", "text/plain", "text/javascript", "application/javascript", "application/json", "application/problem+json", "image/svg+xml"];

    /// <summary>Response compression, also over HTTPS: see ADR 0014 for why that is safe here and what would make it unsafe.</summary>
    public static IServiceCollection AddLeerrijkCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = CompressedTypes;
        });

        // Both providers keep their default level, Fastest: pages are compressed while they are sent, and the
        // stylesheet and favicon come precompressed at the highest level from the build.
        return services;
    }

    /// <summary>
    /// The files under wwwroot (the stylesheet, the favicon), from the build's manifest of static assets, answered as
    /// soon as routing has found them: the middleware after routing (sign-in, the client-id cookie, rate limits) never
    /// runs for them, so no response for a file sets a cookie.
    /// </summary>
    /// <remarks>
    /// One caching rule for every environment: a fingerprinted address (<c>/css/site.{hash}.css</c>, which
    /// <c>asp-append-version</c> writes into each page) is cached for a year as immutable, a plain address is
    /// revalidated. ASP.NET Core would replace that with "no-cache" when the app runs from its build output
    /// (<c>scripts/run.sh</c>, the tests) and would re-read changed files from wwwroot under the same fingerprint;
    /// both are off unless configured (<c>EnableStaticAssetsDevelopmentCaching=false</c> and
    /// <c>ReloadStaticAssetsAtRuntime=true</c> for live work on the stylesheet without restarting).
    /// </remarks>
    public static IEndpointConventionBuilder MapLeerrijkStaticAssets(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Configuration["EnableStaticAssetsDevelopmentCaching"] ??= "true";
        app.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";
        return app.MapStaticAssets().ShortCircuit();
    }
}
