using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Infrastructure.Localization;

/// <summary>Dutch first, English by choice: the two cultures and how a request picks one.</summary>
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

    /// <summary>Maps a language code from a form or link ("nl", "en") to a supported culture.</summary>
    public static CultureInfo? FromCode(string? code) => code switch
    {
        "nl" => Dutch,
        "en" => English,
        _ => null,
    };

    public static void ConfigureRequestLocalization(RequestLocalizationOptions options)
    {
        options.DefaultRequestCulture = new RequestCulture(Dutch);
        options.SupportedCultures = [.. Supported];
        options.SupportedUICultures = [.. Supported];
        // Only an explicit choice switches to English: the cookie from the header switch, or ?lang= on a shared link.
        // The browser's Accept-Language is ignored on purpose: Dutch is the default for everyone. Respondent pages are the
        // exception: the feature serving them picks among the round's languages, the browser's included.
        options.RequestCultureProviders =
        [
            new CustomRequestCultureProvider(context =>
            {
                var culture = FromCode(context.Request.Query["lang"].ToString());
                return Task.FromResult(culture is null ? null : new ProviderCultureResult(culture.Name));
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
