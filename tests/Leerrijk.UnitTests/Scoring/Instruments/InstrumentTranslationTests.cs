using System.Text;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Scoring.Languages;

namespace Leerrijk.UnitTests.Scoring.Instruments;

/// <summary>
/// A respondent language beyond Dutch and English is an overlay file per instrument: it maps ids to text, leaves the
/// versioned file and its fingerprint alone, and is refused whole when it misses a text or names an id that is not there.
/// </summary>
public sealed class InstrumentTranslationTests : IDisposable
{
    private static readonly IReadOnlyList<Instrument> Library = InstrumentLoader.LoadFolder(RepositoryPaths.Of("content", "instruments"));

    private static readonly LanguageRegistry Registry = LanguageRegistry.Load(RepositoryPaths.Of("content", "languages.yaml"));

    private static Instrument Teamscan => Library.Single(i => i.Id == "leerrijk-teamscan");

    private readonly string _folder = Directory.CreateTempSubdirectory("leerrijk-translations-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A complete overlay for <paramref name="instrument"/>: every text is "[xx] " and the English, so a test can tell them apart.</summary>
    private static string Overlay(Instrument instrument, string language, Func<string, bool>? leaveOut = null)
    {
        leaveOut ??= _ => false;
        string T(LocalizedText text) => $"\"[{language}] {text.En.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
        var yaml = new StringBuilder();
        yaml.Append("version: ").Append(instrument.Version).Append('\n');
        yaml.Append("title: ").Append(T(instrument.Title)).Append('\n');
        yaml.Append("introduction: ").Append(T(instrument.Introduction)).Append('\n');
        yaml.Append("dimensions:\n");
        foreach (var d in instrument.Dimensions.Where(d => !leaveOut($"dimensions.{d.Id}")))
        {
            yaml.Append("  ").Append(d.Id).Append(": ").Append(T(d.Name)).Append('\n');
        }

        yaml.Append("items:\n");
        foreach (var item in instrument.Items.Where(i => !leaveOut($"items.{i.Id}")))
        {
            yaml.Append("  ").Append(item.Id).Append(": ").Append(T(item.Text)).Append('\n');
        }

        yaml.Append("roleText:\n");
        foreach (var item in instrument.Items.Where(i => i.RoleText.Count > 0))
        {
            yaml.Append("  ").Append(item.Id).Append(":\n");
            foreach (var (role, text) in item.RoleText.Where(r => !leaveOut($"roleText.{item.Id}.{r.Key}")))
            {
                yaml.Append("    ").Append(RoleKey(role)).Append(": ").Append(T(text)).Append('\n');
            }
        }

        yaml.Append("openQuestions:\n");
        foreach (var q in instrument.OpenQuestions)
        {
            yaml.Append("  ").Append(q.Id).Append(": ").Append(T(q.Text)).Append('\n');
        }

        return yaml.ToString();
    }

    private static string RoleKey(RespondentRole role) => role switch
    {
        RespondentRole.Owner => "owner",
        RespondentRole.Hr => "hr",
        RespondentRole.Manager => "manager",
        RespondentRole.Employee => "employee",
        _ => "works-council",
    };

    private void Write(string language, string id, string yaml)
    {
        Directory.CreateDirectory(Path.Combine(_folder, language));
        File.WriteAllText(Path.Combine(_folder, language, id + ".yaml"), yaml);
    }

    private InstrumentLoadException Refused(params string[] languages) =>
        Assert.Throws<InstrumentLoadException>(() => InstrumentTranslations.Apply(Library, _folder, ["nl", "en", .. languages]));

    [Fact]
    public void An_overlay_adds_its_language_to_every_text_a_respondent_sees_and_keeps_the_fingerprint()
    {
        Write("ar", "leerrijk-teamscan", Overlay(Teamscan, "ar"));

        var translated = InstrumentTranslations.Apply(Library, _folder, ["nl", "en", "ar"]).Single(i => i.Id == "leerrijk-teamscan");

        Assert.Equal(["nl", "en", "ar"], translated.Languages);
        Assert.Equal("[ar] Leerrijk team scan", translated.Title.For("ar"));
        Assert.Equal("[ar] " + Teamscan.Items[0].Text.En, translated.Items[0].Text.For("ar"));
        var coached = translated.Items.First(i => i.RoleText.ContainsKey(RespondentRole.Manager));
        Assert.StartsWith("[ar] ", coached.TextFor(RespondentRole.Manager).For("ar"), StringComparison.Ordinal);
        Assert.All(translated.OpenQuestions, q => Assert.StartsWith("[ar] ", q.Text.For("ar"), StringComparison.Ordinal));
        Assert.All(translated.Dimensions, d => Assert.StartsWith("[ar] ", d.Name.For("ar"), StringComparison.Ordinal));
        Assert.Equal(Teamscan.Items[0].Text.Nl, translated.Items[0].Text.For("nl"));
        Assert.Equal(InstrumentFingerprint.Of(Teamscan), InstrumentFingerprint.Of(translated));
        // Instruments without a file stay Dutch and English; a language they lack reads as Dutch.
        var other = InstrumentTranslations.Apply(Library, _folder, ["nl", "en", "ar"]).Single(i => i.Id == "toekomstscan");
        Assert.Equal(["nl", "en"], other.Languages);
        Assert.Equal(other.Title.Nl, other.Title.For("ar"));
    }

    [Fact]
    public void A_missing_item_and_an_unknown_id_are_named_with_the_file()
    {
        var yaml = Overlay(Teamscan, "ar", leaveOut: path => path is "items.fout-melden" or "roleText.zelf-kiezen.Owner")
            .Replace("openQuestions:\n", "openQuestions:\n  wat-anders: \"[ar] extra\"\n", StringComparison.Ordinal);
        Write("ar", "leerrijk-teamscan", yaml);

        var error = Refused("ar");

        Assert.Contains("translations/ar/leerrijk-teamscan.yaml: items.fout-melden is missing", error.Problems);
        Assert.Contains("translations/ar/leerrijk-teamscan.yaml: roleText.zelf-kiezen.owner is missing", error.Problems);
        Assert.Contains("translations/ar/leerrijk-teamscan.yaml: openQuestions.wat-anders: 'wat-anders' is not an id in leerrijk-teamscan version 1", error.Problems);
    }

    [Fact]
    public void A_file_for_another_version_an_unknown_instrument_or_an_unregistered_language_is_refused()
    {
        Write("ar", "leerrijk-teamscan", Overlay(Teamscan, "ar").Replace("version: 1", "version: 2", StringComparison.Ordinal));
        Write("ar", "teamscan", Overlay(Teamscan, "ar"));
        Write("tr", "leerrijk-teamscan", Overlay(Teamscan, "tr"));

        var error = Refused("ar");

        Assert.Contains("translations/ar/leerrijk-teamscan.yaml: translates version 2, but 'leerrijk-teamscan' has version 1; translate the changed wording and set version", error.Problems);
        Assert.Contains("translations/ar/teamscan.yaml: there is no instrument 'teamscan'; name the file after the instrument's id", error.Problems);
        Assert.Contains(error.Problems, p => p.StartsWith("translations/tr: 'tr' is not a registered respondent language", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_key_in_an_overlay_is_refused_with_its_line()
    {
        Write("ar", "leerrijk-teamscan", Overlay(Teamscan, "ar") + "purpose: \"[ar] iets\"\n");

        Assert.StartsWith("translations/ar/leerrijk-teamscan.yaml: line ", Assert.Single(Refused("ar").Problems), StringComparison.Ordinal);
    }

    /// <summary>Every registered respondent language reaches every instrument: a new language ships complete or not at all.</summary>
    [Fact]
    public void Every_instrument_has_a_complete_translation_into_every_registered_language()
    {
        var translated = InstrumentTranslations.Apply(Library, RepositoryPaths.Of("content", "instruments", InstrumentTranslations.Folder), Registry.Codes);

        var missing = translated
            .SelectMany(i => Registry.Codes.Where(code => !i.Languages.Contains(code)).Select(code => $"{InstrumentTranslations.Folder}/{code}/{i.Id}.yaml"))
            .ToList();
        Assert.True(missing.Count == 0, "Missing translation files: " + string.Join(", ", missing));
        Assert.All(translated, i => Assert.Equal(InstrumentFingerprint.Of(Library.Single(l => l.Id == i.Id)), InstrumentFingerprint.Of(i)));
    }
}
