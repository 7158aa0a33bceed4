using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>The error page (/error/{code}) as the app shows it in place of a failed address, which stays in the address bar.</summary>
public sealed class ErrorPage : PageObject
{
    private ErrorPage(BrowserSession session, IResponse response, string path)
        : base(session, response, path)
    {
    }

    /// <summary>Opens an address that fails (for example one that does not exist).</summary>
    public static Task<ErrorPage> OpenAsync(BrowserSession session, string path, string step = "error") =>
        OpenAsync(session, path, r => new ErrorPage(session, r, path), step);
}
