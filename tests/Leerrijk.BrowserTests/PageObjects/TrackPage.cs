using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/o/{id}/track: a company's track with a support organisation (stages, coach hours, notes, rounds).</summary>
public sealed partial class TrackPage : PageObject
{
    internal TrackPage(BrowserSession session, IResponse response)
        : base(session, response, TrackPath())
    {
    }

    public static Task<TrackPage> OpenAsync(BrowserSession session, Guid organisationId) =>
        OpenAsync(session, $"/o/{organisationId}/track", r => new TrackPage(session, r), "track");

    /// <summary>Whether the page offers the adviser's "Traject starten" form.</summary>
    public async Task<bool> OffersStartAsync() => await MainButton("Traject starten").CountAsync() == 1;

    /// <summary>Starts a track with the form's defaults (today, 120 hours, intake) and an own budget.</summary>
    public async Task<TrackPage> StartAsync(string budget)
    {
        await Page.GetByLabel("Budget coachuren").FillAsync(budget);
        return await GoToAsync(() => MainButton("Traject starten").ClickAsync(), r => new TrackPage(Session, r), "track-started");
    }

    /// <summary>Fills "Uren schrijven" (the date stays today) and presses "Uren opslaan".</summary>
    public async Task<TrackPage> LogHoursAsync(string hours, string activity)
    {
        var form = HoursSection;
        await form.GetByLabel("Uren", new() { Exact = true }).FillAsync(hours);
        await form.GetByLabel("Activiteit").FillAsync(activity);
        return await GoToAsync(() => form.GetByRole(AriaRole.Button, new() { Name = "Uren opslaan" }).ClickAsync(), r => new TrackPage(Session, r), "track-hours");
    }

    /// <summary>The error shown beside the hours field, empty when there is none.</summary>
    public async Task<string> HoursErrorAsync() => (await Page.Locator("#Hours_Hours-error").InnerTextAsync()).Trim();

    /// <summary>The line "Gebruikt: X van Y uur."</summary>
    public async Task<string> HoursUsedAsync() => (await Page.Locator("#hours-used").InnerTextAsync()).Trim();

    /// <summary>The rows of the coach-hours table: date, hours, activity, by.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<string>>> HoursRowsAsync()
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var row in await HoursSection.Locator("table tbody tr").AllAsync())
        {
            rows.Add([.. (await row.Locator("td").AllInnerTextsAsync()).Select(t => t.Trim())]);
        }

        return rows;
    }

    /// <summary>Writes a conversation note (today), internal to the support organisation when asked, and saves it.</summary>
    public async Task<TrackPage> WriteNoteAsync(string text, bool internalToSupport)
    {
        var form = NotesSection;
        await form.GetByLabel("Verslag", new() { Exact = true }).FillAsync(text);
        if (internalToSupport)
        {
            await form.GetByRole(AriaRole.Checkbox).CheckAsync();
        }

        return await GoToAsync(() => form.GetByRole(AriaRole.Button, new() { Name = "Verslag opslaan" }).ClickAsync(), r => new TrackPage(Session, r), "track-note");
    }

    /// <summary>The notes as shown, each as its text with the date, author and any "Intern" mark.</summary>
    public async Task<IReadOnlyList<string>> NotesAsync() =>
        [.. (await NotesSection.Locator("li.card").AllInnerTextsAsync()).Select(t => t.ReplaceLineEndings(" ").Trim())];

    private ILocator HoursSection => Page.Locator("section[aria-labelledby='hours-heading']");

    private ILocator NotesSection => Page.Locator("section[aria-labelledby='notes-heading']");

    [GeneratedRegex("^/o/(?<id>[0-9a-fA-F-]{36})/track$")]
    private static partial Regex TrackPath();
}
