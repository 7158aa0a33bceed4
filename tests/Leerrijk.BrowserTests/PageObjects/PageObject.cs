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

    protected BrowserSession Session { get; }

    protected IPage Page => Session.Page;

    /// <summary>The server's answer for this page, after redirects.</summary>
    public IResponse Response { get; }

    public int StatusCode => Response.Status;

    /// <summary>The text of the page's only h1.</summary>
    public Task<string> HeadingAsync() => Page.Locator("h1").InnerTextAsync();

    /// <summary>The lang attribute of the html element.</summary>
    public Task<string?> LanguageAsync() => Page.Locator("html").GetAttributeAsync("lang");

    /// <summary>The message the previous step left in the status box (for example "your address is confirmed").</summary>
    public Task<string> StatusMessageAsync() => Page.GetByRole(AriaRole.Status).InnerTextAsync();

    /// <summary>The main content's text, without header and footer.</summary>
    public Task<string> MainTextAsync() => Page.Locator("main").InnerTextAsync();

    protected ILocator HeaderButton(string name) =>
        Page.Locator("header").GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    protected ILocator MainLink(string name) =>
        Page.Locator("main").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    /// <summary>Runs a click that loads another page, then checks that page (axe, screenshot).</summary>
    protected async Task<T> GoToAsync<T>(Func<Task> action, Func<IResponse, T> arrive, string step)
    {
        var response = await Session.NavigateAsync(action);
        var next = arrive(response);
        await Session.CheckPageAsync(step);
        return next;
    }
}
