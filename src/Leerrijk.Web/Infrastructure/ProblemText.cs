using System.Globalization;
using Leerrijk.Web.Data;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Infrastructure;

/// <summary>
/// Plain-language title and text for problem details written after an exception (the API's 500 and 503), in the
/// caller's language. Problems the endpoints describe themselves are left as they are.
/// </summary>
public static class ProblemText
{
    public static void Describe(ProblemDetailsContext context)
    {
        if (context.Exception is null)
        {
            return;
        }

        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        var code = status == StatusCodes.Status503ServiceUnavailable ? 503 : 500;
        var l = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        context.ProblemDetails.Title = l[$"Error.{code}.Title"];
        context.ProblemDetails.Detail = l[$"Error.{code}.Text"];
        if (code == 503)
        {
            context.HttpContext.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
    }
}
