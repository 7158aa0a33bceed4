namespace Leerrijk.UnitTests.Features.Anonymity;

/// <summary>
/// Rank by Gaussian elimination, for the attackers in the tests: a set of people can be computed from shown sums
/// exactly when adding its indicator to them does not raise the rank. Kept apart from the app's own null-space
/// search (<c>CrossBreakdownGuard</c>) so the tests check it independently.
/// </summary>
internal static class MatrixRank
{
    public static int Of(List<double[]> matrix)
    {
        var rows = matrix.Select(r => (double[])r.Clone()).ToList();
        var rank = 0;
        var columns = rows.Count == 0 ? 0 : rows[0].Length;
        for (var col = 0; col < columns && rank < rows.Count; col++)
        {
            var pivot = Enumerable.Range(rank, rows.Count - rank).FirstOrDefault(r => Math.Abs(rows[r][col]) > 1e-9, -1);
            if (pivot < 0)
            {
                continue;
            }

            (rows[rank], rows[pivot]) = (rows[pivot], rows[rank]);
            for (var r = 0; r < rows.Count; r++)
            {
                if (r != rank && Math.Abs(rows[r][col]) > 1e-9)
                {
                    var f = rows[r][col] / rows[rank][col];
                    for (var c = 0; c < columns; c++)
                    {
                        rows[r][c] -= f * rows[rank][c];
                    }
                }
            }

            rank++;
        }

        return rank;
    }

    /// <summary>The reduced row echelon form: each row with its pivot column (leading 1, zero elsewhere in that column).</summary>
    public static List<(int Pivot, double[] Row)> Echelon(List<double[]> matrix)
    {
        var rows = matrix.Select(r => (double[])r.Clone()).ToList();
        var result = new List<(int, double[])>();
        var columns = rows.Count == 0 ? 0 : rows[0].Length;
        var rank = 0;
        for (var col = 0; col < columns && rank < rows.Count; col++)
        {
            var pivot = Enumerable.Range(rank, rows.Count - rank).FirstOrDefault(r => Math.Abs(rows[r][col]) > 1e-9, -1);
            if (pivot < 0)
            {
                continue;
            }

            (rows[rank], rows[pivot]) = (rows[pivot], rows[rank]);
            var scale = rows[rank][col];
            for (var c = 0; c < columns; c++)
            {
                rows[rank][c] /= scale;
            }

            for (var r = 0; r < rows.Count; r++)
            {
                if (r != rank && Math.Abs(rows[r][col]) > 1e-9)
                {
                    var f = rows[r][col];
                    for (var c = 0; c < columns; c++)
                    {
                        rows[r][c] -= f * rows[rank][c];
                    }
                }
            }

            result.Add((col, rows[rank]));
            rank++;
        }

        return result;
    }

    /// <summary>What is left of <paramref name="vector"/> after taking out the row space: all zero exactly when it lies in it.</summary>
    public static double[] Reduce(List<(int Pivot, double[] Row)> echelon, double[] vector)
    {
        var v = (double[])vector.Clone();
        foreach (var (pivot, row) in echelon)
        {
            var f = v[pivot];
            if (Math.Abs(f) > 1e-12)
            {
                for (var c = 0; c < v.Length; c++)
                {
                    v[c] -= f * row[c];
                }
            }
        }

        return v;
    }
}
