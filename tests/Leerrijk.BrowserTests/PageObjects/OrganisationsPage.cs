using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/organisations: "Mijn organisaties", where a signed-in person lands.</summary>
public sealed class OrganisationsPage : PageObject
{
    internal OrganisationsPage(BrowserSession session, IResponse response)
        : base(session, response, "/organisations")
    {
    }

    /// <summary>Whether the header offers "Uitloggen", which only a signed-in person sees.</summary>
    public async Task<bool> ShowsLogOutAsync() =>
        await HeaderButton("Uitloggen").CountAsync() == 1;
}
