using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Leerrijk.Scoring.Instruments;

/// <summary>An instrument file that cannot be used; <see cref="Exception.Message"/> lists every problem with its file and path.</summary>
public sealed class InstrumentLoadException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Reads instruments from YAML and validates them strictly: a file with any mistake is refused whole, with the
/// file, the path inside it and what is wrong (<c>teamscan.yaml: items[12].dimension 'autonomie' is not declared</c>).
/// </summary>
public static partial class InstrumentLoader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Loads every *.yaml file in a folder; any problem in any file stops the whole load.</summary>
    public static IReadOnlyList<Instrument> LoadFolder(string directory)
    {
        var problems = new List<string>();
        var instruments = new List<Instrument>();
        foreach (var path in Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            try
            {
                instruments.Add(Parse(Path.GetFileName(path), File.ReadAllText(path)));
            }
            catch (InstrumentLoadException ex)
            {
                problems.AddRange(ex.Problems);
            }
        }

        foreach (var duplicate in instruments.GroupBy(i => i.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"instrument id '{duplicate.Key}' is used by more than one file");
        }

        return problems.Count > 0 ? throw new InstrumentLoadException(problems) : instruments;
    }

    /// <summary>The folder inside the instruments folder that keeps earlier versions, one file per version.</summary>
    public const string ArchiveFolder = "archive";

    /// <summary>
    /// Loads the earlier versions kept in <paramref name="directory"/> (<c>{id}.v{version}.yaml</c>, validated like
    /// current files), so a round that started on an earlier version keeps answering and reporting on it. A missing
    /// folder is an empty archive.
    /// </summary>
    public static IReadOnlyList<Instrument> LoadArchive(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var problems = new List<string>();
        var instruments = new List<Instrument>();
        foreach (var path in Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var fileName = Path.GetFileName(path);
            var match = ArchiveFileName().Match(fileName);
            if (!match.Success)
            {
                problems.Add($"{ArchiveFolder}/{fileName}: name it '<instrument id>.v<version>.yaml', for example leerrijk-teamscan.v1.yaml");
                continue;
            }

            try
            {
                var instrument = Parse($"{ArchiveFolder}/{fileName}", File.ReadAllText(path));
                var version = int.Parse(match.Groups["version"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
                if (instrument.Id != match.Groups["id"].Value || instrument.Version != version)
                {
                    problems.Add($"{ArchiveFolder}/{fileName}: holds '{instrument.Id}' version {instrument.Version}; the file name must be {instrument.Id}.v{instrument.Version}.yaml");
                }
                else
                {
                    instruments.Add(instrument);
                }
            }
            catch (InstrumentLoadException ex)
            {
                problems.AddRange(ex.Problems);
            }
        }

        return problems.Count > 0 ? throw new InstrumentLoadException(problems) : instruments;
    }

    [GeneratedRegex("^(?<id>[a-z0-9]+(-[a-z0-9]+)*)\\.v(?<version>[1-9][0-9]{0,5})\\.yaml$")]
    private static partial Regex ArchiveFileName();

    public static Instrument Parse(string fileName, string yaml)
    {
        InstrumentFile? file;
        try
        {
            file = Yaml.Deserialize<InstrumentFile>(yaml);
        }
        catch (YamlException ex)
        {
            var inner = ex.InnerException?.Message ?? ex.Message;
            throw new InstrumentLoadException([$"{fileName}: line {ex.Start.Line}, column {ex.Start.Column}: {inner}"]);
        }

        var validator = new Validator(fileName);
        var instrument = validator.Build(file ?? new InstrumentFile());
        return validator.Problems.Count > 0 ? throw new InstrumentLoadException(validator.Problems) : instrument!;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    private sealed class Validator(string fileName)
    {
        public List<string> Problems { get; } = [];

        private void Problem(string path, string what) => Problems.Add($"{fileName}: {path} {what}");

        private string Id(string? value, string path)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Problem(path, "is missing");
                return "";
            }

            if (!IdPattern().IsMatch(value))
            {
                Problem(path, $"'{value}' must be lower-case letters, digits and single hyphens");
            }

            return value;
        }

        private LocalizedText Text(TextFile? text, string path)
        {
            if (text is null)
            {
                Problem(path, "is missing");
                return new LocalizedText("", "");
            }

            if (string.IsNullOrWhiteSpace(text.Nl))
            {
                Problem(path + ".nl", "is missing");
            }

            if (string.IsNullOrWhiteSpace(text.En))
            {
                Problem(path + ".en", "is missing");
            }

            return new LocalizedText(text.Nl?.Trim() ?? "", text.En?.Trim() ?? "");
        }

        private RespondentRole Role(string? value, string path)
        {
            var role = value switch
            {
                "owner" => RespondentRole.Owner,
                "hr" => RespondentRole.Hr,
                "manager" => RespondentRole.Manager,
                "employee" => RespondentRole.Employee,
                "works-council" => RespondentRole.WorksCouncil,
                _ => (RespondentRole?)null,
            };
            if (role is null)
            {
                Problem(path, $"'{value}' is not a role (owner, hr, manager, employee, works-council)");
            }

            return role ?? RespondentRole.Employee;
        }

        public Instrument? Build(InstrumentFile f)
        {
            var id = Id(f.Id, "id");
            if (f.Version is null or < 1)
            {
                Problem("version", "must be a whole number of at least 1");
            }

            var scale = f.Scale switch
            {
                null or "agreement-5" => ScaleKind.Agreement5,
                "checklist-3" => ScaleKind.Checklist3,
                _ => Fail<ScaleKind>("scale", $"'{f.Scale}' is not a scale (agreement-5, checklist-3)"),
            };
            var share = f.MinAnsweredShare ?? 0.75;
            if (share is <= 0 or > 1)
            {
                Problem("minAnsweredShare", "must be above 0 and at most 1");
            }

            if (f.Minutes is null or < 1 or > 60)
            {
                Problem("minutes", "must be the time needed in whole minutes (1–60)");
            }

            var roles = (f.Roles ?? []).Select((r, i) => Role(r, $"roles[{i}]")).ToList();
            if (roles.Count == 0)
            {
                Problem("roles", "must name at least one respondent role");
            }

            var groups = (f.Groups ?? []).Select((g, i) => new DimensionGroup(Id(g.Id, $"groups[{i}].id"), Text(g.Name, $"groups[{i}].name"))).ToList();
            var groupIds = groups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
            Unique(groups.Select(g => g.Id), "groups");

            var dimensions = new List<Dimension>();
            for (var i = 0; i < (f.Dimensions ?? []).Count; i++)
            {
                var d = f.Dimensions![i];
                if (d.Group is not null && !groupIds.Contains(d.Group))
                {
                    Problem($"dimensions[{i}].group", $"'{d.Group}' is not declared under groups");
                }

                dimensions.Add(new Dimension(Id(d.Id, $"dimensions[{i}].id"), d.Group, Text(d.Name, $"dimensions[{i}].name"), Text(d.Meaning, $"dimensions[{i}].meaning")));
            }

            if (dimensions.Count == 0)
            {
                Problem("dimensions", "must declare at least one dimension");
            }

            Unique(dimensions.Select(d => d.Id), "dimensions");
            var dimensionIds = dimensions.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);

            var items = new List<Item>();
            for (var i = 0; i < (f.Items ?? []).Count; i++)
            {
                var item = f.Items![i];
                var path = $"items[{i}]";
                if (item.Dimension is null || !dimensionIds.Contains(item.Dimension))
                {
                    Problem($"{path}.dimension", item.Dimension is null ? "is missing" : $"'{item.Dimension}' is not declared");
                }

                var roleText = new Dictionary<RespondentRole, LocalizedText>();
                foreach (var (key, text) in item.RoleText ?? [])
                {
                    var role = Role(key, $"{path}.roleText.{key}");
                    if (!roles.Contains(role))
                    {
                        Problem($"{path}.roleText.{key}", "is a role this instrument is not meant for");
                    }

                    roleText[role] = Text(text, $"{path}.roleText.{key}");
                }

                items.Add(new Item(Id(item.Id, $"{path}.id"), item.Dimension ?? "", Text(item.Text, $"{path}.text"), roleText, item.Reverse ?? false));
            }

            Unique(items.Select(i => i.Id), "items");
            foreach (var dimension in dimensions.Where(d => !items.Any(i => i.Dimension == d.Id)))
            {
                Problem($"dimensions[{dimensions.IndexOf(dimension)}]", $"'{dimension.Id}' has no items");
            }

            var open = (f.OpenQuestions ?? []).Select((q, i) => new OpenQuestion(Id(q.Id, $"openQuestions[{i}].id"), Text(q.Text, $"openQuestions[{i}].text"))).ToList();
            Unique(open.Select(q => q.Id), "openQuestions");

            var bands = (f.Bands ?? []).Select((b, i) => new InterpretationBand(Score(b.From, $"bands[{i}].from"), Text(b.Label, $"bands[{i}].label"))).ToList();
            if (bands.Count > 0 && (bands[0].From != 0 || bands.Zip(bands.Skip(1)).Any(p => p.First.From >= p.Second.From)))
            {
                Problem("bands", "must start at 0 and rise");
            }

            var phases = f.Phases is null ? null : BuildPhases(f.Phases, dimensionIds);
            var background = new BackgroundQuestions(f.Background?.Role ?? true, f.Background?.Department ?? true, f.Background?.YearsEmployed ?? false);

            return new Instrument(
                id,
                f.Version ?? 0,
                Text(f.Title, "title"),
                Text(f.Purpose, "purpose"),
                Text(f.Introduction, "introduction"),
                new ModelAttribution(f.Model?.Name ?? Fail<string>("model.name", "is missing"), Text(f.Model?.Attribution, "model.attribution")),
                roles,
                f.Minutes ?? 0,
                scale,
                share,
                groups,
                dimensions,
                items,
                open,
                background,
                bands,
                phases,
                f.Module ?? false);
        }

        private PhaseModel BuildPhases(PhasesFile p, HashSet<string> dimensionIds)
        {
            var core = p.CoreDimensions ?? [];
            for (var i = 0; i < core.Count; i++)
            {
                if (!dimensionIds.Contains(core[i]))
                {
                    Problem($"phases.coreDimensions[{i}]", $"'{core[i]}' is not declared");
                }
            }

            var minimum = p.MinimumDimensions ?? 2;
            if (minimum < 1 || minimum > core.Count)
            {
                Problem("phases.minimumDimensions", $"must be between 1 and the number of core dimensions ({core.Count})");
            }

            var list = new List<Phase>();
            for (var i = 0; i < (p.List ?? []).Count; i++)
            {
                var phase = p.List![i];
                var path = $"phases.list[{i}]";
                var steps = (phase.NextSteps ?? []).Select((s, j) => Text(s, $"{path}.nextSteps[{j}]")).ToList();
                if (steps.Count == 0)
                {
                    Problem($"{path}.nextSteps", "must name at least one next step");
                }

                list.Add(new Phase(Id(phase.Id, $"{path}.id"), Score(phase.From, $"{path}.from"), Text(phase.Name, $"{path}.name"), Text(phase.Description, $"{path}.description"), steps));
            }

            if (list.Count < 2 || list[0].From != 0 || list.Zip(list.Skip(1)).Any(x => x.First.From >= x.Second.From))
            {
                Problem("phases.list", "must have at least two phases, the first from 0, each starting higher than the one before");
            }

            return new PhaseModel(core, minimum, list);
        }

        private double Score(double? value, string path)
        {
            if (value is null or < 0 or > 100)
            {
                Problem(path, "must be a score from 0 to 100");
            }

            return value ?? 0;
        }

        private void Unique(IEnumerable<string> ids, string path)
        {
            foreach (var id in ids.Where(i => i.Length > 0).GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                Problem(path, $"declares '{id.Key}' more than once");
            }
        }

        private T Fail<T>(string path, string what)
        {
            Problem(path, what);
            return default!;
        }
    }

    // The file as written. Every property is optional here so the validator, not the parser, reports what is missing.
    private sealed class InstrumentFile
    {
        public string? Id { get; set; }
        public int? Version { get; set; }
        public TextFile? Title { get; set; }
        public TextFile? Purpose { get; set; }
        public TextFile? Introduction { get; set; }
        public ModelFile? Model { get; set; }
        public List<string>? Roles { get; set; }
        public int? Minutes { get; set; }
        public string? Scale { get; set; }
        public double? MinAnsweredShare { get; set; }
        public bool? Module { get; set; }
        public List<GroupFile>? Groups { get; set; }
        public List<DimensionFile>? Dimensions { get; set; }
        public List<ItemFile>? Items { get; set; }
        public List<OpenQuestionFile>? OpenQuestions { get; set; }
        public BackgroundFile? Background { get; set; }
        public List<BandFile>? Bands { get; set; }
        public PhasesFile? Phases { get; set; }
    }

    private sealed class TextFile
    {
        public string? Nl { get; set; }
        public string? En { get; set; }
    }

    private sealed class ModelFile
    {
        public string? Name { get; set; }
        public TextFile? Attribution { get; set; }
    }

    private sealed class GroupFile
    {
        public string? Id { get; set; }
        public TextFile? Name { get; set; }
    }

    private sealed class DimensionFile
    {
        public string? Id { get; set; }
        public string? Group { get; set; }
        public TextFile? Name { get; set; }
        public TextFile? Meaning { get; set; }
    }

    private sealed class ItemFile
    {
        public string? Id { get; set; }
        public string? Dimension { get; set; }
        public TextFile? Text { get; set; }
        public Dictionary<string, TextFile>? RoleText { get; set; }
        public bool? Reverse { get; set; }
    }

    private sealed class OpenQuestionFile
    {
        public string? Id { get; set; }
        public TextFile? Text { get; set; }
    }

    private sealed class BackgroundFile
    {
        public bool? Role { get; set; }
        public bool? Department { get; set; }
        public bool? YearsEmployed { get; set; }
    }

    private sealed class BandFile
    {
        public double? From { get; set; }
        public TextFile? Label { get; set; }
    }

    private sealed class PhasesFile
    {
        public List<string>? CoreDimensions { get; set; }
        public int? MinimumDimensions { get; set; }
        public List<PhaseFile>? List { get; set; }
    }

    private sealed class PhaseFile
    {
        public string? Id { get; set; }
        public double? From { get; set; }
        public TextFile? Name { get; set; }
        public TextFile? Description { get; set; }
        public List<TextFile>? NextSteps { get; set; }
    }
}
