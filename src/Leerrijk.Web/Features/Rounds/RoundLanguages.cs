using Leerrijk.Scoring.Languages;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Rounds;

/// <summary>How staff pages name a round's languages: from the resources when they have the name, else from the registry.</summary>
public static class RoundLanguages
{
    /// <summary>"Pools" in Dutch when the resources name it; otherwise the registry's "Polish (polski)", never a bare key.</summary>
    public static string NameOf(string code, IStringLocalizer l, LanguageRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(registry);
        var named = l["Language." + code];
        if (!named.ResourceNotFound)
        {
            return named.Value;
        }

        return registry.Find(code) is { } language
            ? (language.NativeName == language.EnglishName ? language.EnglishName : $"{language.EnglishName} ({language.NativeName})")
            : code;
    }
}
