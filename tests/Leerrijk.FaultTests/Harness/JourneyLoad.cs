using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Leerrijk.FaultTests.Harness;

/// <summary>
/// Respondents answering the demo round page by page in a browser without JavaScript: open the link, choose a
/// role, answer each screen, send. They pause between screens, press again after a 503 or a dropped connection
/// (as people do), and are counted: turned away at the door (429), finished, gave up, and every request's time.
/// </summary>
public sealed class JourneyLoad(HttpClient client, TimeSpan thinkMin, TimeSpan thinkMax)
{
    private readonly ConcurrentBag<double> _answering = new();
    private readonly ConcurrentBag<double> _turnAway = new();
    private readonly ConcurrentBag<string> _problems = new();
    private readonly ConcurrentDictionary<int, int> _statuses = new();
    private int _started;
    private int _turnedAway;
    private int _finished;
    private int _gaveUp;
    private int _retries;

    public int Started => _started;

    public int TurnedAway => _turnedAway;

    public int Finished => _finished;

    public int GaveUp => _gaveUp;

    /// <summary>Presses of "send" again after a 503 or a dropped connection.</summary>
    public int Retries => _retries;

    /// <summary>Time of every request made by someone let in (the door request included), in milliseconds.</summary>
    public IReadOnlyCollection<double> Answering => _answering;

    /// <summary>Time of each "busy, try again later" answer at the door.</summary>
    public IReadOnlyCollection<double> TurnAway => _turnAway;

    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    public int ServerErrors => _statuses.Where(s => s.Key >= 500 && s.Key != 503).Sum(s => s.Value);

    public IReadOnlyCollection<string> Problems => _problems;

    /// <summary>Respondents arriving at random moments spread over the window; returns when the last has finished.</summary>
    public async Task ArriveSpreadAsync(int count, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var random = new Random();
        var offsets = Enumerable.Range(0, count).Select(_ => random.NextDouble() * window.TotalMilliseconds).Order().ToArray();
        await ArriveAtAsync(offsets, cancellationToken);
    }

    /// <summary>Respondents arriving at a steady rate for the duration; returns when the last has finished.</summary>
    public Task ArriveSteadyAsync(double perSecond, TimeSpan duration, CancellationToken cancellationToken = default) =>
        ArriveAtAsync([.. Enumerable.Range(0, (int)(perSecond * duration.TotalSeconds)).Select(i => i * 1000 / perSecond)], cancellationToken);

    private async Task ArriveAtAsync(double[] offsetsMs, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var journeys = new List<Task>(offsetsMs.Length);
        var seed = Environment.TickCount;
        foreach (var offset in offsetsMs)
        {
            var wait = offset - clock.Elapsed.TotalMilliseconds;
            if (wait > 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken);
            }

            var random = new Random(seed++);
            journeys.Add(Task.Run(() => JourneyAsync(random), cancellationToken));
        }

        await Task.WhenAll(journeys);
    }

    private async Task JourneyAsync(Random random)
    {
        var browser = new Browser(client);
        var atDoor = true;
        browser.Observe = (status, ms) =>
        {
            _statuses.AddOrUpdate((int)status, 1, (_, n) => n + 1);
            if (atDoor && status == HttpStatusCode.TooManyRequests)
            {
                _turnAway.Add(ms);
            }
            else
            {
                _answering.Add(ms);
            }
        };

        Interlocked.Increment(ref _started);
        var page = await StepAsync(() => browser.GetAsync($"/s/{Respondents.DemoCode}"), door: true);
        if (page?.Status == HttpStatusCode.TooManyRequests)
        {
            Interlocked.Increment(ref _turnedAway);
            return;
        }

        atDoor = false;
        if (page is null)
        {
            return;
        }

        var form = page.Form;
        page = await StepAsync(() => browser.SubmitAsync(page, form, Browser.RandomChoices(form, random)), door: false);
        for (var screen = 0; page is not null && !page.Url.AbsolutePath.EndsWith("/bedankt", StringComparison.Ordinal); screen++)
        {
            if (screen > 20 || page.Status != HttpStatusCode.OK)
            {
                _problems.Add($"stuck at {page.Url.PathAndQuery} ({(int)page.Status})");
                Interlocked.Increment(ref _gaveUp);
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(thinkMin.TotalMilliseconds + (random.NextDouble() * (thinkMax - thinkMin).TotalMilliseconds)));
            var current = page;
            var screenForm = current.Form;
            var answers = Browser.RandomChoices(screenForm, random);
            page = await StepAsync(() => browser.SubmitAsync(current, screenForm, answers, button: "next"), door: false);
        }

        if (page is not null)
        {
            Interlocked.Increment(ref _finished);
        }
    }

    /// <summary>One press of a button: again after a 503, a 429 or a dropped connection, up to ten times; null when given up.</summary>
    private async Task<Page?> StepAsync(Func<Task<Page>> send, bool door)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            try
            {
                var page = await send();
                if (door && page.Status == HttpStatusCode.TooManyRequests)
                {
                    return page;
                }

                if (page.Status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests || (int)page.Status >= 500)
                {
                    if ((int)page.Status >= 500 && Harness.Figures.LeakIn(page.Html) is { } leak)
                    {
                        _problems.Add($"{(int)page.Status} shows '{leak}'");
                    }

                    if (page.Status == HttpStatusCode.TooManyRequests)
                    {
                        _problems.Add($"429 for someone already answering at {page.Url.PathAndQuery}");
                    }

                    Interlocked.Increment(ref _retries);
                    await Task.Delay(2000);
                    continue;
                }

                return page;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref _retries);
                await Task.Delay(2000);
            }
        }

        _problems.Add("gave up after ten tries");
        Interlocked.Increment(ref _gaveUp);
        return null;
    }

    public IEnumerable<(string, object)> Summary(double seconds) =>
    [
        ("respondents arriving / turned away at the door / finished / gave up", $"{Started} / {TurnedAway} / {Finished} / {GaveUp}"),
        ("requests of those let in: count, p50 / p95 / p99", $"{Answering.Count}, {Harness.Figures.Percentile(Answering, 50):0} / {Harness.Figures.Percentile(Answering, 95):0} / {Harness.Figures.Percentile(Answering, 99):0} ms"),
        ("request rate over the run", $"{Answering.Count / seconds:0}/s"),
        ("'busy' answers at the door as the load generator timed them: p50 / p99", TurnAway.Count == 0 ? "none" : $"{Harness.Figures.Percentile(TurnAway, 50):0} / {Harness.Figures.Percentile(TurnAway, 99):0} ms"),
        ("presses again after 503 or a dropped connection", Retries),
        ("HTTP statuses", string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))),
    ];
}
