using System.Globalization;
using Leerrijk.Web.Data;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Infrastructure;

/// <summary>
/// Plain-language title and text for problem details the endpoints do not describe themselves, in the caller's
/// language: the API's 500 and 503 after an exception, and bare statuses such as 404, 405, 413 and 415.
/// </summary>
public static class ProblemText
{
    /// <summary>Statuses the API can answer without an endpoint describing them (Input.Problem.{status}.Title and .Detail).</summary>
    private static readonly int[] Described = [400, 404, 405, 413, 415];

    /// <summary>
    /// True when the caller is a browser asking for a page and not for JSON (a person who opened or posted to an API
    /// address): it gets the error page in its language, not problem details or the plain-text fallback.
    /// </summary>
    public static bool WantsPage(HttpContext context)
    {
        var accept = context.Request.Headers.Accept.ToString();
        return accept.Contains("text/html", StringComparison.OrdinalIgnoreCase) && !accept.Contains("json", StringComparison.OrdinalIgnoreCase);
    }

    public static void Describe(ProblemDetailsContext context)
    {
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        if (context.Exception is null)
        {
            if (context.ProblemDetails.Detail is null && Array.IndexOf(Described, status) >= 0)
            {
                InCallersLanguage(context.HttpContext, l =>
                {
                    context.ProblemDetails.Title = l[$"Input.Problem.{status}.Title"];
                    context.ProblemDetails.Detail = l[$"Input.Problem.{status}.Detail"];
                });
            }

            return;
        }

        var code = status == StatusCodes.Status503ServiceUnavailable ? 503 : 500;
        var l = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        context.ProblemDetails.Title = l[$"Error.{code}.Title"];
        context.ProblemDetails.Detail = l[$"Error.{code}.Text"];
        if (code == 503)
        {
            context.HttpContext.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// Status code pages write after the localization middleware has returned (or, for a 413 refused at the door,
    /// before it ran), so the thread's culture is not the request's: take it from the request itself.
    /// </summary>
    private static void InCallersLanguage(HttpContext context, Action<IStringLocalizer> describe)
    {
        var culture = context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture
            ?? LocalizationSetup.FromCode(context.Request.Query["lang"].ToString())
            ?? (CookieRequestCultureProvider.ParseCookieValue(context.Request.Cookies[LocalizationSetup.CookieName] ?? "") is { } cookie
                ? LocalizationSetup.Supported.FirstOrDefault(c => cookie.UICultures.Any(u => u.Value == c.Name))
                : null)
            ?? LocalizationSetup.Dutch;
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            describe(context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
