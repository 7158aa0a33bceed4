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
/// Respondents' pages take turns in a limited number of slots, and the light "busy" page never waits for one
/// (AdmissionControl). The pages here are held open until the test lets them finish, so every order is decided by the
/// test, not by timing; the real effect under load is measured by tests/Leerrijk.FaultTests (OverloadTests).
/// </summary>
public sealed class AdmissionControlTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddLocalization().AddMetrics().BuildServiceProvider();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _held = new();
    private readonly ConcurrentQueue<string> _started = new();

    public void Dispose() => _services.Dispose();

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
    public async Task A_newcomer_is_turned_away_at_once_while_pages_wait_for_a_slot()
    {
        // Saturated: two requests in progress, one page in its slot and one waiting for it.
        var admission = Admission(pagesInProgress: 1, maxConcurrentRequests: 2);
        var inSlot = admission.InvokeAsync(Page("in slot"));
        var waiting = admission.InvokeAsync(Page("waiting"));

        var newcomer = Newcomer();
        await admission.InvokeAsync(newcomer).WaitAsync(Guard);

        Assert.Equal(StatusCodes.Status429TooManyRequests, newcomer.Response.StatusCode);
        Assert.Equal(["in slot"], _started);
        Finish("in slot");
        await Started("waiting");
        Finish("waiting");
        await Task.WhenAll(inSlot, waiting).WaitAsync(Guard);
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
        new AdmissionOptions { MaxPagesInProgress = pagesInProgress, MaxConcurrentRequests = maxConcurrentRequests, MaxAverageMilliseconds = int.MaxValue },
        new AdmissionRules(AnsweringSetup.IsNewArrival, AnsweringSetup.IsAnswering, AnsweringSetup.IsAnsweringPage),
        _services.GetRequiredService<IStringLocalizer<SharedResource>>(),
        _services.GetRequiredService<IMeterFactory>());

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
