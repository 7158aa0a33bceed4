using System.Globalization;
using Leerrijk.Scoring.Languages;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace Leerrijk.Web.Features.Answering;

/// <summary>
/// Respondent pages speak a language the round offers: the person's explicit choice (the header switch's cookie or
/// <c>?lang=</c>) when offered; without a choice, the offered language their browser prefers (Accept-Language, by
/// its q-values); else the round's first language. Any registered language counts here (content/languages.yaml),
/// also those that only respondent pages exist in.
/// </summary>
/// <remarks>
/// Elsewhere Leerrijk ignores the browser and speaks Dutch until asked (LocalizationSetup). A respondent is different:
/// a colleague who reads English should not have to find the switch before the first question, and the round's
/// owner has decided which languages are fine. The choice is made in middleware, not in the page handler: a culture
/// set inside an async handler does not reach the layout, which renders outside it.
/// </remarks>
public static class AnsweringLanguage
{
    /// <summary>
    /// Sets the request's language for <c>/s/{code}/…</c> once the round is known. Runs after admission control, so
    /// a newcomer turned away in a rush costs no round lookup; the lookup itself is cached (RoundCache).
    /// </summary>
    public static IApplicationBuilder UseAnsweringLanguage(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (RoundCode(context.Request.Path) is { } code
            && await context.RequestServices.GetRequiredService<RoundCache>().FindByCodeAsync(
                context.RequestServices.GetRequiredService<LeerrijkDbContext>().Rounds, code, context.RequestAborted) is { } round)
        {
            var registry = context.RequestServices.GetRequiredService<LanguageRegistry>();
            var offered = round.Languages.Where(registry.Contains).ToList();
            var chosen = Chosen(context, registry);
            var language = chosen is not null
                ? Offered(offered, chosen)
                : FromBrowser(context.Request, offered) ?? Offered(offered, "");
            if (chosen is null)
            {
                // The same address answers in another language for another browser: caches must keep them apart.
                context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
            }

            var culture = registry.Find(language)?.CultureInfo ?? LocalizationSetup.Dutch;
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            context.Items[OfferedKey] = offered;
        }

        await next(context);
    });

    private const string OfferedKey = "Leerrijk.AnsweringLanguages";

    /// <summary>The languages the round of this respondent page offers, for the layout's language switch; empty elsewhere.</summary>
    public static IReadOnlyList<string> OfferedOn(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[OfferedKey] as IReadOnlyList<string> ?? [];
    }

    /// <summary>
    /// The registered language the person chose: <c>?lang=</c>, else the language switch's cookie. Read here rather than
    /// from request localization, which only knows the languages every page exists in.
    /// </summary>
    private static string? Chosen(HttpContext context, LanguageRegistry registry)
    {
        if (registry.Find(context.Request.Query["lang"].ToString()) is { } asked)
        {
            return asked.Code;
        }

        return CookieRequestCultureProvider.ParseCookieValue(context.Request.Cookies[LocalizationSetup.CookieName] ?? "") is { } cookie
            ? cookie.UICultures.Select(c => registry.All.FirstOrDefault(l => l.Culture == c.Value)?.Code).FirstOrDefault(c => c is not null)
            : null;
    }

    /// <summary>The language a respondent page is in: the request's, which <see cref="UseAnsweringLanguage"/> made one the round offers.</summary>
    public static string Of(SurveyRound survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        return Offered(survey.Round.Languages, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
    }

    /// <summary><paramref name="wanted"/> when the round offers it, else the round's first language.</summary>
    public static string Offered(IReadOnlyList<string> languages, string wanted)
    {
        ArgumentNullException.ThrowIfNull(languages);
        return languages.Contains(wanted) ? wanted : languages.FirstOrDefault() ?? "nl";
    }

    /// <summary>
    /// The offered language the browser prefers most: its languages by q-value (highest first, the header's order
    /// among equals), each matched on its primary tag ("en-GB" is "en"); q=0 means "not this one". Null when none is offered.
    /// </summary>
    public static string? FromBrowser(HttpRequest request, IReadOnlyCollection<string> offered)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(offered);
        return request.GetTypedHeaders().AcceptLanguage
            .Where(w => w.Quality is not <= 0)
            .OrderByDescending(w => w.Quality ?? 1)
            .Select(w => (w.Value.Value ?? "").Split('-')[0])
            .Select(primary => offered.FirstOrDefault(code => string.Equals(code, primary, StringComparison.OrdinalIgnoreCase)))
            .FirstOrDefault(code => code is not null);
    }

    /// <summary>The round code of a respondent page's address (<c>/s/{code}</c> and everything under it), or null.</summary>
    private static string? RoundCode(PathString path) =>
        path.StartsWithSegments("/s", StringComparison.OrdinalIgnoreCase, out var rest)
        && (rest.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries) is [var code, ..]
            ? code
            : null;
}
