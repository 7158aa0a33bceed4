using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>What every Leerrijk page has: the layout's header, a heading and a language.</summary>
public abstract class PageObject
{
    protected PageObject(BrowserSession session, IResponse response, string expectedPath)
    {
        Session = session;
        Response = response;
        var path = new Uri(session.Page.Url).AbsolutePath;
        Assert.True(
            string.Equals(path, expectedPath, StringComparison.OrdinalIgnoreCase),
            $"Expected the browser on {expectedPath} but it is on {session.Page.Url} (HTTP {response.Status}).");
    }

    /// <summary>For pages whose path holds an id (such as /o/{id}); <see cref="PathMatch"/> then holds the id's group.</summary>
    protected PageObject(BrowserSession session, IResponse response, Regex expectedPath)
    {
        Session = session;
        Response = response;
        var path = new Uri(session.Page.Url).AbsolutePath;
        PathMatch = expectedPath.Match(path);
        Assert.True(PathMatch.Success, $"Expected the browser on {expectedPath} but it is on {session.Page.Url} (HTTP {response.Status}).");
    }

    protected BrowserSession Session { get; }

    protected IPage Page => Session.Page;

    protected Match? PathMatch { get; }

    /// <summary>The server's answer for this page, after redirects.</summary>
    public IResponse Response { get; }

    public int StatusCode => Response.Status;

    /// <summary>The text of the page's only h1.</summary>
    public Task<string> HeadingAsync() => Page.Locator("h1").InnerTextAsync();

    /// <summary>The page's language and direction, from the html element (no dir means left to right).</summary>
    public async Task<(string? Lang, string? Dir)> LanguageAndDirectionAsync() =>
        (await Page.Locator("html").GetAttributeAsync("lang"), await Page.Locator("html").GetAttributeAsync("dir"));

    /// <summary>The lang attribute of the html element.</summary>
    public Task<string?> LanguageAsync() => Page.Locator("html").GetAttributeAsync("lang");

    /// <summary>The message the previous step left in the status box (for example "your address is confirmed").</summary>
    public Task<string> StatusMessageAsync() => Page.GetByRole(AriaRole.Status).InnerTextAsync();

    /// <summary>The main content's text, without header and footer.</summary>
    public Task<string> MainTextAsync() => Page.Locator("main").InnerTextAsync();

    /// <summary>How wide the document is against the viewport; wider means the page scrolls sideways.</summary>
    public async Task<(int ScrollWidth, int ViewportWidth)> WidthsAsync()
    {
        var widths = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        return (widths[0], widths[1]);
    }

    /// <summary>Bytes the browser received for this page and everything it loaded (HTML, CSS, images), as the Resource Timing API counts them.</summary>
    public Task<long> TransferredBytesAsync() => Page.EvaluateAsync<long>(
        "() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].reduce((sum, e) => sum + e.encodedBodySize, 0)");

    /// <summary>Whether the header has a link with this text (such as "Beheer", which only platform admins see).</summary>
    /// <summary>Whether the header offers "Uitloggen", which only a signed-in person sees.</summary>
    public async Task<bool> ShowsLogOutAsync() =>
        await HeaderButton("Uitloggen").CountAsync() == 1;

    public async Task<bool> HeaderHasLinkAsync(string name) => await HeaderLink(name).CountAsync() == 1;

    protected ILocator HeaderButton(string name) =>
        Page.Locator("header").GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    protected ILocator HeaderLink(string name) =>
        Page.Locator("header").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    protected ILocator MainLink(string name) =>
        Page.Locator("main").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    protected ILocator MainButton(string name) =>
        Page.Locator("main").GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>Opens an address directly (as from a bookmark or a mail), then checks the page (axe, screenshot).</summary>
    protected static async Task<T> OpenAsync<T>(BrowserSession session, string url, Func<IResponse, T> arrive, string step)
    {
        var response = await session.Page.GotoAsync(url) ?? throw new InvalidOperationException($"No response for {url}.");
        var page = arrive(response);
        await session.CheckPageAsync(step);
        return page;
    }

    /// <summary>Runs a click that loads another page, then checks that page (axe, screenshot).</summary>
    protected async Task<T> GoToAsync<T>(Func<Task> action, Func<IResponse, T> arrive, string step)
    {
        var response = await Session.NavigateAsync(action);
        var next = arrive(response);
        await Session.CheckPageAsync(step);
        return next;
    }

    /// <summary>Presses the header's language button ("English" on a Dutch page, "Nederlands" on an English one); the app returns to the same page.</summary>
    protected Task<T> SwitchLanguageAsync<T>(Func<IResponse, T> arrive, string step, string button) =>
        GoToAsync(() => HeaderButton(button).ClickAsync(), arrive, step);
}
