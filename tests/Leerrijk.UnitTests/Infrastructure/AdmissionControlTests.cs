using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Leerrijk.Web;
using Leerrijk.Web.Features.Answering;
using Leerrijk.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Leerrijk.UnitTests.Infrastructure;

/// <summary>
/// Respondents' pages take turns in a limited number of slots, the light "busy" page never waits for one, and only a
/// queue that stands turns newcomers away, not a burst that drains (AdmissionControl). The pages here are held open
/// until the test lets them finish, so every order is decided by the test, not by timing, and time is the test's own
/// clock; the real effect under load is measured by tests/Leerrijk.FaultTests (OverloadTests).
/// </summary>
public sealed class AdmissionControlTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddLocalization().AddMetrics().BuildServiceProvider();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _held = new();
    private readonly ConcurrentQueue<string> _started = new();
    private readonly ManualClock _clock = new();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<string> _turnedAway = new();

    public AdmissionControlTests()
    {
        // The reason of every newcomer turned away, from this test's own meters.
        var meters = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "leerrijk.admission.turned_away")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    _turnedAway.Enqueue((string)tag.Value!);
                }
            }
        });
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task Pages_beyond_the_limit_wait_and_get_a_slot_in_the_order_they_came()
    {
        var admission = Admission(pagesInProgress: 1);

        var first = admission.InvokeAsync(Page("first"));
        var second = admission.InvokeAsync(Page("second"));
        var third = admission.InvokeAsync(Page("third"));
        Assert.Equal(["first"], _started);

        Finish("first");
        await first.WaitAsync(Guard);
        await Started("second");
        Assert.Equal(["first", "second"], _started);

        Finish("second");
        await second.WaitAsync(Guard);
        await Started("third");
        Finish("third");
        await third.WaitAsync(Guard);
        Assert.Equal(["first", "second", "third"], _started);
    }

    [Fact]
    public async Task A_newcomer_is_turned_away_at_once_while_pages_wait_for_a_slot_none_has_been_given()
    {
        // Stuck: one page in its slot and one waiting for it, and no slot given for two seconds. The app has been up a
        // while, so it is the last slot given that counts, not the start.
        var admission = Admission(pagesInProgress: 1);
        _clock.Advance(TimeSpan.FromSeconds(5));
        var inSlot = admission.InvokeAsync(Page("in slot"));
        var waiting = admission.InvokeAsync(Page("waiting"));
        _clock.Advance(TimeSpan.FromMilliseconds(1999));
        await AssertLetInAsync(admission, "just in time", whileWaiting: () => Finish("in slot"), then: [() => Finish("waiting")]);
        await Task.WhenAll(inSlot, waiting).WaitAsync(Guard);

        var stuck = admission.InvokeAsync(Page("stuck"));
        var behind = admission.InvokeAsync(Page("behind"));
        _clock.Advance(TimeSpan.FromSeconds(2));
        await AssertTurnedAwayAsync(admission, "stuck");

        Assert.Equal(["in slot", "waiting", "just in time", "stuck"], _started);
        Finish("stuck");
        await Started("behind");
        Finish("behind");
        await Task.WhenAll(stuck, behind).WaitAsync(Guard);
    }

    [Fact]
    public async Task Pages_waiting_for_a_slot_do_not_count_as_requests_being_worked_on()
    {
        var admission = Admission(pagesInProgress: 1, maxConcurrentRequests: 2);
        var inSlot = admission.InvokeAsync(Page("in slot"));
        var waiting = admission.InvokeAsync(Page("waiting"));
        var alsoWaiting = admission.InvokeAsync(Page("also waiting"));

        // Three in flight, one worked on: a burst that costs nothing while it waits. The newcomer joins the queue.
        await AssertLetInAsync(admission, "newcomer", whileWaiting: () => Finish("in slot"), then: [() => Finish("waiting"), () => Finish("also waiting")]);
        await Task.WhenAll(inSlot, waiting, alsoWaiting).WaitAsync(Guard);

        // Two worked on at once (a page and a kiosk's submission, which takes no slot): busy.
        var page = admission.InvokeAsync(Page("page"));
        var submission = admission.InvokeAsync(Request("submission", HttpMethods.Post, "/api/v1/s/DEMO/responses"));
        await AssertTurnedAwayAsync(admission, "busy");
        Finish("page");
        Finish("submission");
        await Task.WhenAll(page, submission).WaitAsync(Guard);
    }

    [Fact]
    public async Task A_quarter_of_the_pages_slow_over_two_seconds_turns_newcomers_away_a_burst_among_quick_ones_does_not()
    {
        var admission = Admission(pagesInProgress: 100);
        var quick = TimeSpan.FromMilliseconds(5);
        var slow = TimeSpan.FromMilliseconds(200);

        // Sixty-one quick pages and a burst of twenty slow ones: 24 %.
        await PagesAsync(admission, 61, quick);
        await PagesAsync(admission, 20, slow);
        await AssertLetInAsync(admission, "just under a quarter");

        // The newcomer's quick page makes 20 slow of 82; one more slow page makes 21 of 83: a quarter.
        await PagesAsync(admission, 1, slow);
        await AssertTurnedAwayAsync(admission, "slow");

        // Quick submissions to the responses API are counted apart and do not hide pages that stand.
        await PagesAsync(admission, 100, quick, "/api/v1/s/DEMO/responses");
        await AssertTurnedAwayAsync(admission, "slow");

        // Two seconds later the window holds none of it.
        _clock.Advance(TimeSpan.FromSeconds(2));
        await AssertLetInAsync(admission, "later");

        // Slow submissions to the responses API count too, on their own.
        await PagesAsync(admission, 20, slow, "/api/v1/s/DEMO/responses");
        await AssertTurnedAwayAsync(admission, "slow");
    }

    [Fact]
    public async Task Fewer_than_twenty_requests_in_the_window_say_nothing()
    {
        var admission = Admission(pagesInProgress: 100);

        // Nineteen slow pages: all slow, but too few to tell a queue.
        await PagesAsync(admission, 19, TimeSpan.FromMilliseconds(200));

        // The newcomer let in is the twentieth (quick), and 19 of 20 is a queue that stands.
        await AssertLetInAsync(admission, "twentieth");
        await AssertTurnedAwayAsync(admission, "slow");
    }

    [Fact]
    public async Task A_newcomer_let_in_takes_a_slot_like_any_other_page()
    {
        var admission = Admission(pagesInProgress: 1);
        var inSlot = admission.InvokeAsync(Page("in slot"));

        var newcomer = Newcomer("newcomer");
        var opening = admission.InvokeAsync(newcomer);
        Assert.Equal(["in slot"], _started);

        Finish("in slot");
        await Started("newcomer");
        Finish("newcomer");
        await Task.WhenAll(inSlot, opening).WaitAsync(Guard);
        Assert.Equal(StatusCodes.Status200OK, newcomer.Response.StatusCode);
    }

    [Fact]
    public async Task Submissions_to_the_responses_API_do_not_wait_for_a_page_slot()
    {
        var admission = Admission(pagesInProgress: 1);
        var inSlot = admission.InvokeAsync(Page("in slot"));

        var submission = Request("submission", HttpMethods.Post, "/api/v1/s/DEMO/responses");
        var submitting = admission.InvokeAsync(submission);

        Assert.Equal(["in slot", "submission"], _started);
        Finish("submission");
        Finish("in slot");
        await Task.WhenAll(inSlot, submitting).WaitAsync(Guard);
    }

    [Fact]
    public async Task A_page_whose_visitor_leaves_while_waiting_gives_up_its_place_and_no_slot_is_lost()
    {
        var admission = Admission(pagesInProgress: 1);
        var inSlot = admission.InvokeAsync(Page("in slot"));
        using var leaving = new CancellationTokenSource();
        var leaver = Page("leaver");
        leaver.RequestAborted = leaving.Token;
        var waiting = admission.InvokeAsync(leaver);

        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Guard));

        // The slot held by the first page passes to the next page, and after it the slot is free again.
        var next = admission.InvokeAsync(Page("next"));
        Assert.Equal(["in slot"], _started);
        Finish("in slot");
        await Started("next");
        Finish("next");
        await Task.WhenAll(inSlot, next).WaitAsync(Guard);
        var last = admission.InvokeAsync(Page("last"));
        Assert.Equal(["in slot", "next", "last"], _started);
        Finish("last");
        await last.WaitAsync(Guard);
    }

    private AdmissionControl Admission(int pagesInProgress, int maxConcurrentRequests = 100) => new(
        PageAsync,
        new AdmissionOptions { MaxPagesInProgress = pagesInProgress, MaxConcurrentRequests = maxConcurrentRequests },
        new AdmissionRules(AnsweringSetup.IsNewArrival, AnsweringSetup.IsAnswering, AnsweringSetup.IsAnsweringPage),
        _services.GetRequiredService<IStringLocalizer<SharedResource>>(),
        _services.GetRequiredService<IMeterFactory>(),
        _clock);

    /// <summary>
    /// Requests of people answering (pages, or submissions to the responses API) that start together and finish
    /// together, each taking the given time on the test's clock.
    /// </summary>
    private async Task PagesAsync(AdmissionControl admission, int count, TimeSpan each, string path = "/s/DEMO")
    {
        var names = Enumerable.Range(0, count).Select(_ => $"answering {Guid.NewGuid()}").ToList();
        var requests = names.Select(name => admission.InvokeAsync(path == "/s/DEMO" ? Page(name) : Request(name, HttpMethods.Post, path))).ToList();
        await Task.WhenAll(names.Select(Started));
        _clock.Advance(each);
        names.ForEach(Finish);
        await Task.WhenAll(requests).WaitAsync(Guard);
    }

    private async Task AssertTurnedAwayAsync(AdmissionControl admission, string reason)
    {
        var before = _turnedAway.Count;
        var newcomer = Newcomer($"turned away {Guid.NewGuid()}");
        var opening = admission.InvokeAsync(newcomer);

        // Turned away before any page work: the request is complete without the test finishing anything.
        Assert.True(opening.IsCompleted, "The newcomer waited instead of being turned away at once.");
        await opening;
        Assert.Equal(StatusCodes.Status429TooManyRequests, newcomer.Response.StatusCode);
        Assert.Equal(before + 1, _turnedAway.Count);
        Assert.Equal(reason, _turnedAway.Last());
    }

    /// <summary>
    /// A newcomer let in: their page starts (after <paramref name="whileWaiting"/> frees a slot, if they must wait) and
    /// finishes; <paramref name="then"/> lets the pages queued ahead of them finish.
    /// </summary>
    private async Task AssertLetInAsync(AdmissionControl admission, string name, Action? whileWaiting = null, Action[]? then = null)
    {
        var newcomer = Newcomer(name);
        var opening = admission.InvokeAsync(newcomer);
        Assert.False(opening.IsCompleted && newcomer.Response.StatusCode == StatusCodes.Status429TooManyRequests, $"{name} was turned away.");
        whileWaiting?.Invoke();
        foreach (var next in then ?? [])
        {
            next();
        }

        await Started(name);
        Finish(name);
        await opening.WaitAsync(Guard);
        Assert.Equal(StatusCodes.Status200OK, newcomer.Response.StatusCode);
    }

    /// <summary>The rest of the pipeline: a page that records it started and finishes when the test says so.</summary>
    private Task PageAsync(HttpContext context)
    {
        var name = (string)context.Items["name"]!;
        var page = Hold(name);
        _started.Enqueue(name);
        page.TrySetResult(); // Marks "started"; the page itself waits for Finish.
        return Hold(name + "/finish").Task;
    }

    private TaskCompletionSource Hold(string key) =>
        _held.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private Task Started(string name) => Hold(name).Task.WaitAsync(Guard);

    private void Finish(string name) => Hold(name + "/finish").TrySetResult();

    /// <summary>Someone already answering: a screen of answers posted with the answer cookie.</summary>
    private static DefaultHttpContext Page(string name)
    {
        var context = Request(name, HttpMethods.Post, "/s/DEMO");
        context.Request.Headers.Cookie = $"{Survey.CookieName}={Guid.NewGuid()}";
        return context;
    }

    /// <summary>Someone opening the survey link without an answer in progress.</summary>
    private static DefaultHttpContext Newcomer(string name = "newcomer") => Request(name, HttpMethods.Get, "/s/DEMO");

    private static DefaultHttpContext Request(string name, string method, string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Items["name"] = name;
        return context;
    }
}

/// <summary>Time that moves only when the test says so.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks = TimeSpan.TicksPerDay;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
