using System.Diagnostics;
using System.Globalization;

namespace Leerrijk.FaultTests.Harness;

/// <summary>
/// Leerrijk as a separate process on a free 127.0.0.1 port, in Production mode with the demo data, so it can be
/// killed, stopped and restarted like a real server. It runs with the runtime's defaults, server GC included, as a
/// host runs it: with workstation GC, as before, the overload check measured a garbage collector no host uses
/// (bench/README.md, "The door"). Its output goes to TestResults/faults/logs/.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static readonly HttpClient HealthClient = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly string _name;
    private readonly Dictionary<string, string> _environment;
    private readonly string _logFile;
    private readonly Lock _logGate = new();
    private Process? _process;

    public AppProcess(string name, Database database, IReadOnlyDictionary<string, string>? settings = null)
    {
        _name = name;
        Database = database;
        Port = Shell.FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
        var mail = Directory.CreateTempSubdirectory("leerrijk-faults-mail.").FullName;
        _environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/'),
            ["App__PublicBaseUrl"] = BaseAddress.ToString().TrimEnd('/'),
            ["Demo__Seed"] = "true",
            ["Mail__PickupDirectory"] = mail,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Leerrijk"] = "Information",
        };
        foreach (var (key, value) in database.AppSettings)
        {
            _environment[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _environment[key] = value;
        }

        var logs = Directory.CreateDirectory(Path.Combine(Paths.Output, "logs")).FullName;
        _logFile = Path.Combine(logs, $"{name}-{database.Kind}-{DateTime.UtcNow:HHmmss}.log");
    }

    public Database Database { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int Starts { get; private set; }

    public bool IsRunning => _process is { HasExited: false };

    public int? ProcessId => IsRunning ? _process!.Id : null;

    /// <summary>Starts the app and waits until /health answers 200; returns how long that took.</summary>
    public async Task<TimeSpan> StartAsync(TimeSpan? timeout = null)
    {
        if (!File.Exists(Paths.WebAssembly))
        {
            throw new InvalidOperationException($"{Paths.WebAssembly} is missing: build the solution first.");
        }

        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Paths.WebProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Paths.WebAssembly);
        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        Starts++;
        Log($"--- start {Starts} ---");
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        // The first start seeds the demo, which sends more than 1,500 responses through the one submission path (the demo
        // programme's 36 companies among them): on a busy two-core machine that alone can take over a minute.
        // Restarts find the demo in place and come up in seconds.
        var limit = timeout ?? (Starts == 1 ? TimeSpan.FromSeconds(240) : TimeSpan.FromSeconds(90));
        while (clock.Elapsed < limit)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode} while starting; see {_logFile}:\n{Tail()}");
            }

            if (await IsHealthyAsync())
            {
                return clock.Elapsed;
            }

            await Task.Delay(100);
        }

        Kill();
        throw new TimeoutException($"The app did not become healthy within {limit.TotalSeconds} s; see {_logFile}:\n{Tail()}");
    }

    public async Task<bool> IsHealthyAsync()
    {
        try
        {
            using var response = await HealthClient.GetAsync(new Uri(BaseAddress, "/health"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>kill -9: no chance to finish anything, as in a crash or an out-of-memory kill.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            Log("--- SIGKILL ---");
            process.Kill();
            process.WaitForExit();
        }
    }

    /// <summary>SIGTERM, as systemd or Docker send it; waits for the exit and returns its code and how long it took.</summary>
    public async Task<(int ExitCode, TimeSpan Took)> TerminateAsync(TimeSpan? timeout = null)
    {
        var process = _process ?? throw new InvalidOperationException("Not started.");
        var clock = Stopwatch.StartNew();
        Log("--- SIGTERM ---");
        await Shell.RunAsync("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(5));
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(45));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"The app did not stop within {(timeout ?? TimeSpan.FromSeconds(45)).TotalSeconds} s after SIGTERM.");
        }

        return (process.ExitCode, clock.Elapsed);
    }

    /// <summary>The process's resident memory in bytes (VmRSS), or null when it is not running.</summary>
    public long? ResidentBytes()
    {
        if (ProcessId is not { } pid)
        {
            return null;
        }

        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The app's log so far, for assertions about what it wrote (never a stack trace on a handled fault).</summary>
    public string LogText()
    {
        lock (_logGate)
        {
            return File.Exists(_logFile) ? File.ReadAllText(_logFile) : "";
        }
    }

    private string Tail() => string.Join('\n', LogText().Split('\n').TakeLast(40));

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            File.AppendAllText(_logFile, line + "\n");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            try
            {
                await TerminateAsync(TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException)
            {
                // Killed by TerminateAsync.
            }
        }

        _process?.Dispose();
    }
}
