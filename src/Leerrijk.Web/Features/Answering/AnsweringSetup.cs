using Leerrijk.Web.Infrastructure.Security;

namespace Leerrijk.Web.Features.Answering;

/// <summary>Registers answering a survey page by page, and tells admission control which requests are respondents'.</summary>
public static class AnsweringSetup
{
    public static IServiceCollection AddAnswering(this IServiceCollection services)
    {
        services.AddScoped<Survey>();
        services.AddSingleton(new AdmissionRules(IsNewArrival, IsAnswering));
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
        request.Path.StartsWithSegments("/s", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/api/v1/s", StringComparison.OrdinalIgnoreCase);
}
