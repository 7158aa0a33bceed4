using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Leerrijk.Web.Infrastructure.Delivery;

/// <summary>
/// For a page that shows the same secret on every visit (an authenticator key): its HTTPS responses are never
/// compressed, so their length cannot leak the secret to someone who also gets text of theirs into the page (BREACH, ADR 0014).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class DoNotCompressAttribute : Attribute, IResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HttpContext.Features.Get<IHttpsCompressionFeature>() is { } compression)
        {
            compression.Mode = HttpsCompressionMode.DoNotCompress;
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
