using Leerrijk.Scoring.Instruments;

namespace Leerrijk.UnitTests.Scoring.Instruments;

/// <summary>The shipped instrument library has the shape each model promises: dimensions, items, roles, scale and time.</summary>
public sealed class LibraryContentTests
{
    private const int SecondsPerItem = 15;
    private const int SecondsPerOpenQuestion = 60;

    private static readonly IReadOnlyList<Instrument> Library = InstrumentLoader.LoadFolder(RepositoryPaths.Of("content", "instruments"));

    /// <summary>The seven instruments of the library.</summary>
    public static TheoryData<string> LibraryIds =>
    [
        "leerrijk-teamscan",
        "snelscan-ondernemer",
        "stakeholderdiagnose",
        "vijf-fasenscan",
        "krachtmeting-leerwerkomgeving",
        "toekomstscan",
        "leerklimaat-monitor",
    ];

    private static Instrument Get(string id) => Library.Single(i => i.Id == id);

    private static int ItemsIn(Instrument instrument, string dimensionId) => instrument.ItemsOf(dimensionId).Count();

    private static void AssertRoles(Instrument instrument, params RespondentRole[] expected) =>
        Assert.Equal(expected.Order(), instrument.Roles.Order());

    [Fact]
    public void All_seven_instruments_are_present()
    {
        string[] expected =
        [
            "krachtmeting-leerwerkomgeving",
            "leerklimaat-monitor",
            "leerrijk-teamscan",
            "snelscan-ondernemer",
            "stakeholderdiagnose",
            "toekomstscan",
            "vijf-fasenscan",
        ];

        Assert.Subset(Library.Select(i => i.Id).ToHashSet(), expected.ToHashSet());
    }

    private static readonly string[] NumberWords =
        ["nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf",
         "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    /// <summary>
    /// `minutes` is the one source of an instrument's duration (the poster and start page add a module's to it through
    /// RoundDuration); a text that names a number of minutes must name the same.
    /// </summary>
    [Theory]
    [MemberData(nameof(LibraryIds))]
    public void Texts_that_state_a_duration_state_the_instruments_minutes(string id)
    {
        var instrument = Get(id);
        var texts = new[] { instrument.Introduction.For("nl"), instrument.Introduction.For("en"), instrument.Purpose.For("nl"), instrument.Purpose.For("en") };
        var stated = texts
            .SelectMany(t => System.Text.RegularExpressions.Regex.Matches(t, @"(\d+|\p{L}+)[ -]minut(?:en|es|e)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            .Select(m => m.Groups[1].Value.ToLowerInvariant())
            .Select(n => int.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : Array.IndexOf(NumberWords, n) % 13)
            .ToList();

        Assert.NotEmpty(stated);
        Assert.All(stated, n => Assert.Equal(instrument.Minutes, n));
    }

    [Theory]
    [MemberData(nameof(LibraryIds))]
    public void The_estimated_answering_time_fits_the_announced_minutes(string id)
    {
        var instrument = Get(id);
        var seconds = (instrument.Items.Count * SecondsPerItem) + (instrument.OpenQuestions.Count * SecondsPerOpenQuestion);

        Assert.True(seconds <= instrument.Minutes * 60, $"{id}: {seconds} s of answering does not fit in {instrument.Minutes} min");
    }

    [Theory]
    [MemberData(nameof(LibraryIds))]
    public void Every_scale_has_at_most_one_reversed_item_and_a_banded_reading(string id)
    {
        var instrument = Get(id);

        Assert.All(instrument.Dimensions, d => Assert.True(instrument.ItemsOf(d.Id).Count(i => i.Reverse) <= 1, $"{id}/{d.Id}: at most one reversed item"));
        Assert.True(instrument.Items.Count(i => i.Reverse) <= (instrument.Dimensions.Count / 2) + 1, $"{id}: a few reversed items, not many");
        Assert.Equal([0d, 50d, 75d], instrument.Bands.Select(b => b.From));
    }

    [Fact]
    public void The_quick_scan_speaks_to_the_owner_in_five_profile_dimensions()
    {
        var scan = Get("snelscan-ondernemer");

        AssertRoles(scan, RespondentRole.Owner);
        Assert.Equal(ScaleKind.Agreement5, scan.Scale);
        Assert.InRange(scan.Minutes, 1, 5);
        Assert.Equal(["mensen-houden", "vacatures", "inwerken", "vernieuwen", "leren-nu"], scan.Dimensions.Select(d => d.Id));
        Assert.InRange(scan.Items.Count, 10, 12);
        Assert.All(scan.Dimensions, d => Assert.InRange(ItemsIn(scan, d.Id), 2, 3));
        Assert.InRange(scan.OpenQuestions.Count, 0, 1);
        Assert.False(scan.Background.Role);
        Assert.False(scan.Background.Department);
        Assert.Empty(scan.Groups);
        Assert.Null(scan.Phases);
        Assert.False(scan.IsModule);
    }

    [Fact]
    public void The_stakeholder_diagnosis_follows_tnos_four_layers_with_wording_per_role()
    {
        var scan = Get("stakeholderdiagnose");

        AssertRoles(scan, RespondentRole.Hr, RespondentRole.WorksCouncil, RespondentRole.Manager, RespondentRole.Employee);
        Assert.Equal(["omgeving", "organisatie", "collega-en-leidinggevende", "medewerker-en-taak"], scan.Groups.Select(g => g.Id));
        Assert.All(scan.Groups, g => Assert.Equal(2, scan.Dimensions.Count(d => d.Group == g.Id)));
        Assert.Equal(8, scan.Dimensions.Count);
        Assert.All(scan.Dimensions, d => Assert.Equal(3, ItemsIn(scan, d.Id)));
        Assert.InRange(scan.Minutes, 8, 12);
        Assert.True(scan.Background.Role, "groups can only be compared when respondents give their role");

        // Where perspective matters, HR, works council and managers each get their own wording.
        var perRole = scan.Items.Where(i => i.RoleText.Count > 0).ToList();
        Assert.True(perRole.Count >= scan.Items.Count / 2, $"only {perRole.Count} items have role-specific wording");
        Assert.All(perRole, i =>
        {
            Assert.True(i.RoleText.ContainsKey(RespondentRole.Hr), $"{i.Id}: hr");
            Assert.True(i.RoleText.ContainsKey(RespondentRole.WorksCouncil), $"{i.Id}: works-council");
            Assert.True(i.RoleText.ContainsKey(RespondentRole.Manager), $"{i.Id}: manager");
            Assert.False(i.RoleText.ContainsKey(RespondentRole.Employee), $"{i.Id}: the general text is the employee's");
        });
        Assert.Contains(scan.Items, i => i.Text.Nl.StartsWith("Mijn leidinggevende", StringComparison.Ordinal)
            && i.TextFor(RespondentRole.Manager).Nl.StartsWith("Als leidinggevende", StringComparison.Ordinal)
            && i.TextFor(RespondentRole.Hr).Nl.StartsWith("Leidinggevenden bij ons", StringComparison.Ordinal)
            && i.TextFor(RespondentRole.WorksCouncil).Nl.StartsWith("Leidinggevenden bij ons", StringComparison.Ordinal));
    }

    [Fact]
    public void The_five_phase_scan_places_direction_room_and_support_in_five_rising_phases()
    {
        var scan = Get("vijf-fasenscan");

        AssertRoles(scan, RespondentRole.Owner, RespondentRole.Hr, RespondentRole.Manager, RespondentRole.Employee);
        Assert.InRange(scan.Minutes, 1, 8);
        Assert.Equal(["richting", "ruimte", "steun"], scan.Dimensions.Select(d => d.Id));
        Assert.All(scan.Dimensions, d => Assert.InRange(ItemsIn(scan, d.Id), 5, 6));

        var phases = Assert.IsType<PhaseModel>(scan.Phases);
        Assert.Equal(["richting", "ruimte", "steun"], phases.CoreDimensions);
        Assert.Equal(2, phases.MinimumDimensions);
        Assert.Equal(5, phases.Phases.Count);
        Assert.Equal(0d, phases.Phases[0].From);
        Assert.All(phases.Phases.Zip(phases.Phases.Skip(1)), p => Assert.True(p.First.From < p.Second.From, $"{p.Second.Id} must start above {p.First.Id}"));
        Assert.All(phases.Phases, p => Assert.InRange(p.NextSteps.Count, 2, 3));
        Assert.Equal(phases.Phases.Count, phases.Phases.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void The_strength_test_checks_hans_thirteen_design_principles()
    {
        var scan = Get("krachtmeting-leerwerkomgeving");

        AssertRoles(scan, RespondentRole.Hr, RespondentRole.Manager, RespondentRole.Owner);
        Assert.Equal(ScaleKind.Checklist3, scan.Scale);
        Assert.Equal(13, scan.Dimensions.Count);
        Assert.All(scan.Dimensions, d => Assert.Equal(2, ItemsIn(scan, d.Id)));
        Assert.Equal(["gedeelde-visie", "co-makership", "lerend-leiderschap"], scan.Dimensions.Where(d => d.Group == "inbedding").Select(d => d.Id));
        Assert.Equal(scan.Dimensions.Take(3), scan.Dimensions.Where(d => d.Group == "inbedding"));
        Assert.True(scan.Background.Role);
        Assert.False(scan.Background.Department);
    }

    [Fact]
    public void The_future_scan_covers_leo_loopbaans_four_pillars()
    {
        var scan = Get("toekomstscan");

        AssertRoles(scan, RespondentRole.Owner, RespondentRole.Hr, RespondentRole.Manager);
        Assert.InRange(scan.Minutes, 1, 7);
        Assert.Equal(["strategie-en-business", "wendbaarheid-en-flexibiliteit", "flexibel-op-en-afschalen", "leven-lang-ontwikkelen"], scan.Dimensions.Select(d => d.Id));
        Assert.All(scan.Dimensions, d => Assert.Equal(4, ItemsIn(scan, d.Id)));
        Assert.NotEmpty(scan.Bands);
    }

    [Fact]
    public void The_learning_climate_monitor_is_a_short_module_with_the_national_indicators()
    {
        var scan = Get("leerklimaat-monitor");

        Assert.True(scan.IsModule);
        AssertRoles(scan, RespondentRole.Employee, RespondentRole.Manager);
        Assert.InRange(scan.Minutes, 1, 4);
        Assert.Equal(["autonomie", "afwisseling-in-werk", "betrokkenheid-leidinggevende", "gevoelde-urgentie", "leergedrag"], scan.Dimensions.Select(d => d.Id));
        Assert.All(scan.Dimensions, d => Assert.Equal(3, ItemsIn(scan, d.Id)));
        Assert.False(scan.Background.Role, "it runs next to another instrument that asks the background");
        Assert.False(scan.Background.Department);
        Assert.All(scan.ItemsOf("betrokkenheid-leidinggevende"), i => Assert.True(i.RoleText.ContainsKey(RespondentRole.Manager), $"{i.Id}: managers answer about themselves"));
    }
}
