using System.Diagnostics;

namespace Leerrijk.FaultTests.Harness;

/// <summary>Runs a command to its end, with a time limit, and says what went wrong when it fails.</summary>
internal static class Shell
{
    public static bool IsRoot => Environment.UserName == "root";

    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, bool check = true)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} took longer than {timeout.TotalSeconds} s.");
        }

        var output = await stdout + await stderr;
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', info.ArgumentList)} exited with {process.ExitCode}: {output}");
        }

        return output;
    }

    /// <summary>PostgreSQL's tools refuse to run as root; as root they run as the postgres user.</summary>
    public static Task<string> AsPostgresAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, bool check = true) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", file, .. arguments], timeout, check) : RunAsync(file, arguments, timeout, check);

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
