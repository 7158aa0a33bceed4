using System.Globalization;
using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/leergemeenschap/{id}/sessies/nieuw: a facilitator plans a session.</summary>
public sealed partial class NewSessionPage : PageObject
{
    internal NewSessionPage(BrowserSession session, IResponse response)
        : base(session, response, NewSessionPath())
    {
    }

    public static Task<NewSessionPage> OpenAsync(BrowserSession session, Guid communityId) =>
        OpenAsync(session, $"/leergemeenschap/{communityId}/sessies/nieuw", r => new NewSessionPage(session, r), "session-new");

    /// <summary>Fills the form by its labels and presses "Opslaan en uitnodigen", expecting the session's page.</summary>
    public async Task<SessionPage> PlanAsync(DateOnly day, string start, string end, string place, string agenda)
    {
        await FillAsync(day, start, end, place, agenda);
        return await GoToAsync(() => MainButton("Opslaan en uitnodigen").ClickAsync(), r => new SessionPage(Session, r), "session-planned");
    }

    /// <summary>Same, for input the page refuses: the form comes back with its messages.</summary>
    public async Task<NewSessionPage> PlanRefusedAsync(DateOnly day, string start, string end, string place, string agenda)
    {
        await FillAsync(day, start, end, place, agenda);
        return await GoToAsync(() => MainButton("Opslaan en uitnodigen").ClickAsync(), r => new NewSessionPage(Session, r), "session-new-refused");
    }

    /// <summary>The message beside the end time, empty when there is none.</summary>
    public async Task<string> EndTimeErrorAsync() => (await Page.Locator("#Input_EndTime-error").InnerTextAsync()).Trim();

    private async Task FillAsync(DateOnly day, string start, string end, string place, string agenda)
    {
        var main = Page.Locator("main");
        await main.GetByLabel("Datum", new() { Exact = true }).FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await main.GetByLabel("Begintijd", new() { Exact = true }).FillAsync(start);
        await main.GetByLabel("Eindtijd", new() { Exact = true }).FillAsync(end);
        await main.GetByLabel("Plaats", new() { Exact = true }).FillAsync(place);
        await main.GetByLabel("Agenda", new() { Exact = true }).FillAsync(agenda);
    }

    [GeneratedRegex("^/leergemeenschap/[0-9a-f-]+/sessies/nieuw$")]
    private static partial Regex NewSessionPath();
}

/// <summary>/leergemeenschap/{id}/sessies/{sessionId}: one session, with attendance and notes for the facilitator once it started.</summary>
public sealed partial class SessionPage : PageObject
{
    internal SessionPage(BrowserSession session, IResponse response)
        : base(session, response, SessionPath())
    {
    }

    public static Task<SessionPage> OpenAsync(BrowserSession session, Guid communityId, Guid sessionId) =>
        OpenAsync(session, $"/leergemeenschap/{communityId}/sessies/{sessionId}", r => new SessionPage(session, r), "session");

    /// <summary>The facts list: date, time, place, agenda.</summary>
    public Task<string> FactsAsync() => Page.Locator("main dl.facts").InnerTextAsync();

    /// <summary>Ticks the members with these names (and no others) and presses "Aanwezigheid opslaan".</summary>
    public async Task<SessionPage> RecordAttendanceAsync(params string[] present)
    {
        var section = Page.Locator("#attendance");
        foreach (var box in await section.GetByRole(AriaRole.Checkbox).AllAsync())
        {
            var id = await box.GetAttributeAsync("id");
            var label = await section.Locator($"label[for='{id}']").InnerTextAsync();
            await box.SetCheckedAsync(present.Any(p => label.StartsWith(p, StringComparison.Ordinal)));
        }

        return await GoToAsync(() => section.GetByRole(AriaRole.Button, new() { Name = "Aanwezigheid opslaan" }).ClickAsync(), r => new SessionPage(Session, r), "session-attendance");
    }

    /// <summary>The names whose box is ticked.</summary>
    public async Task<IReadOnlyList<string>> PresentAsync()
    {
        var section = Page.Locator("#attendance");
        var names = new List<string>();
        foreach (var box in await section.GetByRole(AriaRole.Checkbox).AllAsync())
        {
            if (await box.IsCheckedAsync())
            {
                names.Add(await section.Locator($"label[for='{await box.GetAttributeAsync("id")}']").InnerTextAsync());
            }
        }

        return names;
    }

    /// <summary>Writes the notes and presses "Verslag opslaan".</summary>
    public async Task<SessionPage> WriteNotesAsync(string notes)
    {
        var section = Page.Locator("#notes");
        await section.GetByLabel("Verslag", new() { Exact = true }).FillAsync(notes);
        return await GoToAsync(() => section.GetByRole(AriaRole.Button, new() { Name = "Verslag opslaan" }).ClickAsync(), r => new SessionPage(Session, r), "session-notes");
    }

    [GeneratedRegex("^/leergemeenschap/[0-9a-f-]+/sessies/[0-9a-f-]+$")]
    private static partial Regex SessionPath();
}
