using System.Text.RegularExpressions;
using System.Xml.Linq;
using Leerrijk.Scoring.Languages;

namespace Leerrijk.UnitTests.Infrastructure;

/// <summary>
/// A respondent-only language (content/languages.yaml) needs a SharedResource.&lt;code&gt;.resx with every text a
/// respondent can see; anything missing would show in Dutch, so a partial translation fails here with the keys it lacks.
/// </summary>
public sealed partial class RespondentKeysTests : IDisposable
{
    private static readonly string Resources = RepositoryPaths.Of("src", "Leerrijk.Web", "Resources");

    private static readonly Dictionary<string, string> Dutch = Load(Path.Combine(Resources, "SharedResource.resx"));

    private readonly string _folder = Directory.CreateTempSubdirectory("leerrijk-resx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The pages a respondent reaches: answering, a personal invitation's link, the error pages.</summary>
    private static readonly string[] RespondentSources =
    [
        "Features/Answering",
        "Features/Instruments/_Question.cshtml",
        "Features/PersonalInvitations/Redeem.cshtml",
        "Features/PersonalInvitations/Redeem.cshtml.cs",
        "Features/Errors",
    ];

    /// <summary>Keys built at run time on respondent pages, mails and posters, which no literal in those files shows.</summary>
    private static readonly string[] RespondentPrefixes =
    [
        "Error.", // the error pages pick Error.{code}.Title/Text
        "Respondent.", // role choice on the start page
        "Scale.", // answer labels
        "Years.", // years-employed choice
        "Submit.", // why an answer was refused (ResponseSubmission)
        "Mail.Survey.", // the invitation mail
        "Mail.Reminder.",
        "Input.UnstorableForm.",
    ];

    /// <summary>The layout around a respondent page, model binding's own messages (LocalizationSetup) and the poster's texts (PosterModel.TextIn).</summary>
    private static readonly string[] RespondentKeys =
    [
        "Validation.InvalidValue", "Validation.InvalidValueNoField", "Validation.InvalidValueNoValue", "Validation.MustBeNumber",
        "Validation.MustBeNumberNoField", "Validation.Required", "Validation.RequiredNoField", "Validation.NotInList",
        "Layout.SkipToContent", "Layout.MainNavigation", "Layout.Footer", "Norms.MethodLink", "Layout.Privacy",
        "Poster.Heading", "Poster.Minutes", "Poster.NoMinutes", "Poster.Scan", "Poster.ScanAbove", "Poster.Code",
        "Poster.Anonymous", "Poster.OpensAndCloses", "Poster.Closes", "Poster.QrLabel",
    ];

    /// <summary>Every key a respondent can see: literals in the respondent pages, the families above and the fixed keys.</summary>
    public static IReadOnlySet<string> KeysRespondentsSee()
    {
        var web = RepositoryPaths.Of("src", "Leerrijk.Web");
        var files = RespondentSources
            .Select(s => Path.Combine(web, s))
            .SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p) : [p]);
        var literal = files.SelectMany(f => KeyLiteral().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value));
        return literal
            .Concat(Dutch.Keys.Where(k => RespondentPrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))))
            .Concat(RespondentKeys)
            .Where(Dutch.ContainsKey)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>What is wrong with a respondent language's resource file: missing or empty keys, placeholders unlike Dutch, unknown keys.</summary>
    public static IReadOnlyList<string> Problems(string path)
    {
        if (!File.Exists(path))
        {
            return [$"{Path.GetFileName(path)} is missing"];
        }

        var texts = Load(path);
        var name = Path.GetFileName(path);
        return
        [
            .. KeysRespondentsSee().Order(StringComparer.Ordinal).Where(k => string.IsNullOrWhiteSpace(texts.GetValueOrDefault(k))).Select(k => $"{name}: {k} is missing"),
            .. texts.Where(t => Dutch.ContainsKey(t.Key) && !Placeholders(t.Value).SequenceEqual(Placeholders(Dutch[t.Key])))
                .Select(t => $"{name}: {t.Key} has placeholders unlike the Dutch '{Dutch[t.Key]}'"),
            .. texts.Keys.Where(k => !Dutch.ContainsKey(k)).Select(k => $"{name}: {k} is not a key in SharedResource.resx"),
        ];
    }

    [Fact]
    public void The_respondent_keys_cover_the_answering_pages_mail_poster_and_errors()
    {
        var keys = KeysRespondentsSee();

        Assert.Contains("Answering.Start", keys);
        Assert.Contains("Answering.Next", keys);
        Assert.Contains("Scale.Agreement.5", keys);
        Assert.Contains("Mail.Survey.Body", keys);
        Assert.Contains("Poster.Heading", keys);
        Assert.Contains("Error.404.Title", keys);
        Assert.Contains("Redeem.Welcome", keys);
        // Staff pages are not translated: the rounds form is not among them.
        Assert.DoesNotContain("Rounds.NewTitle", keys);
    }

    [Fact]
    public void Every_registered_respondent_language_has_every_key_a_respondent_sees()
    {
        var registry = LanguageRegistry.Load(RepositoryPaths.Of("content", "languages.yaml"));

        var problems = registry.Translated.SelectMany(l => Problems(Path.Combine(Resources, $"SharedResource.{l.Code}.resx"))).ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void A_partial_translation_is_caught_with_the_keys_it_lacks()
    {
        var keys = KeysRespondentsSee().Order(StringComparer.Ordinal).ToList();
        var path = Path.Combine(_folder, "SharedResource.xx.resx");
        new XDocument(new XElement(
            "root",
            keys.Skip(1).Select(k => new XElement("data", new XAttribute("name", k), new XElement("value", k == "Answering.Progress" ? "{0}" : "tekst " + string.Concat(Placeholders(Dutch[k]))))),
            new XElement("data", new XAttribute("name", "Answering.Nieuw"), new XElement("value", "x")))).Save(path);

        var problems = Problems(path);

        Assert.Contains($"SharedResource.xx.resx: {keys[0]} is missing", problems);
        Assert.Contains(problems, p => p.StartsWith("SharedResource.xx.resx: Answering.Progress has placeholders unlike", StringComparison.Ordinal));
        Assert.Contains("SharedResource.xx.resx: Answering.Nieuw is not a key in SharedResource.resx", problems);
        Assert.Equal(3, problems.Count);
    }

    private static Dictionary<string, string> Load(string path) =>
        XDocument.Load(path).Root!
            .Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    private static List<string> Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    // Any quoted key, also those chosen in an expression (L[final ? "Answering.Send" : "Answering.Next"]).
    [GeneratedRegex("\"(?<key>[A-Z][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)+)\"")]
    private static partial Regex KeyLiteral();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
