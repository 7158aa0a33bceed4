using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Leerrijk.Scoring.Instruments;

/// <summary>
/// Adds respondent languages to instruments from overlay files (<c>translations/&lt;language&gt;/&lt;instrument id&gt;.yaml</c>),
/// which map the ids of one instrument version to text, so the versioned instrument files and their fingerprints stay
/// untouched. Strict like the instrument loader: an unknown id, a missing text or a version that is not there is a
/// load error naming the file and the id.
/// </summary>
public static class InstrumentTranslations
{
    /// <summary>The folder inside the instruments folder that holds one folder of overlay files per language.</summary>
    public const string Folder = "translations";

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>
    /// Applies every overlay in <paramref name="directory"/> to the instrument version it names, for the registered
    /// <paramref name="languages"/> beyond Dutch and English. A folder for a language that is not registered is an
    /// error; a missing directory adds nothing. Returns the instruments in the same order, translated where a file exists.
    /// </summary>
    public static IReadOnlyList<Instrument> Apply(IReadOnlyList<Instrument> instruments, string directory, IEnumerable<string> languages)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(languages);
        var registered = languages.Where(l => l is not ("nl" or "en")).ToHashSet(StringComparer.Ordinal);
        if (!Directory.Exists(directory))
        {
            return instruments;
        }

        var problems = new List<string>();
        var result = instruments.ToList();
        foreach (var languageFolder in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            var language = Path.GetFileName(languageFolder);
            if (!registered.Contains(language))
            {
                problems.Add($"{Folder}/{language}: '{language}' is not a registered respondent language (content/languages.yaml); Dutch and English live in the instrument files");
                continue;
            }

            foreach (var path in Directory.GetFiles(languageFolder, "*.yaml").Order(StringComparer.Ordinal))
            {
                var fileName = $"{Folder}/{language}/{Path.GetFileName(path)}";
                var id = Path.GetFileNameWithoutExtension(path);
                try
                {
                    var version = VersionOf(fileName, File.ReadAllText(path));
                    var index = result.FindIndex(i => i.Id == id && i.Version == version);
                    if (index < 0)
                    {
                        var versions = result.Where(i => i.Id == id).Select(i => i.Version).Order().ToList();
                        problems.Add(versions.Count == 0
                            ? $"{fileName}: there is no instrument '{id}'; name the file after the instrument's id"
                            : $"{fileName}: translates version {version}, but '{id}' has version {string.Join(", ", versions)}; translate the changed wording and set version");
                        continue;
                    }

                    result[index] = Translate(result[index], language, fileName, File.ReadAllText(path));
                }
                catch (InstrumentLoadException ex)
                {
                    problems.AddRange(ex.Problems);
                }
            }
        }

        return problems.Count > 0 ? throw new InstrumentLoadException(problems) : result;
    }

    private static OverlayFile Read(string fileName, string yaml)
    {
        try
        {
            return Yaml.Deserialize<OverlayFile>(yaml) ?? new OverlayFile();
        }
        catch (YamlException ex)
        {
            throw new InstrumentLoadException([$"{fileName}: line {ex.Start.Line}, column {ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}"]);
        }
    }

    private static int VersionOf(string fileName, string yaml) =>
        Read(fileName, yaml).Version is { } version and >= 1
            ? version
            : throw new InstrumentLoadException([$"{fileName}: version is missing; name the instrument version this file translates"]);

    /// <summary>
    /// <paramref name="instrument"/> with every text a respondent sees also in <paramref name="language"/>: title,
    /// introduction, the dimension names that head each screen, every item (and each role's own wording) and every
    /// open question. Throws with every problem when the file misses one or names an id the version does not have.
    /// </summary>
    public static Instrument Translate(Instrument instrument, string language, string fileName, string yaml)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var file = Read(fileName, yaml);
        var problems = new List<string>();
        void Problem(string what) => problems.Add($"{fileName}: {what}");

        string Text(string? text, string path)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                Problem($"{path} is missing");
                return "";
            }

            return text.Trim();
        }

        Dictionary<string, string?> Section(Dictionary<string, string?>? section, IEnumerable<string> ids, string name)
        {
            section ??= [];
            var known = ids.ToHashSet(StringComparer.Ordinal);
            foreach (var unknown in section.Keys.Where(k => !known.Contains(k)))
            {
                Problem($"{name}.{unknown}: '{unknown}' is not an id in {instrument.Id} version {instrument.Version}");
            }

            return section;
        }

        if (file.Version != instrument.Version)
        {
            Problem($"version {file.Version} does not match {instrument.Id} version {instrument.Version}");
        }

        var title = Text(file.Title, "title");
        var introduction = Text(file.Introduction, "introduction");
        var dimensions = Section(file.Dimensions, instrument.Dimensions.Select(d => d.Id), "dimensions");
        var items = Section(file.Items, instrument.Items.Select(i => i.Id), "items");
        var open = Section(file.OpenQuestions, instrument.OpenQuestions.Select(q => q.Id), "openQuestions");
        var roleTexts = file.RoleText ?? [];
        foreach (var unknown in roleTexts.Keys.Where(k => instrument.Items.All(i => i.Id != k || i.RoleText.Count == 0)))
        {
            Problem($"roleText.{unknown}: '{unknown}' is not an item with role-specific wording in {instrument.Id} version {instrument.Version}");
        }

        var translatedItems = instrument.Items.Select(item =>
        {
            var text = Text(items.GetValueOrDefault(item.Id), $"items.{item.Id}");
            var ownWordings = roleTexts.GetValueOrDefault(item.Id) ?? [];
            var roles = item.RoleText.Keys.ToDictionary(RoleKey, StringComparer.Ordinal);
            foreach (var unknown in ownWordings.Keys.Where(k => !roles.ContainsKey(k)))
            {
                Problem($"roleText.{item.Id}.{unknown}: '{item.Id}' has no own wording for '{unknown}'");
            }

            var roleText = item.RoleText.ToDictionary(
                r => r.Key,
                r => r.Value.WithTranslation(language, Text(ownWordings.GetValueOrDefault(RoleKey(r.Key)), $"roleText.{item.Id}.{RoleKey(r.Key)}")));
            return item with { Text = item.Text.WithTranslation(language, text), RoleText = roleText };
        }).ToList();

        var translated = instrument with
        {
            Title = instrument.Title.WithTranslation(language, title),
            Introduction = instrument.Introduction.WithTranslation(language, introduction),
            Dimensions = instrument.Dimensions.Select(d => d with { Name = d.Name.WithTranslation(language, Text(dimensions.GetValueOrDefault(d.Id), $"dimensions.{d.Id}")) }).ToList(),
            Items = translatedItems,
            OpenQuestions = instrument.OpenQuestions.Select(q => q with { Text = q.Text.WithTranslation(language, Text(open.GetValueOrDefault(q.Id), $"openQuestions.{q.Id}")) }).ToList(),
            Languages = [.. instrument.Languages, language],
        };
        return problems.Count > 0 ? throw new InstrumentLoadException(problems) : translated;
    }

    /// <summary>A role as the instrument files write it: WorksCouncil is works-council.</summary>
    private static string RoleKey(RespondentRole role) => role switch
    {
        RespondentRole.Owner => "owner",
        RespondentRole.Hr => "hr",
        RespondentRole.Manager => "manager",
        RespondentRole.Employee => "employee",
        _ => "works-council",
    };

    // The file as written; every property optional so the checks above, not the parser, say what is missing.
    private sealed class OverlayFile
    {
        public int? Version { get; set; }
        public string? Title { get; set; }
        public string? Introduction { get; set; }
        public Dictionary<string, string?>? Dimensions { get; set; }
        public Dictionary<string, string?>? Items { get; set; }
        public Dictionary<string, Dictionary<string, string?>?>? RoleText { get; set; }
        public Dictionary<string, string?>? OpenQuestions { get; set; }
    }
}
