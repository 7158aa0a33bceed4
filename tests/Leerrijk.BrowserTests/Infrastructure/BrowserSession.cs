using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.Infrastructure;

/// <summary>One test's browser context and page, and the checks every visited page goes through.</summary>
/// <remarks>In a session without JavaScript nothing can run in the page, not even axe or a readyState probe: those pages
/// are the same documents the other tests scan, so the scan is left to them.</remarks>
public sealed class BrowserSession(BrowserApp app, IBrowserContext context, IPage page, string testName, bool javaScript = true) : IAsyncDisposable
{
    private int _step;

    public BrowserApp App { get; } = app;

    public IPage Page { get; } = page;

    /// <summary>
    /// What every page the tests visit goes through: a full-page screenshot for people (when TEST_ARTIFACTS
    /// is set, with the page's HTML) and an axe scan that fails the test on serious or critical violations (unless
    /// TEST_ACCESSIBILITY is off).
    /// </summary>
    public async Task CheckPageAsync(string what)
    {
        var name = $"{testName}-{++_step:00}-{what}";
        await Artifacts.ScreenshotAsync(Page, name);
        if (Artifacts.Folder is not null)
        {
            await Artifacts.WriteTextAsync(name + ".html", await Page.ContentAsync());
        }

        if (javaScript && Accessibility.Enabled)
        {
            await Accessibility.AssertNoSeriousViolationsAsync(Page, name);
        }
    }

    /// <summary>
    /// Runs an action that makes the browser load a new document (a click on a link or a submit button)
    /// and waits until that document has loaded. Returns the server's final answer, after redirects.
    /// </summary>
    public async Task<IResponse> NavigateAsync(Func<Task> action)
    {
        IResponse? last = null;
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        void OnResponse(object? sender, IResponse response)
        {
            if (response.Request.IsNavigationRequest && response.Frame == Page.MainFrame)
            {
                last = response;
            }
        }

        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == Page.MainFrame)
            {
                committed.TrySetResult();
            }
        }

        Page.Response += OnResponse;
        Page.FrameNavigated += OnNavigated;
        try
        {
            await action();
            await committed.Task.WaitAsync(TimeSpan.FromSeconds(15));
            // The new document has committed, so this waits for its load event, not the old page's. Playwright
            // can miss a load event that fires while the commit is being reported (seen once in CI under load,
            // with "networkidle" already fired); the document itself then says it is complete.
            try
            {
                await Page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 10_000 });
            }
            catch (TimeoutException)
            {
                if (!javaScript || await Page.EvaluateAsync<string>("() => document.readyState") != "complete")
                {
                    throw;
                }
            }
        }
        finally
        {
            Page.Response -= OnResponse;
            Page.FrameNavigated -= OnNavigated;
        }

        return last ?? throw new InvalidOperationException($"The browser navigated to {Page.Url} without a response.");
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
