namespace Leerrijk.FaultTests.Harness;

/// <summary>Where the repository, the built app and this run's output are.</summary>
internal static class Paths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The app as built next to these tests (same configuration), started with <c>dotnet</c>.</summary>
    public static string WebAssembly => Path.Combine(Root, "src", "Leerrijk.Web", "bin", Configuration, "net10.0", "Leerrijk.Web.dll");

    /// <summary>The app's project folder: its content root, so wwwroot is found as in development.</summary>
    public static string WebProject => Path.Combine(Root, "src", "Leerrijk.Web");

    /// <summary>
    /// Logs and short-run figures; ignored by git. Full runs also write to bench/results/. scripts/test.sh runs the
    /// checks as two processes side by side and names each its own part (LEERRIJK_FAULTS_PART), so they do not
    /// write over each other's figures.
    /// </summary>
    public static string Output { get; } = Directory.CreateDirectory(Path.Combine(Root, "TestResults",
        Environment.GetEnvironmentVariable("LEERRIJK_FAULTS_PART") is { Length: > 0 } part ? "faults-" + part : "faults")).FullName;

    public static string Instruments => Path.Combine(Root, "content", "instruments");

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Leerrijk.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Leerrijk.slnx not found above " + AppContext.BaseDirectory);
    }
}
