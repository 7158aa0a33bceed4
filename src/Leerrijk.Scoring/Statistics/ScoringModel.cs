using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Leerrijk.Scoring.Statistics;

/// <summary>One survey item: the dimension it belongs to and whether it is reverse-scored.</summary>
/// <param name="Id">Unique item id (compared ordinally).</param>
/// <param name="DimensionId">Id of the dimension the item counts towards.</param>
/// <param name="Reversed">When true an answer x is recoded to (min + max − x) before anything else.</param>
public sealed record ItemDefinition(string Id, string DimensionId, bool Reversed = false);

/// <summary>
/// The scoring model of one instrument: the answer scale (integer points <see cref="Min"/>..<see cref="Max"/>),
/// the dimensions with their ordered items, reverse flags and the share of a dimension's items a respondent must
/// answer for their dimension score to count.
/// </summary>
/// <remarks>
/// "Don't know / not applicable" is not a point on the scale: it is missing data (never the midpoint).
/// A checklist (no / partly / yes) is the same model with Min = 0 and Max = 2, see <see cref="Checklist"/>.
/// Ids are compared ordinally (case-sensitive). The model is immutable.
/// </remarks>
public sealed class ScoringModel
{
    public const double DefaultMinAnsweredShare = 0.75;

    /// <summary>Largest number of points a scale may have (keeps the per-point arrays small).</summary>
    public const int MaxPoints = 101;

    public const int ChecklistNo = 0;
    public const int ChecklistPartly = 1;
    public const int ChecklistYes = 2;

    private readonly Dictionary<string, int> _itemIndex;
    private readonly Dictionary<string, int> _dimensionIndex;
    private readonly ItemDefinition[][] _itemsByDimension;
    private readonly int[][] _itemIndicesByDimension;
    private readonly int[] _requiredAnswers;

    /// <param name="min">Lowest point of the scale (e.g. 1, "helemaal oneens").</param>
    /// <param name="max">Highest point of the scale (e.g. 5, "helemaal eens"); must be greater than <paramref name="min"/>.</param>
    /// <param name="dimensionIds">The dimensions, in report order.</param>
    /// <param name="items">The items; within a dimension they keep this order.</param>
    /// <param name="minAnsweredShare">Share (0 &lt; share ≤ 1) of a dimension's items that must be answered.</param>
    /// <exception cref="ArgumentException">The model is inconsistent; the message says what and where.</exception>
    public ScoringModel(
        int min,
        int max,
        IEnumerable<string> dimensionIds,
        IEnumerable<ItemDefinition> items,
        double minAnsweredShare = DefaultMinAnsweredShare)
    {
        ArgumentNullException.ThrowIfNull(dimensionIds);
        ArgumentNullException.ThrowIfNull(items);

        if (min >= max)
        {
            throw new ArgumentException(Invariant($"The scale minimum ({min}) must be lower than its maximum ({max})."), nameof(max));
        }

        if ((long)max - min + 1 > MaxPoints)
        {
            throw new ArgumentException(Invariant($"The scale {min}..{max} has more than {MaxPoints} points."), nameof(max));
        }

        if (double.IsNaN(minAnsweredShare) || minAnsweredShare <= 0 || minAnsweredShare > 1)
        {
            throw new ArgumentException(
                Invariant($"The minimum answered share must lie in (0, 1]; it was {minAnsweredShare}."),
                nameof(minAnsweredShare));
        }

        Min = min;
        Max = max;
        MinAnsweredShare = minAnsweredShare;

        var dimensions = new List<string>();
        _dimensionIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var dimensionId in dimensionIds)
        {
            if (string.IsNullOrWhiteSpace(dimensionId))
            {
                throw new ArgumentException("A dimension id is empty.", nameof(dimensionIds));
            }

            if (!_dimensionIndex.TryAdd(dimensionId, dimensions.Count))
            {
                throw new ArgumentException($"Dimension '{dimensionId}' is listed twice.", nameof(dimensionIds));
            }

            dimensions.Add(dimensionId);
        }

        if (dimensions.Count == 0)
        {
            throw new ArgumentException("The model has no dimensions.", nameof(dimensionIds));
        }

        var itemList = new List<ItemDefinition>();
        var perDimension = dimensions.Select(_ => new List<int>()).ToArray();
        _itemIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item is null)
            {
                throw new ArgumentException("An item definition is null.", nameof(items));
            }

            if (string.IsNullOrWhiteSpace(item.Id))
            {
                throw new ArgumentException("An item id is empty.", nameof(items));
            }

            if (item.DimensionId is null || !_dimensionIndex.TryGetValue(item.DimensionId, out var dimension))
            {
                throw new ArgumentException(
                    $"Item '{item.Id}' belongs to unknown dimension '{item.DimensionId}'.", nameof(items));
            }

            if (!_itemIndex.TryAdd(item.Id, itemList.Count))
            {
                throw new ArgumentException($"Item id '{item.Id}' is used twice.", nameof(items));
            }

            perDimension[dimension].Add(itemList.Count);
            itemList.Add(item);
        }

        for (var d = 0; d < dimensions.Count; d++)
        {
            if (perDimension[d].Count == 0)
            {
                throw new ArgumentException($"Dimension '{dimensions[d]}' has no items.", nameof(items));
            }
        }

        DimensionIds = dimensions.AsReadOnly();
        Items = itemList.AsReadOnly();
        _itemIndicesByDimension = perDimension.Select(list => list.ToArray()).ToArray();
        _itemsByDimension = _itemIndicesByDimension.Select(indices => indices.Select(i => itemList[i]).ToArray()).ToArray();
        _requiredAnswers = _itemIndicesByDimension.Select(indices => RequiredCount(indices.Length, minAnsweredShare)).ToArray();
    }

    public int Min { get; }

    public int Max { get; }

    /// <summary>Number of points on the scale (Max − Min + 1).</summary>
    public int Points => Max - Min + 1;

    public double MinAnsweredShare { get; }

    /// <summary>Dimension ids in report order.</summary>
    public IReadOnlyList<string> DimensionIds { get; }

    /// <summary>All items in model order.</summary>
    public IReadOnlyList<ItemDefinition> Items { get; }

    /// <summary>A checklist model: answers no = 0, partly = 1, yes = 2.</summary>
    public static ScoringModel Checklist(
        IEnumerable<string> dimensionIds,
        IEnumerable<ItemDefinition> items,
        double minAnsweredShare = DefaultMinAnsweredShare) =>
        new(ChecklistNo, ChecklistYes, dimensionIds, items, minAnsweredShare);

    /// <summary>The items of a dimension, in order.</summary>
    /// <exception cref="ArgumentException">Unknown dimension.</exception>
    public IReadOnlyList<ItemDefinition> ItemsOf(string dimensionId) => _itemsByDimension[DimensionIndex(dimensionId)];

    /// <summary>
    /// How many of the dimension's items must be answered (a point, not don't-know) for the respondent's
    /// dimension score to count: ⌈share · k⌉, at least 1. With 4 items and 0.75 that is 3.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown dimension.</exception>
    public int RequiredAnswers(string dimensionId) => _requiredAnswers[DimensionIndex(dimensionId)];

    public bool TryGetItem(string itemId, [NotNullWhen(true)] out ItemDefinition? item)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        if (_itemIndex.TryGetValue(itemId, out var index))
        {
            item = Items[index];
            return true;
        }

        item = null;
        return false;
    }

    /// <summary>Applies reverse scoring: x' = (Min + Max) − x for a reversed item, x otherwise.</summary>
    /// <exception cref="ArgumentException">Unknown item.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The point is not on the scale.</exception>
    public int Recode(string itemId, int point)
    {
        if (!TryGetItem(itemId, out var item))
        {
            throw new ArgumentException($"Unknown item '{itemId}'.", nameof(itemId));
        }

        if (point < Min || point > Max)
        {
            throw new ArgumentOutOfRangeException(nameof(point), point, Invariant($"A point lies on the scale {Min}..{Max}."));
        }

        return item.Reversed ? Min + Max - point : point;
    }

    /// <summary>POMP: converts a mean on this scale to 0–100 as 100 · (mean − Min) / (Max − Min).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The mean is NaN or outside Min..Max.</exception>
    public double ToScore(double mean)
    {
        if (double.IsNaN(mean) || mean < Min || mean > Max)
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, Invariant($"A mean lies on the scale {Min}..{Max}."));
        }

        return Math.Clamp(100.0 * (mean - Min) / (Max - Min), 0.0, 100.0);
    }

    internal int ItemIndex(string itemId) => _itemIndex.TryGetValue(itemId, out var index) ? index : -1;

    internal int DimensionIndex(string dimensionId)
    {
        ArgumentNullException.ThrowIfNull(dimensionId);
        return _dimensionIndex.TryGetValue(dimensionId, out var index)
            ? index
            : throw new ArgumentException($"Unknown dimension '{dimensionId}'.", nameof(dimensionId));
    }

    internal int ItemIndexOrThrow(string itemId)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        var index = ItemIndex(itemId);
        return index >= 0 ? index : throw new ArgumentException($"Unknown item '{itemId}'.", nameof(itemId));
    }

    internal int[] ItemIndicesOf(int dimension) => _itemIndicesByDimension[dimension];

    internal int RequiredAnswers(int dimension) => _requiredAnswers[dimension];

    private static int RequiredCount(int itemCount, double share)
    {
        // The tolerance keeps 0.75 · 4 = 3 at 3 whatever the binary rounding of the share.
        var required = (int)Math.Ceiling((share * itemCount) - 1e-9);
        return Math.Clamp(required, 1, itemCount);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
