using System.Globalization;
using Leerrijk.Web.Infrastructure.Localization;

namespace Leerrijk.Web.Features.Answering;

/// <summary>Respondent pages speak a language the round offers: the person's choice if offered, else the round's first language.</summary>
public static class AnsweringLanguage
{
    public static string Apply(SurveyRound survey)
    {
        var language = survey.LanguageFor(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        var culture = LocalizationSetup.FromCode(language) ?? LocalizationSetup.Dutch;
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        return language;
    }
}
