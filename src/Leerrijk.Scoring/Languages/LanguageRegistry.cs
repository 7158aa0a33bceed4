using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Leerrijk.Scoring.Languages;

/// <summary>Which way a language's text runs: the page's <c>dir</c> and the mirrored layout follow it.</summary>
public enum TextDirection
{
    Ltr,
    Rtl,
}

/// <summary>A language respondents can answer in, as registered in content/languages.yaml.</summary>
/// <param name="Code">The two- or three-letter code rounds, responses and translation folders use ("pl").</param>
/// <param name="Culture">The culture that formats dates and picks the resource file ("pl-PL").</param>
/// <param name="NativeName">The language's name in itself, for the respondent's language switch ("polski").</param>
/// <param name="EnglishName">The language's name in English, for people who do not read it ("Polish").</param>
/// <param name="Direction">Left-to-right or right-to-left.</param>
/// <param name="Staff">Whether every page exists in it (Dutch and English); otherwise respondent pages only.</param>
public sealed record RespondentLanguage(string Code, string Culture, string NativeName, string EnglishName, TextDirection Direction, bool Staff)
{
    public CultureInfo CultureInfo => CultureInfo.GetCultureInfo(Culture);

    public bool IsRightToLeft => Direction == TextDirection.Rtl;
}

/// <summary>
/// The languages this installation offers respondents, read from content (languages.yaml), so a language is added
/// as content and resource files only. Dutch and English carry every page; the others carry respondent pages only.
/// </summary>
public sealed partial class LanguageRegistry
{
    /// <summary>The language everything falls back to: the instruments' and resources' first language.</summary>
    public const string DefaultCode = "nl";

    /// <summary>The languages the instrument files themselves carry and every page exists in.</summary>
    public static readonly IReadOnlyList<string> BuiltIn = [DefaultCode, "en"];

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    private readonly Dictionary<string, RespondentLanguage> _byCode;

    public LanguageRegistry(IReadOnlyList<RespondentLanguage> languages)
    {
        ArgumentNullException.ThrowIfNull(languages);
        All = languages;
        _byCode = languages.ToDictionary(l => l.Code, StringComparer.Ordinal);
    }

    /// <summary>Every registered language, in the file's order (Dutch first).</summary>
    public IReadOnlyList<RespondentLanguage> All { get; }

    /// <summary>The languages every page exists in (Dutch and English).</summary>
    public IEnumerable<RespondentLanguage> Staff => All.Where(l => l.Staff);

    /// <summary>The languages beyond the instrument files' own, each translated by an overlay file.</summary>
    public IEnumerable<RespondentLanguage> Translated => All.Where(l => !BuiltIn.Contains(l.Code));

    public IEnumerable<string> Codes => All.Select(l => l.Code);

    public RespondentLanguage Default => _byCode[DefaultCode];

    public RespondentLanguage? Find(string? code) => code is null ? null : _byCode.GetValueOrDefault(code);

    public bool Contains(string? code) => code is not null && _byCode.ContainsKey(code);

    /// <summary>Reads and validates a registry file; any mistake is a <see cref="LanguageRegistryException"/> naming the file and entry.</summary>
    public static LanguageRegistry Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new LanguageRegistryException([$"{path}: the language registry is missing"]);
        }

        return Parse(Path.GetFileName(path), File.ReadAllText(path));
    }

    public static LanguageRegistry Parse(string fileName, string yaml)
    {
        RegistryFile? file;
        try
        {
            file = Yaml.Deserialize<RegistryFile>(yaml);
        }
        catch (YamlException ex)
        {
            throw new LanguageRegistryException([$"{fileName}: line {ex.Start.Line}, column {ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}"]);
        }

        var problems = new List<string>();
        var languages = new List<RespondentLanguage>();
        var entries = file?.Languages ?? [];
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var path = $"{fileName}: languages[{i}]";
            if (e.Code is null || !CodePattern().IsMatch(e.Code))
            {
                problems.Add($"{path}.code '{e.Code}' must be a two- or three-letter lower-case language code, such as pl");
                continue;
            }

            path = $"{fileName}: languages[{i}] ({e.Code})";
            CultureInfo? culture = null;
            try
            {
                culture = string.IsNullOrWhiteSpace(e.Culture) ? null : CultureInfo.GetCultureInfo(e.Culture, predefinedOnly: true);
            }
            catch (CultureNotFoundException)
            {
            }

            if (culture is null || culture.TwoLetterISOLanguageName != e.Code && culture.ThreeLetterISOLanguageName != e.Code)
            {
                problems.Add($"{path}.culture '{e.Culture}' must be a known culture of this language, such as {e.Code}-{e.Code.ToUpperInvariant()}");
            }

            if (string.IsNullOrWhiteSpace(e.NativeName) || string.IsNullOrWhiteSpace(e.EnglishName))
            {
                problems.Add($"{path}: nativeName and englishName are both needed");
            }

            var direction = e.Direction switch
            {
                null or "ltr" => TextDirection.Ltr,
                "rtl" => TextDirection.Rtl,
                _ => (TextDirection?)null,
            };
            if (direction is null)
            {
                problems.Add($"{path}.direction '{e.Direction}' must be ltr or rtl");
            }

            var staff = e.Staff ?? false;
            if (staff != BuiltIn.Contains(e.Code))
            {
                problems.Add($"{path}.staff must be {(!staff).ToString().ToLowerInvariant()}: every page exists in Dutch and English only; other languages are for respondents");
            }

            languages.Add(new RespondentLanguage(e.Code, e.Culture ?? "", e.NativeName?.Trim() ?? "", e.EnglishName?.Trim() ?? "", direction ?? TextDirection.Ltr, staff));
        }

        foreach (var duplicate in languages.GroupBy(l => l.Code, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{fileName}: '{duplicate.Key}' is registered more than once");
        }

        foreach (var builtIn in BuiltIn.Where(code => languages.All(l => l.Code != code)))
        {
            problems.Add($"{fileName}: '{builtIn}' must be registered: the instrument files and every page carry it");
        }

        if (languages.Count > 0 && languages[0].Code != DefaultCode)
        {
            problems.Add($"{fileName}: the first language must be '{DefaultCode}', the default everything falls back to");
        }

        return problems.Count > 0 ? throw new LanguageRegistryException(problems) : new LanguageRegistry(languages);
    }

    [GeneratedRegex("^[a-z]{2,3}$")]
    private static partial Regex CodePattern();

    private sealed class RegistryFile
    {
        public List<LanguageFile>? Languages { get; set; }
    }

    private sealed class LanguageFile
    {
        public string? Code { get; set; }
        public string? Culture { get; set; }
        public string? NativeName { get; set; }
        public string? EnglishName { get; set; }
        public string? Direction { get; set; }
        public bool? Staff { get; set; }
    }
}

/// <summary>A language registry that cannot be used; the message lists every problem with its file and entry.</summary>
public sealed class LanguageRegistryException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
