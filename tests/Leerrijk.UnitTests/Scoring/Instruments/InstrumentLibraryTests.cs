using Leerrijk.Scoring.Instruments;

namespace Leerrijk.UnitTests.Scoring.Instruments;

/// <summary>Every shipped instrument file loads without a single problem.</summary>
public sealed class InstrumentLibraryTests
{
    private static readonly string Folder = RepositoryPaths.Of("content", "instruments");

    [Fact]
    public void Every_shipped_instrument_loads()
    {
        var instruments = InstrumentLoader.LoadFolder(Folder);

        Assert.NotEmpty(instruments);
        Assert.Equal(Directory.GetFiles(Folder, "*.yaml").Length, instruments.Count);
    }

    [Fact]
    public void The_teamscan_covers_the_six_carriers_for_every_role()
    {
        var teamscan = InstrumentLoader.LoadFolder(Folder).Single(i => i.Id == "leerrijk-teamscan");

        Assert.Equal(6, teamscan.Dimensions.Count);
        Assert.InRange(teamscan.Items.Count, 24, 30);
        Assert.Equal(2, teamscan.OpenQuestions.Count);
        Assert.Equal(Enum.GetValues<RespondentRole>(), teamscan.Roles.Order());
        Assert.All(teamscan.Dimensions, d => Assert.True(teamscan.Items.Count(i => i.Dimension == d.Id) >= 4, d.Id));
        Assert.All(teamscan.Dimensions, d => Assert.True(teamscan.ItemsOf(d.Id).Count(i => i.Reverse) <= 1, $"{d.Id}: at most one reversed item per scale"));
    }
}
