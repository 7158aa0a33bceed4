using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/o/{id}/verwijderen: an owner asks to erase the organisation by typing its name, or stops a pending erasure.</summary>
public sealed partial class DeleteOrganisationPage : PageObject
{
    internal DeleteOrganisationPage(BrowserSession session, IResponse response)
        : base(session, response, DeletePath())
    {
    }

    public static Task<DeleteOrganisationPage> OpenAsync(BrowserSession session, Guid organisationId) =>
        OpenAsync(session, $"/o/{organisationId}/verwijderen", r => new DeleteOrganisationPage(session, r), "delete-organisation");

    /// <summary>Types <paramref name="name"/> and presses the red button; the same page answers (with an error, or the pending erasure).</summary>
    public async Task<DeleteOrganisationPage> RequestAsync(string name, string step)
    {
        await Page.GetByLabel("Naam van de organisatie").FillAsync(name);
        return await GoToAsync(() => MainButton("Ja, verwijder deze organisatie").ClickAsync(), r => new DeleteOrganisationPage(Session, r), step);
    }

    /// <summary>The form's error messages.</summary>
    public Task<IReadOnlyList<string>> ErrorsAsync() => Page.Locator("main .errors li").AllInnerTextsAsync();

    /// <summary>The pending erasure's panel text, or null when none is pending.</summary>
    public async Task<string?> PendingAsync() =>
        await Page.Locator("main section[aria-labelledby=erasure-pending]").CountAsync() == 1
            ? await Page.Locator("main section[aria-labelledby=erasure-pending]").InnerTextAsync()
            : null;

    /// <summary>Presses "Wissen tegenhouden", expecting the dashboard.</summary>
    public Task<DashboardPage> CancelAsync() =>
        GoToAsync(() => MainButton("Wissen tegenhouden").ClickAsync(), r => new DashboardPage(Session, r), "dashboard-erasure-stopped");

    [GeneratedRegex("^/o/(?<id>[0-9a-fA-F-]{36})/verwijderen$")]
    private static partial Regex DeletePath();
}
