using System.Diagnostics;

namespace Leerrijk.FaultTests.Harness;

/// <summary>
/// One newcomer opening the survey link ten times a second, on a thread of its own with blocking I/O over one
/// connection: what the app answers at the door and how fast. The load generator shares the two cores with the app
/// and, when both are saturated, the wait for its own thread pool is part of every time it measures (bench/README.md);
/// this probe needs almost no CPU and no thread pool, so its times are the app's.
/// </summary>
public sealed class DoorProbe : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly HttpClient _client;
    private readonly Uri _door;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new();
    private readonly List<double> _turnedAway = [];
    private readonly Dictionary<int, int> _statuses = [];

    public DoorProbe(Uri baseAddress, string code)
    {
        // No cookies: every visit is someone without an answer in progress, the only request admission turns away.
        _client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
        _door = new Uri(baseAddress, $"/s/{code}");
        _thread = new Thread(Visit) { IsBackground = true, Name = "door probe" };
        _thread.Start();
    }

    /// <summary>Time of each 429 ("very busy, try again later"), in milliseconds; complete after <see cref="Stop"/>.</summary>
    public IReadOnlyCollection<double> TurnedAway => _turnedAway;

    /// <summary>Answers by status; 0 counts a visit that got no HTTP answer at all.</summary>
    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    public void Stop()
    {
        _stop.Set();
        _thread.Join();
    }

    public void Dispose()
    {
        Stop();
        _client.Dispose();
        _stop.Dispose();
    }

    private void Visit()
    {
        // The wait on the stop signal paces the visits and ends them at once when the load is over.
        do
        {
            var started = Stopwatch.GetTimestamp();
            int status;
            try
            {
                using var response = _client.Send(new HttpRequestMessage(HttpMethod.Get, _door));
                response.Content.ReadAsStream().CopyTo(Stream.Null);
                status = (int)response.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                status = 0;
            }

            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
            if (status == 429)
            {
                _turnedAway.Add(milliseconds);
            }
        }
        while (!_stop.Wait(Interval));
    }
}
