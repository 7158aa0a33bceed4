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
}
