using System.Globalization;

namespace Leerrijk.Scoring.Statistics;

/// <summary>A dimension's score and the band (phase) it reaches on its own.</summary>
/// <param name="DimensionId">The dimension.</param>
/// <param name="Score">0–100 score; null when there is none.</param>
/// <param name="Band">1-based band of the score; null without a score.</param>
/// <param name="IsCore">Whether the dimension takes part in the overall phase.</param>
public sealed record DimensionBand(string DimensionId, double? Score, int? Band, bool IsCore);

/// <summary>The overall phase and the data to explain it.</summary>
/// <param name="Phase">The overall phase (1-based); null when a core dimension has no score.</param>
/// <param name="RequiredCoreDimensions">N: the phase is the band of the N-th lowest core score.</param>
/// <param name="Dimensions">Every dimension given, in input order, with its own band.</param>
/// <param name="RankedCore">The core dimensions with a score, lowest first (ties by id, ordinal).</param>
/// <param name="DecidingDimensionId">The core dimension with the N-th lowest score, whose band is the phase; null when no phase.</param>
/// <param name="LowestCoreDimensionIds">The N lowest core dimensions (the deciding one last): they decided the phase.</param>
/// <param name="LaggingCoreDimensionIds">Core dimensions in a band below the phase (at most N − 1): too few to pull it down.</param>
/// <param name="MissingCoreDimensionIds">Core dimensions without a score; any makes the phase null.</param>
public sealed record PhasePlacement(
    int? Phase,
    int RequiredCoreDimensions,
    IReadOnlyList<DimensionBand> Dimensions,
    IReadOnlyList<DimensionBand> RankedCore,
    string? DecidingDimensionId,
    IReadOnlyList<string> LowestCoreDimensionIds,
    IReadOnlyList<string> LaggingCoreDimensionIds,
    IReadOnlyList<string> MissingCoreDimensionIds);

/// <summary>
/// The transparent phase rule. Bands on 0–100 are given by the lower bounds of phases 2, 3, …: with [40, 60, 75]
/// a score below 40 is phase 1, 40 up to (not including) 60 phase 2, 60 up to 75 phase 3, 75 and above phase 4.
/// The overall phase is the band of the N-th lowest core dimension score (N = 2 by default): one weak dimension
/// alone cannot pull the phase down, two can, and strong dimensions cannot hide weak ones.
/// </summary>
/// <remarks>
/// Scores are compared exactly (a score of 40 reaches the band from 40; 39.999 does not). If a report shows
/// rounded scores, round consistently with this (e.g. show one decimal, or round down) so a shown "40" is never phase 1.
/// Every core dimension must have a score; otherwise there is no phase (rather than a phase that might be too high).
/// </remarks>
public sealed class PhaseRule
{
    public const int DefaultRequiredCoreDimensions = 2;

    private readonly HashSet<string> _core;

    /// <param name="lowerBounds">Lower bounds of phases 2..P on 0–100, strictly increasing, each in (0, 100].</param>
    /// <param name="coreDimensionIds">The dimensions that decide the overall phase.</param>
    /// <param name="requiredCoreDimensions">N, between 1 and the number of core dimensions.</param>
    /// <exception cref="ArgumentException">An invalid bound list, core set or N.</exception>
    public PhaseRule(
        IEnumerable<double> lowerBounds,
        IEnumerable<string> coreDimensionIds,
        int requiredCoreDimensions = DefaultRequiredCoreDimensions)
    {
        ArgumentNullException.ThrowIfNull(lowerBounds);
        ArgumentNullException.ThrowIfNull(coreDimensionIds);

        var bounds = lowerBounds.ToArray();
        if (bounds.Length == 0)
        {
            throw new ArgumentException("At least one phase boundary is needed.", nameof(lowerBounds));
        }

        for (var i = 0; i < bounds.Length; i++)
        {
            if (!double.IsFinite(bounds[i]) || bounds[i] <= 0 || bounds[i] > 100)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Phase boundary {bounds[i]} is not in (0, 100]."),
                    nameof(lowerBounds));
            }

            if (i > 0 && bounds[i] <= bounds[i - 1])
            {
                throw new ArgumentException("Phase boundaries must be strictly increasing.", nameof(lowerBounds));
            }
        }

        var core = new List<string>();
        _core = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in coreDimensionIds)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new ArgumentException("A core dimension id is empty.", nameof(coreDimensionIds));
            }

            if (!_core.Add(id))
            {
                throw new ArgumentException($"Core dimension '{id}' is listed twice.", nameof(coreDimensionIds));
            }

            core.Add(id);
        }

        if (requiredCoreDimensions < 1 || requiredCoreDimensions > core.Count)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The number of deciding core dimensions ({requiredCoreDimensions}) must lie between 1 and the number of core dimensions ({core.Count})."),
                nameof(requiredCoreDimensions));
        }

        LowerBounds = Array.AsReadOnly(bounds);
        CoreDimensionIds = core.AsReadOnly();
        RequiredCoreDimensions = requiredCoreDimensions;
    }

    /// <summary>The default bands: &lt;40 → 1, 40–59 → 2, 60–74 → 3, ≥75 → 4.</summary>
    public static IReadOnlyList<double> DefaultLowerBounds { get; } = Array.AsReadOnly(new double[] { 40, 60, 75 });

    /// <summary>Lower bounds of phases 2..P.</summary>
    public IReadOnlyList<double> LowerBounds { get; }

    /// <summary>Number of phases P.</summary>
    public int PhaseCount => LowerBounds.Count + 1;

    public IReadOnlyList<string> CoreDimensionIds { get; }

    /// <summary>N: the phase is the band of the N-th lowest core dimension score.</summary>
    public int RequiredCoreDimensions { get; }

    /// <summary>The rule with the default bands.</summary>
    public static PhaseRule WithDefaultBands(IEnumerable<string> coreDimensionIds, int requiredCoreDimensions = DefaultRequiredCoreDimensions) =>
        new(DefaultLowerBounds, coreDimensionIds, requiredCoreDimensions);

    /// <summary>The 1-based band of a 0–100 score: 1 + the number of lower bounds it reaches (score ≥ bound).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The score is NaN or outside 0–100.</exception>
    public int BandOf(double score)
    {
        if (double.IsNaN(score) || score < 0 || score > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, "A score lies between 0 and 100.");
        }

        var band = 1;
        foreach (var bound in LowerBounds)
        {
            if (score >= bound)
            {
                band++;
            }
        }

        return band;
    }

    /// <summary>Places a set of dimension read-outs (their <see cref="DimensionSummary.Mean"/>).</summary>
    public PhasePlacement Place(IEnumerable<DimensionSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        return Place(summaries.Select(s => new KeyValuePair<string, double?>(s.DimensionId, s.Mean)));
    }

    /// <summary>Places dimension scores (0–100, null when missing); dimensions that are not core only get a band.</summary>
    /// <exception cref="ArgumentException">A dimension is given twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is NaN or outside 0–100.</exception>
    public PhasePlacement Place(IEnumerable<KeyValuePair<string, double?>> dimensionScores)
    {
        ArgumentNullException.ThrowIfNull(dimensionScores);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var bands = new List<DimensionBand>();
        foreach (var (id, score) in dimensionScores)
        {
            ArgumentNullException.ThrowIfNull(id, nameof(dimensionScores));
            if (!seen.Add(id))
            {
                throw new ArgumentException($"Dimension '{id}' is given twice.", nameof(dimensionScores));
            }

            bands.Add(new DimensionBand(id, score, score is { } s ? BandOf(s) : null, _core.Contains(id)));
        }

        var ranked = bands
            .Where(b => b.IsCore && b.Score is not null)
            .OrderBy(b => b.Score!.Value)
            .ThenBy(b => b.DimensionId, StringComparer.Ordinal)
            .ToArray();
        var scored = new HashSet<string>(ranked.Select(b => b.DimensionId), StringComparer.Ordinal);
        var missing = CoreDimensionIds.Where(id => !scored.Contains(id)).ToArray();

        if (missing.Length > 0)
        {
            return new PhasePlacement(null, RequiredCoreDimensions, bands, ranked, null, [], [], missing);
        }

        var deciding = ranked[RequiredCoreDimensions - 1];
        var phase = deciding.Band!.Value;
        return new PhasePlacement(
            phase,
            RequiredCoreDimensions,
            bands,
            ranked,
            deciding.DimensionId,
            ranked.Take(RequiredCoreDimensions).Select(b => b.DimensionId).ToArray(),
            ranked.Where(b => b.Band < phase).Select(b => b.DimensionId).ToArray(),
            []);
    }
}
