using Leerrijk.Scoring.Languages;

namespace Leerrijk.UnitTests.Scoring.Languages;

/// <summary>The language registry is content: it loads strictly and names the file and entry of each mistake.</summary>
public sealed class LanguageRegistryTests
{
    private const string Builtin = """
        languages:
          - { code: nl, culture: nl-NL, nativeName: Nederlands, englishName: Dutch, direction: ltr, staff: true }
          - { code: en, culture: en-GB, nativeName: English, englishName: English, direction: ltr, staff: true }
        """;

    private static LanguageRegistryException Refused(string yaml) =>
        Assert.Throws<LanguageRegistryException>(() => LanguageRegistry.Parse("languages.yaml", yaml));

    [Fact]
    public void The_shipped_registry_loads_with_dutch_first_and_english_as_staff_languages()
    {
        var registry = LanguageRegistry.Load(RepositoryPaths.Of("content", "languages.yaml"));

        Assert.Equal("nl", registry.All[0].Code);
        Assert.Equal(["nl", "en"], registry.Staff.Select(l => l.Code));
        Assert.All(registry.Translated, l => Assert.False(l.Staff));
    }

    [Fact]
    public void A_respondent_language_is_read_with_its_culture_names_and_direction()
    {
        var registry = LanguageRegistry.Parse("languages.yaml", Builtin + """

              - { code: ar, culture: ar-SA, nativeName: العربية, englishName: Arabic, direction: rtl }
            """);

        var arabic = registry.Find("ar")!;
        Assert.True(arabic.IsRightToLeft);
        Assert.False(arabic.Staff);
        Assert.Equal("ar", arabic.CultureInfo.TwoLetterISOLanguageName);
        Assert.Equal(["ar"], registry.Translated.Select(l => l.Code));
    }

    [Fact]
    public void Mistakes_are_all_named_with_the_entry()
    {
        var error = Refused(Builtin + """

              - { code: pl, culture: de-DE, nativeName: polski, englishName: Polish, direction: down, staff: true }
              - { code: Polish, culture: pl-PL, nativeName: polski, englishName: Polish }
              - { code: en, culture: en-GB, nativeName: English, englishName: English, staff: true }
            """);

        Assert.Contains("languages.yaml: languages[2] (pl).culture 'de-DE' must be a known culture of this language, such as pl-PL", error.Problems);
        Assert.Contains("languages.yaml: languages[2] (pl).direction 'down' must be ltr or rtl", error.Problems);
        Assert.Contains(error.Problems, p => p.StartsWith("languages.yaml: languages[2] (pl).staff must be false", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("languages.yaml: languages[3].code 'Polish'", StringComparison.Ordinal));
        Assert.Contains("languages.yaml: 'en' is registered more than once", error.Problems);
    }

    [Fact]
    public void Dutch_must_come_first_and_english_must_be_there()
    {
        var error = Refused("""
            languages:
              - { code: pl, culture: pl-PL, nativeName: polski, englishName: Polish }
              - { code: nl, culture: nl-NL, nativeName: Nederlands, englishName: Dutch, staff: true }
            """);

        Assert.Contains("languages.yaml: 'en' must be registered: the instrument files and every page carry it", error.Problems);
        Assert.Contains("languages.yaml: the first language must be 'nl', the default everything falls back to", error.Problems);
    }

    [Fact]
    public void An_unknown_key_is_refused_with_its_line()
    {
        var error = Refused(Builtin.Replace("direction: ltr, staff: true }\n  - { code: en", "richting: ltr, staff: true }\n  - { code: en", StringComparison.Ordinal));

        Assert.StartsWith("languages.yaml: line ", Assert.Single(error.Problems), StringComparison.Ordinal);
    }
}
