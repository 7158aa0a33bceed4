using System.Diagnostics;
using System.Globalization;

namespace Leerrijk.FaultTests.Harness;

/// <summary>
/// One newcomer opening the survey link ten times a second over one connection: what the app answers at the door
/// and how fast. The probe is curl, a process of its own that times each visit itself (<c>--rate 10/s</c>,
/// <c>time_total</c>). The load generator shares the two cores with the app, and when both are saturated its own
/// thread pool queue and its garbage collections (up to 0.4–0.7 s of pauses a second at 128 arrivals/s) are part of
/// every time it measures; a probe inside the test process paused with it (bench/README.md, "The door, timed from
/// outside the load generator"). curl needs almost no CPU and is never paused by the test process, so its times are
/// the app's and the machine's.
/// </summary>
public sealed class DoorProbe : IDisposable
{
    private readonly Process _curl;
    private readonly Task _reading;
    private readonly List<double> _turnedAway = [];
    private readonly Dictionary<int, int> _statuses = [];
    private readonly List<string> _other = [];
    private bool _stopped;

    public DoorProbe(Uri baseAddress, string code)
    {
        var info = new ProcessStartInfo("curl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Bodies are dropped; one line per visit goes to stderr. No cookie jar: every visit is someone without an answer
        // in progress, the only request admission turns away. A visit without an HTTP answer is counted as status 000.
        foreach (var argument in new[]
        {
            "--silent", "--rate", "10/s", "--max-time", "30",
            "--write-out", "%{stderr}%{http_code} %{time_total}\\n",
            "--config", "-",
        })
        {
            info.ArgumentList.Add(argument);
        }

        _curl = Process.Start(info) ?? throw new InvalidOperationException("Could not start curl; install it (apt-get install curl).");
        _reading = Task.WhenAll(DropAsync(_curl.StandardOutput), ReadVisitsAsync(_curl.StandardError));

        // The URLs come through stdin as a config file: enough for an hour of visits, stopped with Stop.
        var door = new Uri(baseAddress, $"/s/{code}");
        _ = Task.Run(async () =>
        {
            try
            {
                for (var visit = 0; visit < 36_000 && !_curl.HasExited; visit++)
                {
                    await _curl.StandardInput.WriteLineAsync($"url = \"{door}\"\noutput = \"/dev/null\"");
                }

                _curl.StandardInput.Close();
            }
            catch (IOException)
            {
                // curl was stopped.
            }
        });
    }

    /// <summary>Time of each 429 ("very busy, try again later"), in milliseconds; complete after <see cref="Stop"/>.</summary>
    public IReadOnlyCollection<double> TurnedAway => _turnedAway;

    /// <summary>Answers by status; 0 counts a visit that got no HTTP answer at all.</summary>
    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    /// <summary>Ends the visits; fails when curl made none, so a check never judges the door on nothing.</summary>
    public void Stop()
    {
        End();
        if (_statuses.Values.Sum() == 0)
        {
            throw new InvalidOperationException($"The door probe made no visit: {string.Join(" | ", _other.Take(5))}");
        }
    }

    /// <summary>Ends the visits without judging them: a check that failed earlier keeps its own error.</summary>
    public void Dispose()
    {
        End();
        _curl.Dispose();
    }

    private void End()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        if (!_curl.HasExited)
        {
            _curl.Kill();
        }

        _curl.WaitForExit();
        _reading.GetAwaiter().GetResult();
    }

    private static Task DropAsync(StreamReader output) => output.BaseStream.CopyToAsync(Stream.Null);

    private async Task ReadVisitsAsync(StreamReader errors)
    {
        while (await errors.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ');
            if (parts.Length == 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var status)
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
                if (status == 429)
                {
                    _turnedAway.Add(seconds * 1000);
                }
            }
            else
            {
                _other.Add(line);
            }
        }
    }
}
