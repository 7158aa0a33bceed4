using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Features.Menukaart;

namespace Leerrijk.UnitTests.Features.Menukaart;

/// <summary>The menukaart's content files: the shipped library is valid, and a broken file is named with its fix.</summary>
public sealed class MenukaartContentTests
{
    private static readonly IReadOnlyList<Instrument> Instruments = InstrumentLoader.LoadFolder(RepositoryPaths.Of("content", "instruments"));

    private const string Valid = """
        slug: proef
        title: { nl: Proef, en: Trial }
        promise: { nl: Belofte, en: Promise }
        why: { nl: Waarom, en: Why }
        steps:
          - { nl: Een, en: One }
          - { nl: Twee, en: Two }
          - { nl: Drie, en: Three }
        effort: { hours: 2, euros: 0 }
        sizes: [micro]
        sectors: []
        dimensions:
          leerrijk-teamscan: [samen-leren]
        """;

    [Fact]
    public void The_shipped_interventions_and_stories_load_and_meet_the_issue_minimums()
    {
        var (interventions, stories) = MenukaartContent.LoadFolder(RepositoryPaths.Of("content"), Instruments);

        Assert.True(interventions.Count >= 30, $"{interventions.Count} interventions");
        Assert.True(stories.Count >= 12, $"{stories.Count} stories");
        Assert.All(interventions, i => Assert.True(i.Dimensions.ContainsKey("leerrijk-teamscan"), $"{i.Slug} names no teamscan dimension"));
    }

    [Fact]
    public void Every_dimension_of_every_instrument_has_at_least_two_interventions()
    {
        var (interventions, _) = MenukaartContent.LoadFolder(RepositoryPaths.Of("content"), Instruments);

        var thin = Instruments.SelectMany(instrument => instrument.Dimensions.Select(d => (instrument.Id, d.Id)))
            .Where(x => interventions.Count(i => i.Strengthens(x.Item1, x.Item2)) < 2)
            .Select(x => $"{x.Item1}/{x.Item2}")
            .ToList();

        Assert.Empty(thin);
    }

    [Fact]
    public void A_valid_file_parses()
    {
        var intervention = MenukaartContent.ParseIntervention("proef.yaml", Valid);

        Assert.Equal("proef", intervention.Slug);
        Assert.Equal(3, intervention.Steps.Count);
        Assert.True(intervention.Strengthens("leerrijk-teamscan", "samen-leren"));
    }

    [Theory]
    [InlineData("slug: proef", "slug: anders", "must equal the file name")]
    [InlineData("  - { nl: Drie, en: Three }", "", "give 3 to 5 steps")]
    [InlineData("sizes: [micro]", "sizes: [huge]", "sizes must list")]
    [InlineData("why: { nl: Waarom, en: Why }", "why: { nl: Waarom }", "why needs both nl and en")]
    [InlineData("sectors: []", "sectors: []\nextra: 1", "line")]
    public void A_broken_file_is_refused_with_the_reason(string find, string replace, string message)
    {
        var ex = Assert.Throws<MenukaartContentException>(() => MenukaartContent.ParseIntervention("proef.yaml", Valid.Replace(find, replace, StringComparison.Ordinal)));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dimension_the_instrument_does_not_have_is_named_with_the_ones_it_has()
    {
        var intervention = MenukaartContent.ParseIntervention("proef.yaml", Valid.Replace("samen-leren", "bestaat-niet", StringComparison.Ordinal));

        var ex = Assert.Throws<MenukaartContentException>(() => MenukaartContent.Validate([intervention], [], Instruments));

        Assert.Contains("has no dimension bestaat-niet", ex.Message, StringComparison.Ordinal);
        Assert.Contains("samen-leren", ex.Message, StringComparison.Ordinal);
    }
}
