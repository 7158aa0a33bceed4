using Leerrijk.Scoring.Statistics;

namespace Leerrijk.Scoring.Instruments;

/// <summary>Turns an instrument into what the statistics engine scores with, so every instrument is scored by one engine.</summary>
public static class InstrumentScoring
{
    public static ScoringModel ModelOf(Instrument instrument) => new(
        instrument.ScaleMin,
        instrument.ScaleMax,
        instrument.Dimensions.Select(d => d.Id),
        instrument.Items.Select(i => new ItemDefinition(i.Id, i.Dimension, i.Reverse)),
        instrument.MinAnsweredShare);

    /// <summary>The instrument's phase rule, or null for instruments without phases.</summary>
    /// <remarks>The file lists each phase from its lower bound; the engine takes the bounds of phase 2 onwards.</remarks>
    public static PhaseRule? PhaseRuleOf(Instrument instrument) => instrument.Phases is { } phases
        ? new PhaseRule(phases.Phases.Skip(1).Select(p => p.From), phases.CoreDimensions, phases.MinimumDimensions)
        : null;

    /// <summary>The phase (with its description and next steps) that a placement points to.</summary>
    public static Phase? PhaseOf(Instrument instrument, PhasePlacement placement) =>
        placement.Phase is { } number && instrument.Phases is { } phases ? phases.Phases[number - 1] : null;
}
