namespace Leerrijk.Bench.Reports;

/// <summary>
/// The frame of a bench that prints one Markdown section: a work directory (given, or a temporary one removed
/// afterwards), and the section appended to the results file and printed.
/// </summary>
internal static class BenchWork
{
    public static async Task<int> RunAsync(Options options, string prefix, Func<string, Task<List<string>>> bench)
    {
        var work = options.Work ?? Directory.CreateTempSubdirectory(prefix).FullName;
        try
        {
            var lines = await bench(work);
            await File.AppendAllLinesAsync(options.Results, lines);
            Console.WriteLine(string.Join('\n', lines));
            return 0;
        }
        finally
        {
            if (options.Work is null)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }
}
