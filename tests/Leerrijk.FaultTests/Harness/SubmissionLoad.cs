using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace Leerrijk.FaultTests.Harness;

/// <summary>
/// Devices sending complete responses to <c>POST /api/v1/s/DEMO/responses</c> at a steady rate. A device that gets
/// no acknowledgement (connection refused or reset, a timeout, 503, 429) keeps the response and sends it again
/// later with the same id and body, as the answering app does. Every outcome is counted, so the test can compare
/// what was acknowledged with what the database holds.
/// </summary>
public sealed class SubmissionLoad : IDisposable
{
    private readonly HttpClient _client;
    private readonly Uri _endpoint;
    private readonly ConcurrentDictionary<Guid, GeneratedResponse> _sent = new();
    private readonly ConcurrentDictionary<Guid, byte> _acknowledged = new();
    private readonly ConcurrentQueue<GeneratedResponse> _retry = new();
    private readonly ConcurrentDictionary<int, int> _statuses = new();
    private readonly ConcurrentBag<string> _problems = new();
    private readonly ConcurrentBag<double> _acknowledgedMs = new();
    private readonly ConcurrentQueue<Outcome> _outcomes = new();
    private readonly SemaphoreSlim _inFlight;
    private readonly ConcurrentDictionary<Task, byte> _tasks = new();
    private int _transportErrors;
    private int _replays;
    private long _lastAcknowledgedTicks;

    public SubmissionLoad(Uri baseAddress, int maxInFlight = 64)
    {
        _endpoint = new Uri(baseAddress, $"/api/v1/s/{Respondents.DemoCode}/responses");
        _inFlight = new SemaphoreSlim(maxInFlight);
        // No cookies: each submission stands for a different device, not one browser with one request budget.
        _client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30), MaxConnectionsPerServer = maxInFlight, UseCookies = false })
        {
            Timeout = TimeSpan.FromSeconds(15),
        };
    }

    public IReadOnlyDictionary<Guid, GeneratedResponse> Sent => _sent;

    public ICollection<Guid> Acknowledged => _acknowledged.Keys;

    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    public int TransportErrors => _transportErrors;

    /// <summary>Acknowledgements for a resend of something already stored: the first acknowledgement was lost on the way.</summary>
    public int Replays => _replays;

    public int ServerErrors => _statuses.Where(s => s.Key >= 500 && s.Key != 503).Sum(s => s.Value);

    /// <summary>Anything a device should never see: a 4xx other than 409/429 for a valid response, a stack trace, SQL.</summary>
    public IReadOnlyCollection<string> Problems => _problems;

    public int Unacknowledged => _sent.Count - _acknowledged.Count;

    /// <summary>How long each acknowledged submission took, from sending to the acknowledgement, in milliseconds.</summary>
    public IReadOnlyCollection<double> AcknowledgedMilliseconds => _acknowledgedMs;

    /// <summary>Every answer in the order it came, with when it was asked for and when it came, to tell what devices saw during a fault.</summary>
    public IReadOnlyCollection<Outcome> Outcomes => _outcomes;

    /// <summary>When the last acknowledgement arrived (Stopwatch ticks), to measure how soon service came back.</summary>
    public long LastAcknowledgedTicks => Interlocked.Read(ref _lastAcknowledgedTicks);

    /// <summary>
    /// Waits until <paramref name="count"/> more submissions than now are acknowledged: the signal that submissions flow
    /// (again), where a fixed wait would only hope so. Fails the test when the time runs out first, since every check
    /// that waits for it goes on to judge a fault that only means something while submissions flow.
    /// </summary>
    public async Task AcknowledgedMoreAsync(int count, TimeSpan limit)
    {
        var before = _acknowledged.Count;
        if (!await Poll.UntilAsync(() => _acknowledged.Count >= before + count, limit))
        {
            Assert.Fail($"Submissions did not flow: {_acknowledged.Count - before} of {count} more were acknowledged within {limit.TotalSeconds:0} s.");
        }
    }

    /// <summary>Sends new responses at <paramref name="perSecond"/> and resends unacknowledged ones until stopped.</summary>
    public async Task RunAsync(double perSecond, CancellationToken stop)
    {
        var random = new Random();
        var clock = Stopwatch.StartNew();
        var issued = 0L;
        var retrier = RetryLoopAsync(stop);
        while (!stop.IsCancellationRequested)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * perSecond);
            while (issued < due && !stop.IsCancellationRequested)
            {
                issued++;
                GeneratedResponse response;
                lock (random)
                {
                    response = Respondents.Next(random);
                }

                _sent[response.Id] = response;
                await StartAsync(response);
            }

            try
            {
                await Task.Delay(5, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await retrier;
        await Task.WhenAll(_tasks.Keys);
    }

    /// <summary>After the faults: resend everything unacknowledged until all is acknowledged or the time is up.</summary>
    public async Task DrainAsync(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            await Task.WhenAll(_tasks.Keys);
            var missing = _sent.Values.Where(r => !_acknowledged.ContainsKey(r.Id)).ToList();
            if (missing.Count == 0)
            {
                return;
            }

            foreach (var response in missing)
            {
                await StartAsync(response);
            }

            await Task.WhenAll(_tasks.Keys);
            if (_sent.Count != _acknowledged.Count)
            {
                await Task.Delay(500);
            }
        }
    }

    private async Task RetryLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(250, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var count = _retry.Count;
            for (var i = 0; i < count && _retry.TryDequeue(out var response); i++)
            {
                if (!_acknowledged.ContainsKey(response.Id))
                {
                    await StartAsync(response);
                }
            }
        }
    }

    private async Task StartAsync(GeneratedResponse response)
    {
        await _inFlight.WaitAsync();
        var task = Task.Run(async () =>
        {
            try
            {
                await SendAsync(response);
            }
            finally
            {
                _inFlight.Release();
            }
        });
        _tasks[task] = 0;
        _ = task.ContinueWith(t => _tasks.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task SendAsync(GeneratedResponse response)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var content = new StringContent(response.Json, Encoding.UTF8, "application/json");
            using var reply = await _client.PostAsync(_endpoint, content);
            var body = await reply.Content.ReadAsStringAsync();
            var status = (int)reply.StatusCode;
            _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            _outcomes.Enqueue(new Outcome(started, Stopwatch.GetTimestamp(), status));
            if (reply.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
            {
                if (reply.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref _replays);
                }

                if (!body.Contains(response.Id.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    _problems.Add($"{status} without the response's id: {body}");
                }

                _acknowledged[response.Id] = 0;
                _acknowledgedMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Exchange(ref _lastAcknowledgedTicks, Stopwatch.GetTimestamp());
                return;
            }

            if (Figures.LeakIn(body) is { } leak)
            {
                _problems.Add($"{status} body shows '{leak}': {body[..Math.Min(body.Length, 300)]}");
            }

            if (status is 503 or 429 || status >= 500)
            {
                if (status == 503 && !reply.Headers.Contains("Retry-After"))
                {
                    _problems.Add("503 without Retry-After");
                }

                _retry.Enqueue(response);
                return;
            }

            _problems.Add($"{status} for a valid response: {body[..Math.Min(body.Length, 300)]}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Interlocked.Increment(ref _transportErrors);
            _outcomes.Enqueue(new Outcome(started, Stopwatch.GetTimestamp(), Outcome.TransportError));
            _retry.Enqueue(response);
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _inFlight.Dispose();
    }
}

/// <summary>One submission's answer: when it was sent and answered (Stopwatch ticks), and the HTTP status (0: refused, reset or timed out).</summary>
public readonly record struct Outcome(long SentTicks, long AnsweredTicks, int Status)
{
    public const int TransportError = 0;
}
