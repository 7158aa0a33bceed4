using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Leerrijk.Web.Infrastructure;

/// <summary>Builds absolute links for e-mails and posters.</summary>
/// <remarks>
/// Links in e-mails must not trust the request's Host header: anyone can send a reset request with
/// <c>Host: evil.example</c> and have the victim mailed a link to that site. So outside Development and Testing
/// the address comes only from <c>App:PublicBaseUrl</c>, which start-up requires (see <see cref="RequireBaseUrl"/>).
/// </remarks>
public sealed class PublicLinks(LinkGenerator links, IConfiguration configuration, IHostEnvironment environment, IServer server)
{
    public const string BaseUrlKey = "App:PublicBaseUrl";

    public string Page(HttpContext context, string page, object? values = null) =>
        Absolute(context, links.GetPathByPage(page, handler: null, values) ?? throw new InvalidOperationException($"No route for page {page}."));

    /// <summary>An absolute link to a local path such as <c>/s/ABC123</c>.</summary>
    public string Absolute(HttpContext context, string path)
    {
        var configured = configuration[BaseUrlKey];
        if (string.IsNullOrWhiteSpace(configured) && !TrustsRequestHost(environment))
        {
            throw new InvalidOperationException($"{BaseUrlKey} is not set.");
        }

        var baseUrl = string.IsNullOrWhiteSpace(configured)
            ? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}"
            : configured.TrimEnd('/');
        return baseUrl + path;
    }

    /// <summary>
    /// An absolute link built outside a request, for mail sent in the background. Without a configured address
    /// (Development and Testing only) it uses the address the server listens on.
    /// </summary>
    public string Absolute(string path)
    {
        var configured = configuration[BaseUrlKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/') + path;
        }

        if (!TrustsRequestHost(environment))
        {
            throw new InvalidOperationException($"{BaseUrlKey} is not set.");
        }

        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return (listening ?? "http://localhost").TrimEnd('/') + path;
    }

    /// <summary>Stops start-up outside Development and Testing when the public address is missing or not an absolute http(s) URL.</summary>
    public static void RequireBaseUrl(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[BaseUrlKey];
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (TrustsRequestHost(environment))
            {
                return;
            }

            throw new InvalidOperationException(
                $"Set {BaseUrlKey} (environment variable App__PublicBaseUrl) to the address people use, such as https://leerrijk.example.nl. " +
                "Links in e-mails are built from it; without it they would follow the Host header of a request, which anyone can forge.");
        }

        if (!Uri.TryCreate(configured, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException($"{BaseUrlKey} must be an absolute http(s) address, not '{configured}'.");
        }
    }

    private static bool TrustsRequestHost(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");
}
