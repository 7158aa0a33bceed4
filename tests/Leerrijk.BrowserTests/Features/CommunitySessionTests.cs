using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;

namespace Leerrijk.BrowserTests.Features;

/// <summary>A facilitator plans a session, and records attendance and notes of one that took place; every page checked with axe.</summary>
/// <remarks>The community's own workspace page belongs to another slice, so the test goes to the session pages by address.</remarks>
[Collection(BrowserCollection.Name)]
public sealed class CommunitySessionTests(BrowserFixture browser)
{
    private static readonly DateOnly Today = Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(TimeProvider.System);

    [SkippableFact]
    public async Task A_facilitator_plans_a_session_and_records_attendance_and_notes_which_a_member_then_reads()
    {
        var c = await browser.App.CommunityAsync();
        var held = await browser.App.SessionAsync(c.Id, DateTime.UtcNow.AddHours(-2));
        await using var session = await browser.NewSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(c.Facilitator.Email!, LeerrijkAppFactory.Password);

        var form = await NewSessionPage.OpenAsync(session, c.Id);
        form = await form.PlanRefusedAsync(Today.AddDays(14), "16:00", "14:00", "Zaal 3, Regiohuis", "Kennismaken");
        Assert.Equal("De eindtijd moet na de begintijd liggen.", await form.EndTimeErrorAsync());
        var planned = await form.PlanAsync(Today.AddDays(14), "14:00", "16:30", "Zaal 3, Regiohuis", "Kennismaken\nVragen van de bedrijven");
        Assert.Contains("De bijeenkomst is opgeslagen en de uitnodigingen zijn verstuurd.", await planned.StatusMessageAsync(), StringComparison.Ordinal);
        Assert.Contains("14:00 tot 16:30 (Nederlandse tijd)", await planned.FactsAsync(), StringComparison.Ordinal);

        var page = await SessionPage.OpenAsync(session, c.Id, held.Id);
        page = await page.RecordAttendanceAsync(c.Members[0].DisplayName, c.Facilitator.DisplayName);
        Assert.Contains("De aanwezigheid is opgeslagen: 2 aanwezig.", await page.StatusMessageAsync(), StringComparison.Ordinal);
        Assert.Equal(2, (await page.PresentAsync()).Count);
        page = await page.WriteNotesAsync("We deelden drie manieren van inwerken.");
        Assert.Contains("Het verslag is opgeslagen.", await page.StatusMessageAsync(), StringComparison.Ordinal);

        await using var memberSession = await browser.NewSessionAsync("member");
        await (await LoginPage.OpenAsync(memberSession)).LogInAsync(c.Members[1].Email!, LeerrijkAppFactory.Password);
        var read = await SessionPage.OpenAsync(memberSession, c.Id, held.Id);
        Assert.Contains("We deelden drie manieren van inwerken.", await read.MainTextAsync(), StringComparison.Ordinal);
    }
}
