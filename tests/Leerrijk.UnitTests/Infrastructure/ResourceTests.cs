using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Leerrijk.UnitTests.Infrastructure;

/// <summary>All UI text lives in the resource files, in Dutch and in English.</summary>
public sealed partial class ResourceTests
{
    private static readonly Dictionary<string, string> Dutch = Load("SharedResource.resx");
    private static readonly Dictionary<string, string> English = Load("SharedResource.en.resx");

    private static Dictionary<string, string> Load(string file) =>
        XDocument.Load(RepositoryPaths.Of("src", "Leerrijk.Web", "Resources", file)).Root!
            .Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    [Fact]
    public void Dutch_and_english_have_the_same_keys()
    {
        Assert.Equal(Dutch.Keys.Order(StringComparer.Ordinal), English.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_text_is_empty_and_placeholders_match()
    {
        foreach (var (key, nl) in Dutch)
        {
            var en = English[key];
            Assert.False(string.IsNullOrWhiteSpace(nl), $"{key} has no Dutch text");
            Assert.False(string.IsNullOrWhiteSpace(en), $"{key} has no English text");
            Assert.True(
                Placeholders(nl).SequenceEqual(Placeholders(en)),
                $"{key}: placeholders differ between Dutch '{nl}' and English '{en}'");
        }
    }

    [Fact]
    public void No_text_announces_something_as_coming_soon()
    {
        // What exists is not "coming"; what does not exist is not promised. Content files are checked by their own tests.
        var announcements = Dutch.Where(t => t.Value.Contains("binnenkort", StringComparison.OrdinalIgnoreCase))
            .Concat(English.Where(t => ComingSoon().IsMatch(t.Value)))
            .Select(t => $"{t.Key}: {t.Value}")
            .ToList();

        Assert.Empty(announcements);
    }

    [GeneratedRegex(@"\bsoon\b(?! as\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ComingSoon();

    [Fact]
    public void Every_key_the_code_uses_exists()
    {
        var source = Directory.EnumerateFiles(RepositoryPaths.Of("src", "Leerrijk.Web"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var missing = new List<string>();
        foreach (var file in source)
        {
            var text = File.ReadAllText(file);
            foreach (Match m in KeyUse().Matches(text))
            {
                var key = m.Groups["key"].Value;
                if (!Dutch.ContainsKey(key))
                {
                    missing.Add($"{Path.GetFileName(file)}: {key}");
                }
            }
        }

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("Role.", new[] { "Owner", "Hr", "Viewer" })]
    [InlineData("SizeClass.", new[] { "Micro", "Small", "Medium", "Large" })]
    [InlineData("PlatformRole.", new[] { "Admin", "Editor", "Adviser", "ProgrammeManager" })]
    [InlineData("Indicator.Kind.", new[] { "DevelopmentPlanShare", "TrainedShare", "Custom" })]
    [InlineData("Indicator.Unit.", new[] { "Percent", "Number" })]
    [InlineData("Norms.Position.", new[] { "LowestQuarter", "MiddleHalf", "UpperQuarter", "Top10", "LowerHalf", "UpperHalf" })]
    [InlineData("Voucher.Status.", new[] { "Idea", "Requested", "Granted", "Spent", "Accounted", "Refused" })]
    public void Keys_built_from_names_exist_for_every_name(string prefix, string[] names)
    {
        Assert.All(names, n => Assert.True(Dutch.ContainsKey(prefix + n), prefix + n));
    }

    [Fact]
    public void Every_error_page_status_has_a_title_and_text()
    {
        foreach (var code in new[] { 400, 403, 404, 405, 413, 429, 500, 503 })
        {
            Assert.True(Dutch.ContainsKey($"Error.{code}.Title"), $"Error.{code}.Title");
            Assert.True(Dutch.ContainsKey($"Error.{code}.Text"), $"Error.{code}.Text");
        }
    }

    private static IEnumerable<string> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal);

    // L["Key"], l["Key", …], ErrorMessage = "Key", Display(Name = "Key")
    [GeneratedRegex(@"(?:\b[Ll]\[|ErrorMessage = |Display\(Name = )""(?<key>[A-Z][A-Za-z0-9]*\.[A-Za-z0-9.]*[A-Za-z0-9])""")]
    private static partial Regex KeyUse();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
