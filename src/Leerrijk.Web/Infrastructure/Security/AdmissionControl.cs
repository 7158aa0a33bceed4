using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Infrastructure.Security;

/// <summary>Configurable under <c>Admission</c>.</summary>
public sealed class AdmissionOptions
{
    public const string Section = "Admission";

    /// <summary>
    /// Requests being worked on at which the app counts as saturated. Normal campaign load keeps a few dozen in flight on
    /// two cores (bench/results/); far more means requests are queueing and every answer is getting slower.
    /// Respondents' pages waiting for a slot are not counted: they cost nothing while they wait, a burst of them drains
    /// within moments, and a wait that lasts shows in their time (below). Counted, bursts of a hundred and more waiting
    /// pages turned newcomers away while respondents' requests took 2–72 ms on average (bench/README.md, "A queue that
    /// stands").
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 100;

    /// <summary>
    /// A respondent's request that takes longer than this, its wait for a page slot included, is slow. SQLite
    /// serialises writes and its driver blocks threads, so there the queue builds up before requests are counted as in
    /// progress; their time still shows it (bench/results/). 150 rather than the first 500: turning newcomers away that
    /// much sooner let the same number of people in at twice the sustainable rate and halved the p99 of those answering
    /// and of the 429 itself (bench/README.md, "The respondent path at census peak"); a normal campaign stays far below
    /// it (p99 20–120 ms).
    /// </summary>
    public int SlowMilliseconds { get; set; } = 150;

    /// <summary>
    /// The share of respondents' requests, in percent, that must have been slow over the last
    /// <see cref="SlowWindowMilliseconds"/> (and at least twenty of them) for the app to count as saturated: a queue
    /// that stands, not a burst that drains. Measured in an overload check, a quarter over two seconds was never reached
    /// at 64 arrivals a second, which the app kept up with, and was reached half the time at twice that (bench/README.md,
    /// "A queue that stands"). An average, as before, rose with a burst as much as with a queue that stands.
    /// </summary>
    public int SlowSharePercent { get; set; } = 25;

    /// <summary>
    /// The window over which the slow share is taken; also how long pages may wait with no page given a slot before
    /// the app counts as stuck.
    /// </summary>
    public int SlowWindowMilliseconds { get; set; } = 2000;

    /// <summary>
    /// Respondents' pages worked on at once; the others wait their turn, first come first served, in a queue that costs
    /// no CPU, and that wait counts in their time above. Without a limit every page in progress has work waiting in the
    /// runtime's one thread pool queue, and a newcomer who only needs the light "busy" page waits behind all of it: on two
    /// cores 458–669 ms at p99 against 57–64 ms with 8 pages at once, while as many respondents finished (bench/README.md,
    /// "The door"). Four per core keeps the cores busy while some pages wait for the database. 0 turns the limit off.
    /// </summary>
    public int MaxPagesInProgress { get; set; } = 4 * Environment.ProcessorCount;

    /// <summary>What a turned-away newcomer is told to wait, in seconds.</summary>
    public int RetryAfterSeconds { get; set; } = 120;
}

/// <summary>
/// Which requests admission control treats how; given by the feature that serves respondents, so this middleware
/// knows no feature's routes or cookies.
/// </summary>
/// <param name="IsNewArrival">Someone opening a survey without an answer in progress: the only request ever turned away.</param>
/// <param name="IsAnswering">A respondent's request: their average time tells whether the app is saturated.</param>
/// <param name="IsAnsweringPage">
/// A respondent's page, worked on in one of <see cref="AdmissionOptions.MaxPagesInProgress"/> slots. Requests that gain
/// from many at once (submissions that group commit writes together) are answering but not pages.
/// </param>
public sealed record AdmissionRules(Func<HttpRequest, bool> IsNewArrival, Func<HttpRequest, bool> IsAnswering, Func<HttpRequest, bool> IsAnsweringPage);

/// <summary>
/// When the app is saturated, people who arrive at a survey's start page get a light "very busy, try again in a few
/// minutes" page (429 with Retry-After, no database, no page rendering) so that everyone already answering can
/// finish: turning newcomers away costs them a click later, slowing everyone down can lose half-finished answers.
/// This is how the ONS ran its census peak (research/reliability-security.md, E3). Everything else always passes.
/// Respondents' pages take turns in a limited number of slots, so that the work queued in the runtime stays short and
/// the "busy" page, which never waits for a slot, is answered at once even when the app is saturated.
/// Saturated means one of three things: too many requests being worked on; a large share of respondents' requests slow
/// over the last seconds, the sign of a queue that stands rather than a burst that drains; or pages waiting while none
/// has been given a slot for as long, the sign of an app that is stuck.
/// </summary>
public sealed class AdmissionControl
{
    private readonly RequestDelegate next;
    private readonly AdmissionOptions options;
    private readonly AdmissionRules rules;
    private readonly IStringLocalizer<SharedResource> l;
    private readonly TimeProvider clock;
    private readonly Counter<long> _turnedAway;
    private readonly TimeSpan _window;

    // SemaphoreSlim wakes its asynchronous waiters first in, first out.
    private readonly SemaphoreSlim? _pageSlots;

    // Pages and the responses API's submissions are each counted on their own: quick submissions, which group commit
    // writes together, must not hide pages that stand in their queue.
    private readonly SlowShare _pages;
    private readonly SlowShare _submissions;

    private int _inFlight;
    private int _pagesWaiting;
    private long _lastSlotGiven;

    public AdmissionControl(RequestDelegate next, AdmissionOptions options, AdmissionRules rules, IStringLocalizer<SharedResource> l, IMeterFactory meters, TimeProvider clock)
    {
        this.next = next;
        this.options = options;
        this.rules = rules;
        this.l = l;
        this.clock = clock;
        _window = TimeSpan.FromMilliseconds(options.SlowWindowMilliseconds);
        _pages = new SlowShare(clock, _window);
        _submissions = new SlowShare(clock, _window);
        _lastSlotGiven = clock.GetTimestamp();
        _pageSlots = options.MaxPagesInProgress > 0 ? new SemaphoreSlim(options.MaxPagesInProgress) : null;
        var meter = meters.Create("Leerrijk.Admission");
        _turnedAway = meter.CreateCounter<long>("leerrijk.admission.turned_away", unit: "{request}",
            description: "Newcomers shown the light \"very busy, try again\" page because the app was saturated, by reason: busy (too many requests being worked on), slow (a large share of respondents' requests slow over Admission:SlowWindowMilliseconds) or stuck (pages waiting, none given a slot for that long).");
        meter.CreateObservableGauge("leerrijk.admission.in_flight", () => Volatile.Read(ref _inFlight), unit: "{request}",
            description: "Requests in progress, pages waiting for a slot included.");
        meter.CreateObservableGauge("leerrijk.admission.slow_share", () => _pages.Percent(), unit: "%",
            description: "Share of respondents' pages slower than Admission:SlowMilliseconds over the last Admission:SlowWindowMilliseconds, compared with Admission:SlowSharePercent.");
        meter.CreateObservableGauge("leerrijk.admission.pages_waiting", () => Volatile.Read(ref _pagesWaiting), unit: "{request}",
            description: "Respondents' pages waiting for one of Admission:MaxPagesInProgress slots.");
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (rules.IsNewArrival(context.Request) && Saturation() is { } reason)
        {
            _turnedAway.Add(1, new KeyValuePair<string, object?>("reason", reason));
            await TurnAwayAsync(context);
            return;
        }

        var page = rules.IsAnsweringPage(context.Request);
        var share = page ? _pages : rules.IsAnswering(context.Request) ? _submissions : null;
        var started = clock.GetTimestamp();
        Interlocked.Increment(ref _inFlight);
        try
        {
            if (_pageSlots is not null && page)
            {
                await NextInSlotAsync(_pageSlots, context);
            }
            else
            {
                await next(context);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            share?.Record(clock.GetElapsedTime(started).TotalMilliseconds > options.SlowMilliseconds);
        }
    }

    private async Task NextInSlotAsync(SemaphoreSlim slots, HttpContext context)
    {
        Interlocked.Increment(ref _pagesWaiting);
        try
        {
            await slots.WaitAsync(context.RequestAborted);
            Volatile.Write(ref _lastSlotGiven, clock.GetTimestamp());
        }
        finally
        {
            Interlocked.Decrement(ref _pagesWaiting);
        }

        try
        {
            await next(context);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Why a newcomer is turned away now (the counter's reason), or null when the app is not saturated.</summary>
    private string? Saturation()
    {
        var waiting = Volatile.Read(ref _pagesWaiting);
        if (Volatile.Read(ref _inFlight) - waiting >= options.MaxConcurrentRequests)
        {
            return "busy";
        }

        if (_pages.Percent() >= options.SlowSharePercent || _submissions.Percent() >= options.SlowSharePercent)
        {
            return "slow";
        }

        return waiting > 0 && clock.GetElapsedTime(Volatile.Read(ref _lastSlotGiven)) >= _window ? "stuck" : null;
    }

    private async Task TurnAwayAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        response.ContentType = "text/html; charset=utf-8";
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        await response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{language}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{Encode(l["Busy.Title"])}</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main id="main" class="wrap"><h1>{Encode(l["Busy.Title"])}</h1><p>{Encode(l["Busy.Text"])}</p></main></body>
            </html>
            """);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// How many of the respondents' requests of one kind were slow over a window that slides in tenths. Fewer than
    /// <see cref="MinimumRequests"/> in the window say nothing (a few slow ones, as just after a start while the JIT
    /// compiles, are no queue), and with nobody answering the window empties by itself. A lock, because a thousand
    /// requests a second take it a thousand times: nothing next to a page.
    /// </summary>
    private sealed class SlowShare
    {
        private const int MinimumRequests = 20;
        private const int Tenths = 10;
        private readonly TimeProvider clock;
        private readonly long _tenth;
        private readonly Lock _gate = new();
        private readonly long[] _which = new long[Tenths];
        private readonly int[] _all = new int[Tenths];
        private readonly int[] _slow = new int[Tenths];

        public SlowShare(TimeProvider clock, TimeSpan window)
        {
            this.clock = clock;
            _tenth = Math.Max(1, (long)(window.TotalSeconds * clock.TimestampFrequency / Tenths));
            Array.Fill(_which, long.MinValue);
        }

        public void Record(bool slow)
        {
            var now = clock.GetTimestamp() / _tenth;
            var i = (int)(now % Tenths);
            lock (_gate)
            {
                if (_which[i] != now)
                {
                    (_which[i], _all[i], _slow[i]) = (now, 0, 0);
                }

                _all[i]++;
                _slow[i] += slow ? 1 : 0;
            }
        }

        /// <summary>The slow share in percent over the window, or 0 when too few requests were timed in it.</summary>
        public int Percent()
        {
            var now = clock.GetTimestamp() / _tenth;
            int all = 0, slow = 0;
            lock (_gate)
            {
                for (var i = 0; i < Tenths; i++)
                {
                    if (_which[i] > now - Tenths)
                    {
                        all += _all[i];
                        slow += _slow[i];
                    }
                }
            }

            return all < MinimumRequests ? 0 : (int)(100L * slow / all);
        }
    }
}
