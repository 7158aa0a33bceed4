namespace Leerrijk.Web.Features.Anonymity;

/// <summary>
/// The part of the anonymity rule that looks across breakdowns: when a report shows groups of more than one
/// background attribute (role and department), their figures are sums over overlapping sets of people, and adding
/// and subtracting them can single out a few. If the owner is the only one in Productie who is not an employee,
/// Productie minus Employees is the owner. <see cref="Disclosure"/> makes each breakdown safe on its own; this
/// checks the shown groups of all breakdowns together.
/// </summary>
/// <remarks>
/// People are counted per cell (one combination of answers, such as Employee · Productie · 1-5 years). A set of
/// cells can be computed from the shown figures exactly when its indicator vector lies in the span of the shown
/// groups' vectors, that is, when it is orthogonal to every vector of their null space. The guard searches for a
/// set of cells holding 1 to k − 1 people with that property. The search is bounded; if the bound is reached it
/// answers "leaks", so a hard case hides a breakdown rather than risk a person.
/// </remarks>
public static class CrossBreakdownGuard
{
    private const double Epsilon = 1e-9;

    /// <summary>Whether some set of 1 to k − 1 people can be computed from the shown sets.</summary>
    /// <param name="cellN">The n behind this figure in each cell.</param>
    /// <param name="shown">Every shown figure's set of cells, the whole round's included.</param>
    /// <param name="threshold">k.</param>
    /// <param name="budget">Search steps before giving up (and answering true).</param>
    /// <param name="readers">
    /// How many people who can read the figures may have answered (r in k' = k + r); they know their own answers. A
    /// reader who is the only one in his cell knows that whole cell, and then "this group minus me" is as good as a
    /// set. So the search is repeated for every choice of up to r cells of one person taken as known, looking for
    /// sets of 1 to k' − 1 − (cells taken) other people. A reader in a larger cell is covered by k' itself.
    /// </param>
    /// <param name="combinations">Choices of known cells to try before giving up (and answering true).</param>
    public static bool Leaks(
        IReadOnlyDictionary<string, long> cellN, IReadOnlyList<IReadOnlySet<string>> shown, int threshold, int budget = 200_000, int readers = 0, int combinations = 2_000)
    {
        ArgumentNullException.ThrowIfNull(cellN);
        ArgumentNullException.ThrowIfNull(shown);
        ArgumentOutOfRangeException.ThrowIfNegative(readers);
        if (Search(cellN, shown, threshold, budget, new HashSet<string>(), out var steps))
        {
            return true;
        }

        var alone = cellN.Where(c => c.Value == 1).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
        var tried = 0;
        foreach (var known in Choices(alone, Math.Min(readers, alone.Count)))
        {
            if (++tried > combinations || steps >= budget)
            {
                return true;
            }

            List<IReadOnlySet<string>> withKnown = [.. shown, .. known.Select(c => (IReadOnlySet<string>)new HashSet<string>([c], StringComparer.Ordinal))];
            if (Search(cellN, withKnown, threshold - known.Count, budget - steps, known.ToHashSet(StringComparer.Ordinal), out var used))
            {
                return true;
            }

            steps += used;
        }

        return false;
    }

    /// <summary>Every non-empty choice of at most <paramref name="size"/> of the cells, smallest choices first.</summary>
    private static IEnumerable<List<string>> Choices(List<string> cells, int size)
    {
        for (var n = 1; n <= size; n++)
        {
            foreach (var choice in Choose(0, n))
            {
                yield return choice;
            }
        }

        IEnumerable<List<string>> Choose(int from, int n)
        {
            if (n == 0)
            {
                yield return [];
                yield break;
            }

            for (var i = from; i <= cells.Count - n; i++)
            {
                foreach (var rest in Choose(i + 1, n - 1))
                {
                    yield return [cells[i], .. rest];
                }
            }
        }
    }

    private static bool Search(
        IReadOnlyDictionary<string, long> cellN, IReadOnlyList<IReadOnlySet<string>> shown, int threshold, int budget, IReadOnlySet<string> known, out int steps)
    {
        steps = 0;

        // Empty cells add nobody to any sum, so they cannot help single anyone out.
        var cells = cellN.Where(c => c.Value > 0).Select(c => c.Key).Order(StringComparer.Ordinal).ToArray();
        if (cells.Length == 0 || shown.Count == 0)
        {
            return false;
        }

        var matrix = shown.Select(set => cells.Select(c => set.Contains(c) ? 1.0 : 0.0).ToArray()).ToArray();
        var nullSpace = NullSpace(matrix, cells.Length);

        // Only cells of fewer than k people can be part of a set of fewer than k people.
        var candidates = Enumerable.Range(0, cells.Length).Where(c => cellN[cells[c]] < threshold && !known.Contains(cells[c])).ToArray();
        var count = 0;
        var sums = new double[nullSpace.Count];

        bool Walk(int from, long people, bool any)
        {
            if (any && sums.All(s => Math.Abs(s) < Epsilon))
            {
                return true;
            }

            for (var i = from; i < candidates.Length; i++)
            {
                var c = candidates[i];
                var n = cellN[cells[c]];
                if (people + n >= threshold)
                {
                    continue;
                }

                if (++count > budget)
                {
                    return true;
                }

                for (var j = 0; j < sums.Length; j++)
                {
                    sums[j] += nullSpace[j][c];
                }

                var found = Walk(i + 1, people + n, true);
                for (var j = 0; j < sums.Length; j++)
                {
                    sums[j] -= nullSpace[j][c];
                }

                if (found)
                {
                    return true;
                }
            }

            return false;
        }

        var result = Walk(0, 0, false);
        steps = count;
        return result;
    }

    /// <summary>A basis of the vectors x with matrix · x = 0, by Gauss–Jordan elimination.</summary>
    private static List<double[]> NullSpace(double[][] matrix, int columns)
    {
        var rows = matrix.Select(r => (double[])r.Clone()).ToList();
        var pivotColumns = new List<int>();
        var row = 0;
        for (var col = 0; col < columns && row < rows.Count; col++)
        {
            var pivot = Enumerable.Range(row, rows.Count - row).FirstOrDefault(r => Math.Abs(rows[r][col]) > Epsilon, -1);
            if (pivot < 0)
            {
                continue;
            }

            (rows[row], rows[pivot]) = (rows[pivot], rows[row]);
            var scale = rows[row][col];
            for (var c = 0; c < columns; c++)
            {
                rows[row][c] /= scale;
            }

            for (var r = 0; r < rows.Count; r++)
            {
                if (r != row && Math.Abs(rows[r][col]) > Epsilon)
                {
                    var factor = rows[r][col];
                    for (var c = 0; c < columns; c++)
                    {
                        rows[r][c] -= factor * rows[row][c];
                    }
                }
            }

            pivotColumns.Add(col);
            row++;
        }

        var basis = new List<double[]>();
        for (var free = 0; free < columns; free++)
        {
            if (pivotColumns.Contains(free))
            {
                continue;
            }

            var x = new double[columns];
            x[free] = 1;
            for (var p = 0; p < pivotColumns.Count; p++)
            {
                x[pivotColumns[p]] = -rows[p][free];
            }

            basis.Add(x);
        }

        return basis;
    }
}
