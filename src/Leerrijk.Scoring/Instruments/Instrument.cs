using System.Text.Json.Serialization;

namespace Leerrijk.Scoring.Instruments;

/// <summary>A text in Dutch (the default) and English, and in any respondent language a translation file adds.</summary>
public sealed record LocalizedText(string Nl, string En)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    /// <summary>
    /// Texts in the registered respondent languages beyond Dutch and English, from the translation files. Left out of
    /// the fingerprint on purpose: a translation is added beside a version and never changes what it measures.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string> Translations { get; init; } = None;

    /// <summary>The text in <paramref name="language"/>; Dutch when there is no translation into it.</summary>
    public string For(string language) => language switch
    {
        "en" => En,
        "nl" => Nl,
        _ => Translations.GetValueOrDefault(language) ?? Nl,
    };

    /// <summary>This text with <paramref name="text"/> as its <paramref name="language"/> translation.</summary>
    public LocalizedText WithTranslation(string language, string text) =>
        this with { Translations = new Dictionary<string, string>(Translations, StringComparer.Ordinal) { [language] = text } };
}

/// <summary>Who an instrument or a wording is meant for.</summary>
public enum RespondentRole
{
    Owner,
    Hr,
    Manager,
    Employee,
    WorksCouncil,
}

/// <summary>The answer scales an instrument can use.</summary>
public enum ScaleKind
{
    /// <summary>Five points from "helemaal oneens" (1) to "helemaal eens" (5), plus "weet ik niet / niet van toepassing" as missing.</summary>
    Agreement5,

    /// <summary>No (0), partly (1), yes (2), plus "weet ik niet" as missing.</summary>
    Checklist3,
}

/// <summary>A learning-culture model run as a questionnaire: a validated content file from content/instruments.</summary>
public sealed record Instrument(
    string Id,
    int Version,
    LocalizedText Title,
    LocalizedText Purpose,
    LocalizedText Introduction,
    ModelAttribution Model,
    IReadOnlyList<RespondentRole> Roles,
    int Minutes,
    ScaleKind Scale,
    double MinAnsweredShare,
    IReadOnlyList<DimensionGroup> Groups,
    IReadOnlyList<Dimension> Dimensions,
    IReadOnlyList<Item> Items,
    IReadOnlyList<OpenQuestion> OpenQuestions,
    BackgroundQuestions Background,
    IReadOnlyList<InterpretationBand> Bands,
    PhaseModel? Phases,
    bool IsModule)
{
    public int ScaleMin => Scale == ScaleKind.Agreement5 ? 1 : 0;

    public int ScaleMax => Scale == ScaleKind.Agreement5 ? 5 : 2;

    public IEnumerable<Item> ItemsOf(string dimensionId) => Items.Where(i => i.Dimension == dimensionId);

    /// <summary>
    /// The languages a respondent can read this version in: Dutch and English, and each language a complete
    /// translation file exists for (<see cref="InstrumentTranslations"/>). Not part of the fingerprint.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string> Languages { get; init; } = ["nl", "en"];
}

public sealed record ModelAttribution(string Name, LocalizedText Attribution);

public sealed record DimensionGroup(string Id, LocalizedText Name);

public sealed record Dimension(string Id, string? Group, LocalizedText Name, LocalizedText Meaning);

public sealed record Item(string Id, string Dimension, LocalizedText Text, IReadOnlyDictionary<RespondentRole, LocalizedText> RoleText, bool Reverse)
{
    /// <summary>The wording for a role ("my manager…" versus "as a manager I…"), or the general wording.</summary>
    public LocalizedText TextFor(RespondentRole? role) =>
        role is { } r && RoleText.TryGetValue(r, out var text) ? text : Text;
}

public sealed record OpenQuestion(string Id, LocalizedText Text);

public sealed record BackgroundQuestions(bool Role, bool Department, bool YearsEmployed);

/// <summary>How to read a 0–100 score: from <see cref="From"/> up to the next band.</summary>
public sealed record InterpretationBand(double From, LocalizedText Label);

/// <summary>
/// A phase model: each core dimension falls in a phase band; the organisation is in the band of the N-th lowest
/// core dimension (N = <see cref="MinimumDimensions"/>), so one weak dimension alone cannot pull the phase down but
/// strong ones cannot hide weak ones. See <see cref="Statistics.PhaseRule"/>.
/// </summary>
public sealed record PhaseModel(IReadOnlyList<string> CoreDimensions, int MinimumDimensions, IReadOnlyList<Phase> Phases);

public sealed record Phase(string Id, double From, LocalizedText Name, LocalizedText Description, IReadOnlyList<LocalizedText> NextSteps);
