using Leerrijk.Web.Infrastructure.Security;

namespace Leerrijk.Web.Features.Answering;

/// <summary>Registers answering a survey page by page, and tells admission control which requests are respondents'.</summary>
public static class AnsweringSetup
{
    public static IServiceCollection AddAnswering(this IServiceCollection services)
    {
        services.AddScoped<Survey>();
        services.AddSingleton(new AdmissionRules(IsNewArrival, IsAnswering, IsAnsweringPage));
        return services;
    }

    /// <summary>
    /// Opening a survey link (<c>/s/{code}</c> or a personal <c>/s/{code}/u/{token}</c>) on a device without an
    /// answer in progress. Someone with a draft cookie is already answering and is let in.
    /// </summary>
    public static bool IsNewArrival(HttpRequest request)
    {
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || !request.Path.StartsWithSegments("/s", StringComparison.OrdinalIgnoreCase, out var rest)
            || request.Cookies.ContainsKey(Survey.CookieName))
        {
            return false;
        }

        var segments = (rest.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 1 || (segments.Length == 3 && segments[1] == "u");
    }

    /// <summary>A respondent's request: the answering pages, or a kiosk's submission to the responses API.</summary>
    public static bool IsAnswering(HttpRequest request) =>
        IsAnsweringPage(request) || request.Path.StartsWithSegments("/api/v1/s", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The answering pages. The responses API is not one: group commit writes its submissions together, and the more
    /// arrive at once the fewer commits they need (ADR 0026), so they do not take turns.
    /// </summary>
    public static bool IsAnsweringPage(HttpRequest request) =>
        request.Path.StartsWithSegments("/s", StringComparison.OrdinalIgnoreCase);
}
