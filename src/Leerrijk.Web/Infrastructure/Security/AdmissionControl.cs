using System.Diagnostics;
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
    /// Requests in progress at which the app counts as saturated. Normal campaign load keeps a few dozen in flight on
    /// two cores (bench/results/); far more means requests are queueing and every answer is getting slower.
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 100;

    /// <summary>
    /// Average time of respondents' requests (smoothed over the last few dozen) at which the app counts as saturated.
    /// SQLite serialises writes and its driver blocks threads, so there the queue builds up before requests are
    /// counted as in progress; their time still shows it (bench/results/). 150 rather than the first 500: turning
    /// newcomers away that much sooner let the same number of people in at twice the sustainable rate and halved the
    /// p99 of those answering and of the 429 itself (bench/README.md, "The respondent path at census peak"); a
    /// normal campaign stays far below it (p99 20–120 ms).
    /// </summary>
    public int MaxAverageMilliseconds { get; set; } = 150;

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
/// When the app is saturated (too many requests in progress, or respondents' requests slow on average), people who arrive at a survey's start page get a light "very busy, try again in a few
/// minutes" page (429 with Retry-After, no database, no page rendering) so that everyone already answering can
/// finish: turning newcomers away costs them a click later, slowing everyone down can lose half-finished answers.
/// This is how the ONS ran its census peak (research/reliability-security.md, E3). Everything else always passes.
/// Respondents' pages take turns in a limited number of slots, so that the work queued in the runtime stays short and
/// the "busy" page, which never waits for a slot, is answered at once even when the app is saturated.
/// </summary>
public sealed class AdmissionControl
{
    /// <summary>An average older than this says nothing about now: with no one answering, nobody is turned away.</summary>
    private static readonly TimeSpan Recent = TimeSpan.FromSeconds(5);

    private readonly RequestDelegate next;
    private readonly AdmissionOptions options;
    private readonly AdmissionRules rules;
    private readonly IStringLocalizer<SharedResource> l;
    private readonly Counter<long> _turnedAway;

    // SemaphoreSlim wakes its asynchronous waiters first in, first out.
    private readonly SemaphoreSlim? _pageSlots;
    private int _inFlight;
    private int _pagesWaiting;
    private double _averageMilliseconds;
    private long _lastSample;

    public AdmissionControl(RequestDelegate next, AdmissionOptions options, AdmissionRules rules, IStringLocalizer<SharedResource> l, IMeterFactory meters)
    {
        this.next = next;
        this.options = options;
        this.rules = rules;
        this.l = l;
        _pageSlots = options.MaxPagesInProgress > 0 ? new SemaphoreSlim(options.MaxPagesInProgress) : null;
        var meter = meters.Create("Leerrijk.Admission");
        _turnedAway = meter.CreateCounter<long>("leerrijk.admission.turned_away", unit: "{request}",
            description: "Newcomers shown the light \"very busy, try again\" page because the app was saturated.");
        meter.CreateObservableGauge("leerrijk.admission.in_flight", () => Volatile.Read(ref _inFlight), unit: "{request}",
            description: "Requests in progress, as admission control counts them.");
        meter.CreateObservableGauge("leerrijk.admission.answering_average", () => Volatile.Read(ref _averageMilliseconds), unit: "ms",
            description: "Smoothed time of respondents' requests, compared with Admission:MaxAverageMilliseconds.");
        meter.CreateObservableGauge("leerrijk.admission.pages_waiting", () => Volatile.Read(ref _pagesWaiting), unit: "{request}",
            description: "Respondents' pages waiting for one of Admission:MaxPagesInProgress slots.");
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (rules.IsNewArrival(context.Request) && IsSaturated())
        {
            _turnedAway.Add(1);
            await TurnAwayAsync(context);
            return;
        }

        var answering = rules.IsAnswering(context.Request);
        var started = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _inFlight);
        try
        {
            if (_pageSlots is not null && rules.IsAnsweringPage(context.Request))
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
            if (answering)
            {
                Sample(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }

    private async Task NextInSlotAsync(SemaphoreSlim slots, HttpContext context)
    {
        Interlocked.Increment(ref _pagesWaiting);
        try
        {
            await slots.WaitAsync(context.RequestAborted);
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

    private bool IsSaturated() =>
        Volatile.Read(ref _inFlight) >= options.MaxConcurrentRequests
        || (Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastSample)) < Recent && Volatile.Read(ref _averageMilliseconds) >= options.MaxAverageMilliseconds);

    /// <summary>
    /// Exponentially smoothed over about two hundred requests: a fifth of a second when the app is saturated. Over
    /// twenty, first, it was fine while the wait before the app went unseen; once the wait for a page slot counted, a
    /// moment's stall at a third of the app's capacity turned newcomers away (bench/README.md, "The door"). Concurrent
    /// updates may overwrite each other; a lost sample only nudges a heuristic, which is cheaper than a lock on every
    /// request.
    /// </summary>
    private void Sample(double milliseconds)
    {
        var average = Volatile.Read(ref _averageMilliseconds);
        Volatile.Write(ref _averageMilliseconds, average + ((milliseconds - average) / 200));
        Interlocked.Exchange(ref _lastSample, Stopwatch.GetTimestamp());
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
}
