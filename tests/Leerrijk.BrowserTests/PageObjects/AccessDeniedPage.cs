using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/Account/AccessDenied: where a signed-in person lands whose role does not allow a page ("Geen toegang").</summary>
public sealed class AccessDeniedPage : PageObject
{
    internal AccessDeniedPage(BrowserSession session, IResponse response)
        : base(session, response, "/Account/AccessDenied")
    {
    }
}
