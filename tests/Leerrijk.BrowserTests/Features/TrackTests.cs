using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;
using Leerrijk.Web.Features.Consent;

namespace Leerrijk.BrowserTests.Features;

/// <summary>An adviser starts a company's track, logs coach hours and writes an internal note; the owner reads the track without it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TrackTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task An_adviser_logs_coach_hours_and_an_internal_note_that_the_owner_does_not_see()
    {
        var app = browser.App;
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id, "Bakkerij " + Guid.NewGuid().ToString("N")[..8]);
        var (adviser, support) = await app.CreateAdviserAsync();
        await app.GrantAsync(organisation.Id, support.Id, adviser.Id, ConsentScope.ReadReports | ConsentScope.WorkOnPlan);
        await using var session = await browser.NewSessionAsync();
        var key = await browser.App.EnableTwoStepAsync(adviser.Email!); // advisers and coordinators log in in two steps
        await (await (await LoginPage.OpenAsync(session)).LogInToSecondStepAsync(adviser.Email!, LeerrijkAppFactory.Password)).LogInToCaseloadAsync(Totp.Code(key));

        var empty = await TrackPage.OpenAsync(session, organisation.Id);
        Assert.True(await empty.OffersStartAsync(), "An adviser without a track here is offered 'Traject starten'.");
        var track = await empty.StartAsync("40");
        Assert.Equal("Het traject is gestart.", await track.StatusMessageAsync());
        Assert.Equal("Gebruikt: 0 van 40 uur.", await track.HoursUsedAsync());

        var refused = await track.LogHoursAsync("anderhalf", "Intakegesprek");
        Assert.Equal("Vul het aantal uren in als getal, zoals 2 of 1,5.", await refused.HoursErrorAsync());
        Assert.Empty(await refused.HoursRowsAsync());

        var logged = await refused.LogHoursAsync("1,5", "Intakegesprek met de eigenaar");
        Assert.Equal("1,5 uur is opgeslagen.", await logged.StatusMessageAsync());
        Assert.Equal("Gebruikt: 1,5 van 40 uur.", await logged.HoursUsedAsync());
        var row = Assert.Single(await logged.HoursRowsAsync());
        Assert.Equal(["1,5", "Intakegesprek met de eigenaar"], row.Skip(1).Take(2));

        var noted = await logged.WriteNoteAsync("De eigenaar twijfelt nog over de subsidie.", internalToSupport: true);
        Assert.Equal("Het interne verslag is opgeslagen. Het bedrijf ziet het niet.", await noted.StatusMessageAsync());
        var note = Assert.Single(await noted.NotesAsync());
        Assert.Contains($"Intern: alleen zichtbaar voor {support.Name}", note, StringComparison.Ordinal);
        Assert.Contains("De eigenaar twijfelt nog over de subsidie.", note, StringComparison.Ordinal);

        await using var ownerSession = await browser.NewSessionAsync(nameof(An_adviser_logs_coach_hours_and_an_internal_note_that_the_owner_does_not_see) + "-owner");
        await (await LoginPage.OpenAsync(ownerSession)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);
        var ownersView = await TrackPage.OpenAsync(ownerSession, organisation.Id);
        Assert.Empty(await ownersView.NotesAsync());
        Assert.DoesNotContain("subsidie", await ownersView.MainTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Gebruikt: 1,5 van 40 uur.", await ownersView.HoursUsedAsync());
    }
}
