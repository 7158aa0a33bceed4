
namespace Leerrijk.Web.Infrastructure;

/// <summary>Builds absolute links for e-mails and posters.</summary>
/// <remarks>
/// Behind a proxy the request's own host may be an internal name, so <c>App:PublicBaseUrl</c> wins when set;
/// otherwise the link uses the scheme and host the request came in on.
/// </remarks>
public sealed class PublicLinks(LinkGenerator links, IConfiguration configuration)
{
    public string Page(HttpContext context, string page, object? values = null)
    {
        var path = links.GetPathByPage(page, handler: null, values)
            ?? throw new InvalidOperationException($"No route for page {page}.");
        var configured = configuration["App:PublicBaseUrl"];
        var baseUrl = string.IsNullOrWhiteSpace(configured)
            ? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}"
            : configured.TrimEnd('/');
        return baseUrl + path;
    }
}
