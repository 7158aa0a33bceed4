using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Features.Wegwijzer;
using NJsonSchema;
using NJsonSchema.Validation;
using YamlDotNet.Serialization;

namespace Leerrijk.UnitTests.Features.Wegwijzer;

/// <summary>Every shipped offer file against the published schema and the loader's rules, and each refusal of the loader.</summary>
public sealed partial class OfferContentTests
{
    private static readonly string Folder = RepositoryPaths.Of("content", "offers");
    private static readonly ReferenceData Reference = ReferenceData.Load(RepositoryPaths.Of("content", "reference"));
    private static readonly JsonSchema Schema = JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(Folder, "offer.schema.json"))).GetAwaiter().GetResult();

    public static TheoryData<string> OfferFiles => new(Directory.GetFiles(Folder, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(OfferFiles))]
    public void Every_offer_matches_the_schema_and_names_it_on_the_first_line(string file)
    {
        var yaml = File.ReadAllText(Path.Combine(Folder, file));

        Assert.StartsWith("# yaml-language-server: $schema=offer.schema.json", yaml, StringComparison.Ordinal);
        var errors = Schema.Validate(ToJson(yaml));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Theory]
    [MemberData(nameof(OfferFiles))]
    public void Every_offer_loads_and_keeps_the_honesty_rules(string file)
    {
        var offer = OfferContent.Parse(file, File.ReadAllText(Path.Combine(Folder, file)), Reference);

        Assert.All(offer.Sources.Where(s => s.Url is not null), s => Assert.StartsWith("https://", s.Url, StringComparison.Ordinal));
        Assert.True(offer.LastChecked <= new DateOnly(2026, 12, 3), $"{file}: lastChecked lies after the research was written");
        Assert.True(offer.Windows.Zip(offer.Windows.Skip(1)).All(p => p.First.Opens <= p.Second.Opens), $"{file}: windows are not oldest first");
        Assert.True(offer.NextWindowExpected is null || offer.Windows.All(w => w.Closes < offer.NextWindowExpected.Date), $"{file}: the expected window lies before a known one");
        Assert.True(offer.Status != OfferTerms.Ended || offer.Windows.All(w => w.Closes < offer.LastChecked), $"{file}: ended but a window is open");
    }

    [Fact]
    public void The_seed_holds_every_initiative_and_national_scheme_of_the_research()
    {
        var offers = OfferContent.LoadFolder(Folder, Reference).ToDictionary(o => o.Slug);

        Assert.Equal(48, offers.Count); // 39 initiatives (rows merged as the table merges them) and 9 national offers (SLIM split in firms and partnerships)
        Assert.Equal(OfferTerms.Ended, offers["stap-budget"].Status);
        Assert.Equal(OfferTerms.Ended, offers["mkb-idee"].Status);
        Assert.Contains(offers["slim-regeling"].Windows, w => w.Opens == new DateOnly(2024, 3, 1) && w.Closes == new DateOnly(2024, 3, 28));
        Assert.Contains(offers["slim-regeling"].Windows, w => w.Opens == new DateOnly(2024, 9, 2) && w.Closes == new DateOnly(2024, 9, 30));
        Assert.Contains(offers["slim-samenwerkingsverband"].Windows, w => w.Opens == new DateOnly(2024, 6, 3) && w.Closes == new DateOnly(2024, 7, 31));
        Assert.Equal(249, offers["slim-regeling"].Eligibility.MaxEmployees);
        Assert.Equal(new DateOnly(2026, 3, 1), offers["slim-scholingssubsidie"].NextWindowExpected?.Date);
        Assert.Null(offers["slim-regeling"].Status); // no source states whether it is open now
        Assert.True(offers["techgrounds"].Areas.NotStated);
    }

    [Fact]
    public void The_schema_lists_exactly_the_reference_ids()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "offer.schema.json")))!["properties"]!;

        Assert.Equal(Reference.Provinces.Select(p => p.Id), Enum(schema["areas"]!["properties"]!["provinces"]!));
        Assert.Equal(Reference.LabourMarketRegions.Select(p => p.Id), Enum(schema["areas"]!["properties"]!["regions"]!));
        Assert.Equal(Reference.SbiSections.Select(p => p.Id), Enum(schema["sectors"]!["properties"]!["sections"]!));
        Assert.Equal(OfferTerms.Kinds, Enum(schema["kinds"]!));
    }

    [Fact]
    public void The_schema_refuses_an_unknown_key_and_a_plain_http_source()
    {
        var yaml = Base().Replace("lastChecked:", "extra: 1\nlastChecked:", StringComparison.Ordinal).Replace("document: SER", "url: http://example.org\n    - document: SER", StringComparison.Ordinal);

        var errors = Schema.Validate(ToJson(yaml));

        Assert.Contains(errors, e => e.Kind == ValidationErrorKind.NoAdditionalPropertiesAllowed);
        Assert.Contains(errors, e => e.Path?.Contains("sources", StringComparison.Ordinal) == true || e.Kind == ValidationErrorKind.NotAnyOf || e.Kind == ValidationErrorKind.PatternMismatch);
    }

    [Theory]
    [InlineData("provinces: [gelderland]", "provinces: [gelre]", "province 'gelre'")]
    [InlineData("provinces: [gelderland]", "regions: [veluwe]", "labour-market region 'veluwe'")]
    [InlineData("sizes: [micro, small, medium]", "sectors:\n  sections: [Z]\nsizes: [micro]", "SBI section 'Z'")]
    [InlineData("- document: SER", "- url: http://www.gelrepact.nl/\n    - document: SER", "is not an https address")]
    [InlineData("  en: Gelrepact\nsummary", "  nl: Gelrepact\nsummary", "title needs both nl and en")]
    [InlineData("lastChecked:", "windows:\n  - opens: 2024-05-01\n    closes: 2024-04-01\nlastChecked:", "before it opens")]
    [InlineData("lastChecked:", "status: ended\nwindows:\n  - opens: 2026-11-01\n    closes: 2027-01-31\nlastChecked:", "has ended but a window closes on 2027-01-31")]
    [InlineData("lastChecked:", "colour: green\nlastChecked:", "colour")]
    [InlineData("lastChecked:", "nextWindowExpected:\n  date: 2027-03-01\nlastChecked:", "estimate: true")]
    [InlineData("lastChecked:", "status: maybe\nlastChecked:", "status 'maybe' is unknown")]
    [InlineData("kinds: [fund, voucher]", "kinds: [fund, loan]", "kinds has 'loan'")]
    [InlineData("lastChecked: 2026-12-03", "lastChecked: 3 december", "is not a date")]
    public void The_loader_refuses_a_broken_file_naming_it_and_the_fix(string find, string replace, string expected)
    {
        var yaml = Base().Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Base(), yaml);

        var error = Assert.Throws<OfferContentException>(() => OfferContent.Parse("gelrepact.yaml", yaml, Reference));

        Assert.StartsWith("offers/gelrepact.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_loader_refuses_a_slug_that_is_not_the_file_name() =>
        Assert.Contains("slug must equal the file name", Assert.Throws<OfferContentException>(() => OfferContent.Parse("gelre.yaml", Base(), Reference)).Message, StringComparison.Ordinal);

    [Fact]
    public void An_ended_offer_whose_windows_all_closed_loads() =>
        Assert.Equal(OfferTerms.Ended, OfferContent.Parse("gelrepact.yaml", Base().Replace("lastChecked:", "status: ended\nwindows:\n  - opens: 2021-07-06\n    closes: 2021-09-07\nlastChecked:", StringComparison.Ordinal), Reference).Status);

    [Fact]
    public void Offer_texts_read_at_B1()
    {
        // Names of schemes and bodies lower the score, so the score is asked of the longer offer text only.
        var problems = new List<string>();
        foreach (var offer in OfferContent.LoadFolder(Folder, Reference))
        {
            foreach (var (field, nl) in new[] { ("summary", offer.Summary.Nl), ("offer", offer.Text.Nl) })
            {
                var sentences = SentenceEnd().Split(nl.Trim()).Where(x => Readability.Words(x).Count > 0).ToList();
                problems.AddRange(sentences.Where(x => Readability.Words(x).Count > 20).Select(x => $"{offer.Slug}: {field}.nl has a sentence of more than 20 words: {x}"));
                if (field == "offer" && Readability.FleschDouma(nl) < Readability.FairlyEasy)
                {
                    problems.Add($"{offer.Slug}: offer.nl reads below Flesch-Douma {Readability.FairlyEasy} ({Readability.FleschDouma(nl):0}): {nl}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [GeneratedRegex(@"(?<=[.?!])['\u2019""]?\s+(?=[A-Z\u00C0-\u00DD'0-9])")]
    private static partial Regex SentenceEnd();

    private static string Base() => File.ReadAllText(Path.Combine(Folder, "gelrepact.yaml"));

    private static IEnumerable<string> Enum(JsonNode property) => property["items"]!["enum"]!.AsArray().Select(n => (string)n!);

    private static string ToJson(string yaml)
    {
        // Dates stay strings; unquoted numbers and booleans become numbers and booleans, as the loader reads them.
        var data = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object>(yaml);
        return new SerializerBuilder().JsonCompatible().Build().Serialize(data);
    }
}
