using System.Globalization;
using Leerrijk.Web.Features.Reference;

namespace Leerrijk.UnitTests.Features.Reference;

public sealed class ReferenceDataTests
{
    [Fact]
    public void The_reference_lists_load_complete()
    {
        var data = ReferenceData.Load(RepositoryPaths.Of("content", "reference"));

        Assert.Equal(12, data.Provinces.Count);
        Assert.Equal(35, data.LabourMarketRegions.Count);
        Assert.Equal(21, data.SbiSections.Count);
        Assert.True(data.IsLabourMarketRegion("twente"));
        Assert.Equal("Bouwnijverheid", data.SectorName("F", CultureInfo.GetCultureInfo("nl-NL")));
        Assert.Equal("Construction", data.SectorName("F", CultureInfo.GetCultureInfo("en-GB")));
    }

    [Fact]
    public void A_broken_file_stops_with_its_name_and_the_problem()
    {
        var dir = Directory.CreateTempSubdirectory("leerrijk-ref-");
        try
        {
            foreach (var file in Directory.GetFiles(RepositoryPaths.Of("content", "reference")))
            {
                File.Copy(file, Path.Combine(dir.FullName, Path.GetFileName(file)));
            }

            File.WriteAllText(Path.Combine(dir.FullName, "provinces.json"), """{ "items": [ { "id": "", "name": "Nergens" } ] }""");

            var error = Assert.Throws<InvalidOperationException>(() => ReferenceData.Load(dir.FullName));

            Assert.StartsWith("provinces.json: items has 1 entries, expected 12", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
