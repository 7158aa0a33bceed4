using Leerrijk.Web.Features.Instruments;
using Microsoft.Extensions.Configuration;

namespace Leerrijk.UnitTests.Scoring.Instruments;

/// <summary>
/// A round keeps the instrument version it started on: earlier versions live in archive/, are validated like current
/// files, and are found by version while new rounds get the current file.
/// </summary>
public sealed class InstrumentArchiveTests : IDisposable
{
    private static readonly string Teamscan = File.ReadAllText(RepositoryPaths.Of("content", "instruments", "leerrijk-teamscan.yaml"));

    private readonly string _folder = Directory.CreateTempSubdirectory("leerrijk-instruments-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string AsVersion2(string yaml) =>
        yaml.Replace("version: 1", "version: 2", StringComparison.Ordinal)
            .Replace("gewoon zeggen", "rustig zeggen", StringComparison.Ordinal);

    private void Write(string relativePath, string yaml)
    {
        var path = Path.Combine(_folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml);
    }

    private InstrumentCatalog Load() =>
        InstrumentCatalog.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Instruments:Folder"] = _folder }).Build());

    [Fact]
    public void A_round_on_version_1_finds_version_1_while_new_rounds_get_version_2()
    {
        Write("leerrijk-teamscan.yaml", AsVersion2(Teamscan));
        Write("archive/leerrijk-teamscan.v1.yaml", Teamscan);

        var catalog = Load();

        Assert.Equal(2, catalog.Find("leerrijk-teamscan")!.Version);
        Assert.Equal(1, catalog.Find("leerrijk-teamscan", 1)!.Version);
        Assert.Equal(2, catalog.Find("leerrijk-teamscan", 2)!.Version);
        Assert.Null(catalog.Find("leerrijk-teamscan", 3));
        Assert.Contains(catalog.Find("leerrijk-teamscan", 1)!.Items, i => i.Text.Nl.Contains("gewoon zeggen", StringComparison.Ordinal));
        Assert.DoesNotContain(catalog.Find("leerrijk-teamscan", 2)!.Items, i => i.Text.Nl.Contains("gewoon zeggen", StringComparison.Ordinal));
        Assert.Single(catalog.All, i => i.Id == "leerrijk-teamscan");
    }

    [Fact]
    public void An_archived_file_whose_name_does_not_match_its_version_stops_start_up_with_the_fix()
    {
        Write("leerrijk-teamscan.yaml", AsVersion2(Teamscan));
        Write("archive/leerrijk-teamscan.v3.yaml", Teamscan);

        var error = Assert.Throws<InvalidOperationException>(Load);

        Assert.Contains("archive/leerrijk-teamscan.v3.yaml: holds 'leerrijk-teamscan' version 1; the file name must be leerrijk-teamscan.v1.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_archived_version_that_is_not_older_than_the_current_file_stops_start_up()
    {
        Write("leerrijk-teamscan.yaml", Teamscan);
        Write("archive/leerrijk-teamscan.v1.yaml", Teamscan);

        var error = Assert.Throws<InvalidOperationException>(Load);

        Assert.Contains("archive/leerrijk-teamscan.v1.yaml: an archived version must be older", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_badly_named_or_broken_archived_file_is_refused_like_a_current_one()
    {
        Write("leerrijk-teamscan.yaml", AsVersion2(Teamscan));
        Write("archive/teamscan-oud.yaml", Teamscan);
        Write("archive/leerrijk-teamscan.v1.yaml", Teamscan.Replace("dimension: samen-leren", "dimension: autonomie", StringComparison.Ordinal));

        var error = Assert.Throws<InvalidOperationException>(Load);

        Assert.Contains("archive/teamscan-oud.yaml: name it '<instrument id>.v<version>.yaml'", error.Message, StringComparison.Ordinal);
        Assert.Contains("archive/leerrijk-teamscan.v1.yaml: items[8].dimension 'autonomie' is not declared", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_archive_folder_only_current_versions_are_found()
    {
        Write("leerrijk-teamscan.yaml", Teamscan);

        var catalog = Load();

        Assert.NotNull(catalog.Find("leerrijk-teamscan", 1));
        Assert.Null(catalog.Find("leerrijk-teamscan", 0));
    }
}
