using Leerrijk.Scoring.Instruments;

namespace Leerrijk.UnitTests.Scoring.Instruments;

/// <summary>A broken instrument file is refused whole, with the file, the path inside it and what to fix.</summary>
public sealed class InstrumentLoaderTests
{
    private static readonly string Teamscan = File.ReadAllText(RepositoryPaths.Of("content", "instruments", "leerrijk-teamscan.yaml"));

    private static InstrumentLoadException Refused(string yaml) =>
        Assert.Throws<InstrumentLoadException>(() => InstrumentLoader.Parse("test.yaml", yaml));

    [Fact]
    public void An_item_on_an_undeclared_dimension_is_named_with_its_path()
    {
        var error = Refused(Teamscan.Replace("dimension: samen-leren", "dimension: autonomie", StringComparison.Ordinal));

        Assert.Contains("test.yaml: items[8].dimension 'autonomie' is not declared", error.Problems);
    }

    [Fact]
    public void A_missing_english_text_is_named()
    {
        var error = Refused(Teamscan.Replace("en: \"I dare to ask questions when I don't know something.\"", "", StringComparison.Ordinal));

        Assert.Contains("test.yaml: items[2].text.en is missing", error.Problems);
    }

    [Fact]
    public void An_unknown_key_is_refused_with_its_line()
    {
        var error = Refused(Teamscan.Replace("scale: agreement-5", "scale: agreement-5\nminuten: 7", StringComparison.Ordinal));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("test.yaml: line ", problem, StringComparison.Ordinal);
        Assert.Contains("minuten", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_ids_unknown_roles_and_bad_scales_are_all_reported_at_once()
    {
        var yaml = Teamscan
            .Replace("id: vragen-stellen", "id: fout-melden", StringComparison.Ordinal)
            .Replace("roles: [owner, hr, manager, employee, works-council]", "roles: [owner, baas]", StringComparison.Ordinal)
            .Replace("scale: agreement-5", "scale: zeven-punten", StringComparison.Ordinal);

        var error = Refused(yaml);

        Assert.Contains("test.yaml: items declares 'fout-melden' more than once", error.Problems);
        Assert.Contains("test.yaml: roles[1] 'baas' is not a role (owner, hr, manager, employee, works-council)", error.Problems);
        Assert.Contains("test.yaml: scale 'zeven-punten' is not a scale (agreement-5, checklist-3)", error.Problems);
        // Role-specific wording for a role the instrument no longer serves is also a mistake.
        Assert.Contains(error.Problems, p => p.Contains("roleText.manager is a role this instrument is not meant for", StringComparison.Ordinal));
    }

    [Fact]
    public void A_dimension_without_items_is_refused()
    {
        var yaml = Teamscan.Replace("dimension: leren-van-buiten", "dimension: samen-leren", StringComparison.Ordinal);

        var error = Refused(yaml);

        Assert.Contains("test.yaml: dimensions[5] 'leren-van-buiten' has no items", error.Problems);
    }

    [Fact]
    public void A_broken_file_in_the_folder_stops_the_whole_load()
    {
        var dir = Directory.CreateTempSubdirectory("leerrijk-instruments-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "goed.yaml"), Teamscan);
            File.WriteAllText(Path.Combine(dir.FullName, "kapot.yaml"), Teamscan.Replace("id: leerrijk-teamscan", "id: Kapot Bestand", StringComparison.Ordinal));

            var error = Assert.Throws<InstrumentLoadException>(() => InstrumentLoader.LoadFolder(dir.FullName));

            Assert.Contains("kapot.yaml: id 'Kapot Bestand' must be lower-case letters, digits and single hyphens", error.Problems);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Role_specific_wording_is_chosen_per_role()
    {
        var teamscan = InstrumentLoader.Parse("teamscan.yaml", Teamscan);
        var feedback = teamscan.Items.Single(i => i.Id == "feedback");

        Assert.StartsWith("Mijn leidinggevende", feedback.TextFor(RespondentRole.Employee).Nl, StringComparison.Ordinal);
        Assert.StartsWith("Ik vertel mijn mensen", feedback.TextFor(RespondentRole.Manager).Nl, StringComparison.Ordinal);
        Assert.Equal(feedback.Text, feedback.TextFor(null));
    }
}
