using Leerrijk.Scoring.Instruments;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Leerrijk.Web.Features.Menukaart;

/// <summary>One first step on the menukaart: what it is, why it works, how to start next week, what it costs, where it fits.</summary>
public sealed record Intervention(
    string Slug,
    LocalizedText Title,
    LocalizedText Promise,
    LocalizedText Why,
    IReadOnlyList<LocalizedText> Steps,
    int Hours,
    int Euros,
    IReadOnlyList<string> Sizes,
    IReadOnlyList<string> Sectors,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Dimensions)
{
    /// <summary>Whether it strengthens a dimension of an instrument.</summary>
    public bool Strengthens(string instrumentId, string dimensionId) =>
        Dimensions.TryGetValue(instrumentId, out var ids) && ids.Contains(dimensionId);

    /// <summary>Effort as one number for sorting: an hour of work weighs like fifty euros.</summary>
    public double EffortPoints => Hours + (Euros / 50.0);
}

/// <summary>What a company like the reader's did, what it cost and brought, and which interventions it used.</summary>
public sealed record Story(
    string Slug,
    LocalizedText Title,
    LocalizedText Company,
    string Size,
    string? Sector,
    LocalizedText What,
    LocalizedText Cost,
    LocalizedText Result,
    bool Estimate,
    IReadOnlyList<string> Interventions,
    StorySource Source);

public sealed record StorySource(string File, string Note);

/// <summary>
/// Company size classes as the content names them. They are <see cref="Organisations.SizeClass"/> (the one definition
/// of a size class, with its label "SizeClass.*") under a lower-case name; the menukaart has no steps made for 250+.
/// </summary>
public static class CompanySizes
{
    public const string Micro = "micro";
    public const string Small = "small";
    public const string Medium = "medium";

    public static readonly IReadOnlyList<string> All = [Micro, Small, Medium];

    public static string? Of(Organisations.SizeClass? size) => size switch
    {
        Organisations.SizeClass.Micro => Micro,
        Organisations.SizeClass.Small => Small,
        Organisations.SizeClass.Medium => Medium,
        _ => null,
    };

    /// <summary>The size class a content name stands for.</summary>
    public static Organisations.SizeClass ClassOf(string size) => size switch
    {
        Micro => Organisations.SizeClass.Micro,
        Small => Organisations.SizeClass.Small,
        Medium => Organisations.SizeClass.Medium,
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "Not a size the menukaart knows."),
    };

    /// <summary>The resource key of a content size's label: the organisation form's label for the same class.</summary>
    public static string LabelKey(string size) => "SizeClass." + ClassOf(size);
}

/// <summary>A content file that does not fit the menukaart's shape: which file, and what to fix.</summary>
public sealed class MenukaartContentException(string message) : Exception(message);

/// <summary>
/// Reads the menukaart's content files (content/interventions, content/stories), strictly: an unknown field, a
/// missing text, a dimension an instrument does not have, or a story naming an unknown intervention stops the load
/// with the file and the fix, so broken content never reaches an owner.
/// </summary>
public static class MenukaartContent
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static (IReadOnlyList<Intervention> Interventions, IReadOnlyList<Story> Stories) LoadFolder(string contentRoot, IEnumerable<Instrument> instruments)
    {
        var interventions = Directory.Exists(Path.Combine(contentRoot, "interventions"))
            ? Directory.GetFiles(Path.Combine(contentRoot, "interventions"), "*.yaml").Order(StringComparer.Ordinal)
                .Select(f => ParseIntervention(Path.GetFileName(f), File.ReadAllText(f))).ToList()
            : [];
        var stories = Directory.Exists(Path.Combine(contentRoot, "stories"))
            ? Directory.GetFiles(Path.Combine(contentRoot, "stories"), "*.yaml").Order(StringComparer.Ordinal)
                .Select(f => ParseStory(Path.GetFileName(f), File.ReadAllText(f))).ToList()
            : [];
        Validate(interventions, stories, instruments);
        return (interventions, stories);
    }

    public static void Validate(IReadOnlyList<Intervention> interventions, IReadOnlyList<Story> stories, IEnumerable<Instrument> instruments)
    {
        var byId = instruments.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var intervention in interventions)
        {
            if (!slugs.Add(intervention.Slug))
            {
                throw new MenukaartContentException($"interventions/{intervention.Slug}.yaml: the slug is used twice.");
            }

            foreach (var (instrumentId, dimensions) in intervention.Dimensions)
            {
                if (!byId.TryGetValue(instrumentId, out var instrument))
                {
                    throw new MenukaartContentException($"interventions/{intervention.Slug}.yaml: dimensions names instrument '{instrumentId}', which does not exist. Use one of: {string.Join(", ", byId.Keys)}.");
                }

                var unknown = dimensions.Where(d => instrument.Dimensions.All(x => x.Id != d)).ToList();
                if (unknown.Count > 0)
                {
                    throw new MenukaartContentException($"interventions/{intervention.Slug}.yaml: {instrumentId} has no dimension {string.Join(", ", unknown)}. Its dimensions are: {string.Join(", ", instrument.Dimensions.Select(d => d.Id))}.");
                }
            }
        }

        var storySlugs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var story in stories)
        {
            if (!storySlugs.Add(story.Slug))
            {
                throw new MenukaartContentException($"stories/{story.Slug}.yaml: the slug is used twice.");
            }

            var unknown = story.Interventions.Where(s => !slugs.Contains(s)).ToList();
            if (unknown.Count > 0)
            {
                throw new MenukaartContentException($"stories/{story.Slug}.yaml: interventions {string.Join(", ", unknown)} do not exist in content/interventions.");
            }
        }
    }

    public static Intervention ParseIntervention(string fileName, string yaml)
    {
        var file = Deserialize<InterventionFile>(fileName, yaml);
        var where = $"interventions/{fileName}";
        Require(file.Slug, where, "slug");
        if (file.Slug + ".yaml" != fileName)
        {
            throw new MenukaartContentException($"{where}: the slug '{file.Slug}' must equal the file name without .yaml.");
        }

        var steps = (file.Steps ?? []).Select((s, i) => Text(s, where, $"steps[{i}]")).ToList();
        if (steps.Count is < 3 or > 5)
        {
            throw new MenukaartContentException($"{where}: give 3 to 5 steps, not {steps.Count}.");
        }

        if (file.Effort is null || file.Effort.Hours < 0 || file.Effort.Euros < 0)
        {
            throw new MenukaartContentException($"{where}: effort needs hours and euros, both 0 or more.");
        }

        var sizes = file.Sizes ?? [];
        if (sizes.Count == 0 || sizes.Any(s => !CompanySizes.All.Contains(s)))
        {
            throw new MenukaartContentException($"{where}: sizes must list one or more of {string.Join(", ", CompanySizes.All)}.");
        }

        return new Intervention(
            file.Slug!, Text(file.Title, where, "title"), Text(file.Promise, where, "promise"), Text(file.Why, where, "why"), steps,
            file.Effort.Hours, file.Effort.Euros, sizes, file.Sectors ?? [],
            (file.Dimensions ?? []).ToDictionary(d => d.Key, d => (IReadOnlyList<string>)d.Value, StringComparer.Ordinal));
    }

    public static Story ParseStory(string fileName, string yaml)
    {
        var file = Deserialize<StoryFile>(fileName, yaml);
        var where = $"stories/{fileName}";
        Require(file.Slug, where, "slug");
        if (file.Slug + ".yaml" != fileName)
        {
            throw new MenukaartContentException($"{where}: the slug '{file.Slug}' must equal the file name without .yaml.");
        }

        if (!CompanySizes.All.Contains(file.Size ?? ""))
        {
            throw new MenukaartContentException($"{where}: size must be one of {string.Join(", ", CompanySizes.All)}.");
        }

        if (file.Interventions is not { Count: >= 1 })
        {
            throw new MenukaartContentException($"{where}: name at least one intervention it used.");
        }

        return new Story(
            file.Slug!, Text(file.Title, where, "title"), Text(file.Company, where, "company"), file.Size!, file.Sector,
            Text(file.What, where, "what"), Text(file.Cost, where, "cost"), Text(file.Result, where, "result"), file.Estimate,
            file.Interventions, new StorySource(file.Source?.File ?? "", file.Source?.Note ?? ""));
    }

    private static T Deserialize<T>(string fileName, string yaml)
    {
        try
        {
            return Yaml.Deserialize<T>(yaml) ?? throw new MenukaartContentException($"{fileName}: the file is empty.");
        }
        catch (YamlException ex)
        {
            throw new MenukaartContentException($"{fileName}, line {ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}");
        }
    }

    private static void Require(string? value, string where, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new MenukaartContentException($"{where}: {field} is missing.");
        }
    }

    private static LocalizedText Text(TextFile? text, string where, string field) =>
        text is { Nl: { Length: > 0 } nl, En: { Length: > 0 } en }
            ? new LocalizedText(nl.Trim(), en.Trim())
            : throw new MenukaartContentException($"{where}: {field} needs both nl and en.");

    private sealed class TextFile
    {
        public string? Nl { get; set; }

        public string? En { get; set; }
    }

    private sealed class EffortFile
    {
        public int Hours { get; set; }

        public int Euros { get; set; }
    }

    private sealed class InterventionFile
    {
        public string? Slug { get; set; }

        public TextFile? Title { get; set; }

        public TextFile? Promise { get; set; }

        public TextFile? Why { get; set; }

        public List<TextFile>? Steps { get; set; }

        public EffortFile? Effort { get; set; }

        public List<string>? Sizes { get; set; }

        public List<string>? Sectors { get; set; }

        public Dictionary<string, List<string>>? Dimensions { get; set; }
    }

    private sealed class SourceFile
    {
        public string? File { get; set; }

        public string? Note { get; set; }
    }

    private sealed class StoryFile
    {
        public string? Slug { get; set; }

        public TextFile? Title { get; set; }

        public TextFile? Company { get; set; }

        public string? Size { get; set; }

        public string? Sector { get; set; }

        public TextFile? What { get; set; }

        public TextFile? Cost { get; set; }

        public TextFile? Result { get; set; }

        public bool Estimate { get; set; }

        public List<string>? Interventions { get; set; }

        public SourceFile? Source { get; set; }
    }
}
