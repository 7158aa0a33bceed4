using System.Text.Json;
using Leerrijk.Scoring.Statistics;

namespace Leerrijk.Web.Features.Reports;

/// <summary>
/// How many respondents stand behind each figure in each combination of background answers (a "cell": role,
/// department and years employed together). Reports need these only to check that two breakdowns shown side by
/// side cannot be subtracted from each other to single out a few people (<see cref="Anonymity.CrossBreakdownGuard"/>).
/// </summary>
/// <remarks>
/// Per cell one row of counts: [respondents, then the n behind each dimension score], in model order. Items are
/// never shown per group, so they need no counts here. Folded and stored like the statistics, so reading them does not grow with the round.
/// </remarks>
public sealed class CellCounts
{
    /// <summary>The attribute under which a round's cell counts are stored in <see cref="RoundStatistic"/>.</summary>
    public const string Attribute = "cells";

    private const char Separator = '\u001f';

    public CellCounts(ScoringModel model, Dictionary<string, long[]>? cells = null)
    {
        Model = model;
        Cells = cells ?? new Dictionary<string, long[]>(StringComparer.Ordinal);
    }

    public ScoringModel Model { get; }

    /// <summary>Counts per cell key (see <see cref="Key"/>).</summary>
    public Dictionary<string, long[]> Cells { get; }

    /// <summary>The number of figures per cell: respondents and dimensions.</summary>
    public int FigureCount => 1 + Model.DimensionIds.Count;

    public static int RespondentsFigure => 0;

    public int DimensionFigure(string dimensionId) => 1 + Model.DimensionIds.ToList().IndexOf(dimensionId);

    public static string Key(string role, string? department, string? years) =>
        string.Join(Separator, role, department ?? "", years ?? "");

    /// <summary>The value of one attribute in a cell key ("" = not stated).</summary>
    public static string ValueOf(string key, string attribute)
    {
        var parts = key.Split(Separator);
        return attribute switch
        {
            GroupAttribute.Role => parts[0],
            GroupAttribute.Department => parts[1],
            GroupAttribute.Years => parts[2],
            _ => throw new ArgumentOutOfRangeException(nameof(attribute), attribute, "Unknown attribute."),
        };
    }

    /// <summary>Counts a response, scored once for all its groups, in its cell.</summary>
    public void Add(string key, ScoredResponse scored)
    {
        if (!Cells.TryGetValue(key, out var counts))
        {
            Cells[key] = counts = new long[FigureCount];
        }

        var scores = scored.Scores;
        counts[RespondentsFigure]++;
        for (var d = 0; d < scores.Dimensions.Count; d++)
        {
            if (scores.Dimensions[d].Score is not null)
            {
                counts[1 + d]++;
            }
        }
    }

    public string ToJson() => JsonSerializer.Serialize(Cells);

    public static CellCounts FromJson(ScoringModel model, string json)
    {
        var cells = string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<Dictionary<string, long[]>>(json);
        var counts = new CellCounts(model, cells is null ? null : new Dictionary<string, long[]>(cells, StringComparer.Ordinal));

        // Counts written for another model (a dimension added, or the item counts earlier versions kept) are cut or
        // padded to this model's figures rather than refused.
        foreach (var key in counts.Cells.Keys.ToList())
        {
            if (counts.Cells[key].Length != counts.FigureCount)
            {
                var resized = new long[counts.FigureCount];
                Array.Copy(counts.Cells[key], resized, Math.Min(resized.Length, counts.Cells[key].Length));
                counts.Cells[key] = resized;
            }
        }

        return counts;
    }
}
