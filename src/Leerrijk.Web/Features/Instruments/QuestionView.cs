using Leerrijk.Scoring.Instruments;

namespace Leerrijk.Web.Features.Instruments;

/// <summary>
/// One statement as a respondent sees it: the wording for their role and language, and the chosen answer if any.
/// The form field posts "1".."5" (or "0".."2" on a checklist), or "dk" for don't know.
/// </summary>
public sealed record QuestionView(Instrument Instrument, Item Item, RespondentRole Role, string Language, string FieldName, string? Selected)
{
    public const string DontKnow = "dk";

    public IEnumerable<int> Points => Enumerable.Range(Instrument.ScaleMin, Instrument.ScaleMax - Instrument.ScaleMin + 1);

    public string ScaleKey => Instrument.Scale == ScaleKind.Agreement5 ? "Scale.Agreement." : "Scale.Checklist.";
}
