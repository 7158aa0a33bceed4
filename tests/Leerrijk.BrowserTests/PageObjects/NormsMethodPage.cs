using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/normen: how the norm groups and programme figures are built, refreshed and protected.</summary>
public sealed class NormsMethodPage : PageObject
{
    private NormsMethodPage(BrowserSession session, IResponse response)
        : base(session, response, "/normen")
    {
    }

    public static Task<NormsMethodPage> OpenAsync(BrowserSession session, string step = "norms-method") =>
        OpenAsync(session, "/normen", r => new NormsMethodPage(session, r), step);

    internal static NormsMethodPage Arrive(BrowserSession session, IResponse response) => new(session, response);

    /// <summary>Presses the header's "English" button; the app returns to this page in English.</summary>
    public Task<NormsMethodPage> InEnglishAsync() => SwitchLanguageAsync(r => new NormsMethodPage(Session, r), "norms-method-en", "English");
}
