using Microsoft.AspNetCore.Http.Features;

namespace Leerrijk.Web.Infrastructure.Security;

/// <summary>Size limits for request bodies; a request over them gets 413 with a plain explanation.</summary>
public sealed class RequestLimitOptions
{
    public const string Section = "RequestLimits";

    /// <summary>Largest request body in bytes. Forms and survey answers are far smaller; 1 MB leaves room for long comments.</summary>
    public long MaxBodyBytes { get; set; } = 1_000_000;
}

/// <summary>
/// Turns an oversized or malformed request into a status code the error pages explain (413, 400),
/// instead of the 500 an unhandled <see cref="BadHttpRequestException"/> would become.
/// </summary>
public sealed class RequestLimitMiddleware(RequestDelegate next, RequestLimitOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > options.MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = options.MaxBodyBytes;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = ex.StatusCode;
        }
        catch (InvalidDataException) when (!context.Response.HasStarted)
        {
            // Form reading throws this for too many fields or an oversized value (FormOptions limits).
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        }
    }
}
