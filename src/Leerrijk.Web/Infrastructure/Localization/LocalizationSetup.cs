using System.Globalization;
using Leerrijk.Scoring.Languages;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Infrastructure.Localization;

/// <summary>
/// Dutch first, English by choice: the two cultures every page exists in and how a request picks one; the
/// respondent languages beyond them come from the language registry (content/languages.yaml).
/// </summary>
public static class LocalizationSetup
{
    public const string CookieName = "Leerrijk.Language";

    public static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static readonly IReadOnlyList<CultureInfo> Supported = [Dutch, English];

    /// <summary>Leerrijk serves Dutch companies: times are shown in Dutch time whatever the server's zone.</summary>
    public static readonly TimeZoneInfo DutchTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateTime ToLocalTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), DutchTime);

    /// <summary>Today's date on the Dutch calendar: rounds open and close by Dutch days, whatever the server's zone.</summary>
    public static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), DutchTime).DateTime);

    /// <summary>
    /// Reads texts in <paramref name="culture"/> outside a request's own language, such as a mail written in Dutch and
    /// English in the background; the thread's language is restored afterwards.
    /// </summary>
    public static T InCulture<T>(CultureInfo culture, Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>
    /// Reads the language registry (<c>Languages:File</c>, else content/languages.yaml beside the app) once at start-up;
    /// a mistake stops the app with the file and entry, like the instruments.
    /// </summary>
    public static IServiceCollection AddLeerrijkLanguages(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(LoadLanguages(configuration));

    /// <summary>The language registry <c>Languages:File</c> names, else content/languages.yaml beside the app.</summary>
    public static LanguageRegistry LoadLanguages(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var file = configuration["Languages:File"];
        file = string.IsNullOrWhiteSpace(file) ? Path.Combine(AppContext.BaseDirectory, "content", "languages.yaml") : file;
        try
        {
            return LanguageRegistry.Load(file);
        }
        catch (LanguageRegistryException ex)
        {
            throw new InvalidOperationException($"The language registry {file} cannot be used. Fix these problems and start again:{Environment.NewLine}{ex.Message}", ex);
        }
    }

    /// <summary>The registered language a culture belongs to ("pl-PL" is pl), or null.</summary>
    public static RespondentLanguage? LanguageOf(this LanguageRegistry registry, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(culture);
        return registry.Find(culture.TwoLetterISOLanguageName);
    }

    /// <summary>Maps a language code from a form or link ("nl", "en") to a supported culture.</summary>
    public static CultureInfo? FromCode(string? code) => code switch
    {
        "nl" => Dutch,
        "en" => English,
        _ => null,
    };

    /// <summary>
    /// Every page is offered in the registry's staff languages (Dutch and English); a respondent-only language is
    /// never picked here, so a Polish choice cannot turn a staff page half Dutch, half Polish. Respondent pages choose
    /// among their round's languages themselves.
    /// </summary>
    public static void ConfigureRequestLocalization(RequestLocalizationOptions options, LanguageRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registry);
        var staff = registry.Staff.Select(l => l.CultureInfo).ToList();
        options.DefaultRequestCulture = new RequestCulture(registry.Default.CultureInfo);
        options.SupportedCultures = [.. staff];
        options.SupportedUICultures = [.. staff];
        // Only an explicit choice switches to English: the cookie from the header switch, or ?lang= on a shared link.
        // The browser's Accept-Language is ignored on purpose: Dutch is the default for everyone. Respondent pages are the
        // exception: the feature serving them picks among the round's languages, the browser's included.
        options.RequestCultureProviders =
        [
            new CustomRequestCultureProvider(context =>
            {
                var language = registry.Find(context.Request.Query["lang"].ToString());
                return Task.FromResult(language is { Staff: true } ? new ProviderCultureResult(language.Culture) : null);
            }),
            new CookieRequestCultureProvider { CookieName = CookieName },
        ];
    }

    /// <summary>Makes model binding's own messages (such as "the value is not valid") speak the user's language.</summary>
    public static void LocalizeModelBindingMessages(DefaultModelBindingMessageProvider messages, IStringLocalizerFactory factory)
    {
        var l = factory.Create(typeof(SharedResource));
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => l["Validation.InvalidValue", value, field]);
        messages.SetMissingBindRequiredValueAccessor(field => l["Validation.Required", field]);
        messages.SetMissingKeyOrValueAccessor(() => l["Validation.RequiredNoField"]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => l["Validation.RequiredNoField"]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["Validation.InvalidValueNoField"]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Validation.InvalidValueNoField"]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.MustBeNumberNoField"]);
        messages.SetUnknownValueIsInvalidAccessor(field => l["Validation.InvalidValueNoValue", field]);
        messages.SetValueIsInvalidAccessor(value => l["Validation.InvalidValueNoField"]);
        messages.SetValueMustBeANumberAccessor(field => l["Validation.MustBeNumber", field]);
        messages.SetValueMustNotBeNullAccessor(value => l["Validation.RequiredNoField"]);
    }
}
