using System.Text.RegularExpressions;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Features.Menukaart;
using NJsonSchema;
using NJsonSchema.Validation;
using YamlDotNet.Serialization;

namespace Leerrijk.UnitTests.Features.Menukaart;

/// <summary>
/// The menukaart's writing and shape rules beyond what the loader refuses, on every shipped file: the published
/// schemas, the editor's schema line, sizes, sectors and dimensions, and plain Dutch (B1). These were
/// content/interventions/check.py and content/stories/check.py; now <c>dotnet test</c> runs them with the rest.
/// </summary>
public sealed partial class MenukaartContentRulesTests
{
    private const int MaxWords = 20;
    private const double MaxAverageWords = 15;

    private static readonly string Interventions = RepositoryPaths.Of("content", "interventions");
    private static readonly string Stories = RepositoryPaths.Of("content", "stories");
    private static readonly IReadOnlyList<Instrument> Instruments = InstrumentLoader.LoadFolder(RepositoryPaths.Of("content", "instruments"));
    private static readonly JsonSchema InterventionSchema = Schema(Interventions, "intervention.schema.json");
    private static readonly JsonSchema StorySchema = Schema(Stories, "story.schema.json");

    public static TheoryData<string> InterventionFiles => Files(Interventions);

    public static TheoryData<string> StoryFiles => Files(Stories);

    [Theory]
    [MemberData(nameof(InterventionFiles))]
    public void Every_intervention_matches_its_schema_and_names_it_on_the_first_line(string file)
    {
        var yaml = File.ReadAllText(Path.Combine(Interventions, file));

        Assert.StartsWith("# yaml-language-server: $schema=intervention.schema.json", yaml, StringComparison.Ordinal);
        AssertValid(InterventionSchema, yaml);
    }

    [Theory]
    [MemberData(nameof(StoryFiles))]
    public void Every_story_matches_its_schema_and_names_it_on_the_first_line(string file)
    {
        var yaml = File.ReadAllText(Path.Combine(Stories, file));

        Assert.StartsWith("# yaml-language-server: $schema=story.schema.json", yaml, StringComparison.Ordinal);
        AssertValid(StorySchema, yaml);
    }

    [Fact]
    public void The_schemas_refuse_an_unknown_key_and_a_text_without_english()
    {
        // Proves the schemas are read whole ($defs included), so the two tests above can fail.
        var intervention = File.ReadAllText(Path.Combine(Interventions, "meelopen.yaml")) + "\nextra: 1\n";
        var story = Regex.Replace(File.ReadAllText(Path.Combine(Stories, "koffie-verkeerd-moment.yaml")), @"(?m)^(title:\s*\n(?:\s+nl:.*\n))\s+en:.*\n", "$1");

        Assert.Contains(InterventionSchema.Validate(ToJson(intervention)), e => e.Kind == ValidationErrorKind.NoAdditionalPropertiesAllowed);
        Assert.NotEmpty(StorySchema.Validate(ToJson(story)));
    }

    [Fact]
    public void Every_intervention_has_distinct_sizes_real_sectors_and_distinct_dimensions_per_instrument()
    {
        foreach (var i in LoadedInterventions())
        {
            Assert.True(i.Sizes.Distinct().Count() == i.Sizes.Count, $"{i.Slug}: sizes repeat a size");
            Assert.True(i.Sectors.All(IsSbiSection), $"{i.Slug}: sectors must be SBI section letters A-U");
            Assert.All(i.Dimensions, d => Assert.True(d.Value.Count > 0 && d.Value.Distinct().Count() == d.Value.Count, $"{i.Slug}: dimensions.{d.Key} is empty or repeats an id"));
        }
    }

    [Fact]
    public void Every_story_has_a_real_sector_and_one_to_four_distinct_interventions()
    {
        foreach (var s in LoadedStories())
        {
            Assert.True(s.Sector is null || IsSbiSection(s.Sector), $"{s.Slug}: sector must be an SBI letter A-U or left out");
            Assert.True(s.Interventions.Count is >= 1 and <= 4, $"{s.Slug}: name 1 to 4 interventions");
            Assert.True(s.Interventions.Distinct().Count() == s.Interventions.Count, $"{s.Slug}: an intervention is named twice");
        }
    }

    [Fact]
    public void The_story_schema_offers_exactly_the_interventions_there_are()
    {
        // Editors pick interventions from the schema's list; it must follow the folder.
        var offered = StorySchema.Properties["interventions"].Item!.ActualSchema.Enumeration.Select(e => (string)e!).Order(StringComparer.Ordinal);

        Assert.Equal(LoadedInterventions().Select(i => i.Slug).Order(StringComparer.Ordinal), offered);
    }

    [Fact]
    public void Interventions_read_at_B1()
    {
        var problems = new List<string>();
        foreach (var i in LoadedInterventions())
        {
            var texts = new List<(string Field, string Nl)> { ("title", i.Title.Nl), ("promise", i.Promise.Nl), ("why", i.Why.Nl) };
            texts.AddRange(i.Steps.Select((s, n) => ($"steps[{n}]", s.Nl)));
            foreach (var (field, nl) in texts)
            {
                var sentences = Sentences(nl);
                problems.AddRange(LongSentences(sentences).Select(s => $"{i.Slug}: {field}.nl has a sentence of more than {MaxWords} words: {s}"));
                if (field == "title")
                {
                    continue;
                }

                if (sentences.Average(s => Readability.Words(s).Count) > MaxAverageWords)
                {
                    problems.Add($"{i.Slug}: {field}.nl averages more than {MaxAverageWords} words per sentence");
                }

                if (Readability.FleschDouma(nl) < Readability.FairlyEasy)
                {
                    problems.Add($"{i.Slug}: {field}.nl reads below Flesch-Douma {Readability.FairlyEasy}: {nl}");
                }
            }

            if (Sentences(i.Why.Nl).Count is < 2 or > 4)
            {
                problems.Add($"{i.Slug}: why.nl should be 2 to 4 sentences");
            }

            problems.AddRange(i.Steps.Where(s => Sentences(s.Nl).Count > 1).Select(s => $"{i.Slug}: a step should be one sentence: {s.Nl}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Stories_read_at_B1()
    {
        var problems = new List<string>();
        foreach (var s in LoadedStories())
        {
            var texts = new (string Field, string Nl, int Min, int Max)[]
            {
                ("title", s.Title.Nl, 0, int.MaxValue), ("company", s.Company.Nl, 0, int.MaxValue),
                ("what", s.What.Nl, 3, 6), ("cost", s.Cost.Nl, 1, 2), ("result", s.Result.Nl, 1, 3),
            };
            foreach (var (field, nl, min, max) in texts)
            {
                var sentences = Sentences(nl);
                problems.AddRange(LongSentences(sentences).Select(x => $"{s.Slug}: {field}.nl has a sentence of more than {MaxWords} words: {x}"));
                if (min == 0)
                {
                    continue; // titles and company lines carry names, which lower the score
                }

                if (sentences.Count < min || sentences.Count > max)
                {
                    problems.Add($"{s.Slug}: {field}.nl has {sentences.Count} sentences; write {min} to {max}");
                }

                if (Readability.FleschDouma(nl) < Readability.FairlyEasy)
                {
                    problems.Add($"{s.Slug}: {field}.nl reads below Flesch-Douma {Readability.FairlyEasy}: {nl}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("Vraag: 'Wat wil je leren?' en schrijf het op. Dan volgt de rest.", 2)]
    [InlineData("Het kost € 2.000 per jaar. Dat is weinig.", 2)]
    [InlineData("Eén zin zonder punt", 1)]
    public void A_sentence_ends_at_a_stop_before_a_capital(string text, int expected) =>
        Assert.Equal(expected, Sentences(text).Count);

    [Fact]
    public void A_long_or_hard_text_breaks_the_rules()
    {
        var longSentence = string.Join(' ', Enumerable.Repeat("woord", MaxWords + 1)) + ".";

        Assert.Single(LongSentences(Sentences(longSentence)));
        Assert.True(Readability.FleschDouma("Organisatieontwikkelingsprocessen vereisen managementcommitment en kennisinfrastructuurinvesteringen.") < Readability.FairlyEasy);
    }

    private static bool IsSbiSection(string sector) => sector is [>= 'A' and <= 'U'];

    /// <summary>A sentence ends at . ? or ! followed by space and a capital, so a quoted question inside one and "€ 2.000" do not split it.</summary>
    private static List<string> Sentences(string text) =>
        SentenceEnd().Split(text.Trim()).Where(s => Readability.Words(s).Count > 0).ToList();

    private static IEnumerable<string> LongSentences(IEnumerable<string> sentences) =>
        sentences.Where(s => Readability.Words(s).Count > MaxWords);

    private static IReadOnlyList<Intervention> LoadedInterventions() => MenukaartContent.LoadFolder(RepositoryPaths.Of("content"), Instruments).Interventions;

    private static IReadOnlyList<Story> LoadedStories() => MenukaartContent.LoadFolder(RepositoryPaths.Of("content"), Instruments).Stories;

    private static TheoryData<string> Files(string folder) => new(Directory.GetFiles(folder, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    private static JsonSchema Schema(string folder, string file) =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(folder, file))).GetAwaiter().GetResult();

    private static void AssertValid(JsonSchema schema, string yaml)
    {
        var errors = schema.Validate(ToJson(yaml));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    private static string ToJson(string yaml)
    {
        // Unquoted scalars become numbers and booleans, as the loader reads them.
        var data = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object>(yaml);
        return new SerializerBuilder().JsonCompatible().Build().Serialize(data);
    }

    [GeneratedRegex(@"(?<=[.?!])['\u2019""]?\s+(?=[A-Z\u00C0-\u00DD'])")]
    private static partial Regex SentenceEnd();
}
