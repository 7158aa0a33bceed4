using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.Features;

/// <summary>The QR poster of a round: passes axe, shows the QR code, and prints on exactly one A4 page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PosterTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_member_opens_the_poster_in_two_languages_and_it_prints_on_one_A4_page()
    {
        var (organisationId, round, email) = await SeedAsync("Voorjaarsmeting 2026 werkplaats en kantoor", ["nl", "en"]);
        await using var session = await browser.NewSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(email, LeerrijkAppFactory.Password);

        var poster = await PosterPage.OpenAsync(session, organisationId, round.Id);

        Assert.Equal(200, poster.StatusCode);
        Assert.Equal("Hoe leren wij van elkaar?", await poster.HeadingAsync());
        Assert.Equal(round.Code, await poster.CodeAsync());
        var shortLink = $"{browser.App.BaseAddress.Authority}/s/{round.Code}";
        Assert.Equal(shortLink, await poster.ShortLinkAsync());
        Assert.StartsWith("Druk deze pagina af met de afdrukknop van uw browser (A4).", await poster.PrintHintAsync(), StringComparison.Ordinal);
        await Assertions.Expect(poster.QrCode).ToHaveAccessibleNameAsync($"QR-code die naar {shortLink} leidt");
        var (width, height) = await poster.QrCodeSizeAsync();
        Assert.True(width >= 200 && Math.Abs(width - height) < 1, $"The QR code should be a large square, not {width} by {height}.");
        Assert.Contains("How do we learn from each other?", await poster.MainTextAsync(), StringComparison.Ordinal);

        await AssertPrintsOnOnePageAsync(session, poster, "two-languages");
    }

    [SkippableFact]
    public async Task The_longest_title_in_two_languages_and_the_english_poster_still_print_on_one_page_each()
    {
        var title = string.Concat(Enumerable.Repeat("Meting leercultuur werkplaats ", 10))[..Round.TitleMaxLength];
        var (organisationId, round, email) = await SeedAsync(title, ["nl", "en"], opensInDays: 7);
        await using var session = await browser.NewSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(email, LeerrijkAppFactory.Password);

        var both = await PosterPage.OpenAsync(session, organisationId, round.Id);
        await AssertPrintsOnOnePageAsync(session, both, "longest-title");

        var english = await PosterPage.OpenAsync(session, organisationId, round.Id, taal: "en");
        Assert.Equal("How do we learn from each other?", await english.HeadingAsync());
        Assert.Equal("en", await session.Page.Locator("main .poster-main").GetAttributeAsync("lang"));
        await AssertPrintsOnOnePageAsync(session, english, "english");
    }

    [SkippableFact]
    public async Task On_a_phone_the_poster_preview_fits_the_screen()
    {
        var (organisationId, round, email) = await SeedAsync("Meting bij " + Guid.NewGuid().ToString("N")[..8], ["nl"]);
        await using var session = await browser.NewPhoneSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(email, LeerrijkAppFactory.Password);

        var poster = await PosterPage.OpenAsync(session, organisationId, round.Id);

        var (scrollWidth, _) = await poster.WidthsAsync();
        Assert.True(scrollWidth <= 375, $"The poster page is {scrollWidth} CSS pixels wide on a 375-pixel phone.");
        Assert.True((await poster.QrCodeSizeAsync()).Width >= 200, "The QR code stays large enough to scan from the screen.");
    }

    private static async Task AssertPrintsOnOnePageAsync(BrowserSession session, PosterPage poster, string name)
    {
        var pdf = await poster.PrintToPdfAsync();
        if (Artifacts.Folder is { } folder)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, $"poster-{name}.pdf"), pdf);
            await session.Page.EmulateMediaAsync(new() { Media = Media.Print });
            await Artifacts.ScreenshotAsync(session.Page, $"poster-{name}-print");
            await session.Page.EmulateMediaAsync(new() { Media = Media.Null });
        }

        Assert.Equal(1, PosterPage.PdfPageCount(pdf));
    }

    /// <summary>An organisation with a round and a Viewer (any member may print the poster); returns the Viewer's address.</summary>
    private async Task<(Guid OrganisationId, Round Round, string Email)> SeedAsync(string title, string[] languages, int opensInDays = 0)
    {
        var owner = await browser.App.CreateUserAsync();
        var viewer = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id, "Bakkerij " + Guid.NewGuid().ToString("N")[..8]);
        await browser.App.AddMemberAsync(organisation.Id, viewer.Id, OrganisationRole.Viewer);
        var today = LocalizationSetup.Today(TimeProvider.System);
        var round = new Round
        {
            OrganisationId = organisation.Id,
            Code = Round.NewCode(),
            Title = title,
            InstrumentId = "leerrijk-teamscan",
            InstrumentVersion = 1,
            InstrumentFingerprint = "test",
            OpensOn = today.AddDays(opensInDays),
            ClosesOn = today.AddDays(opensInDays + 21),
            Roles = ["Employee"],
            Languages = [.. languages],
            AnonymityThreshold = 5,
            CreatedByUserId = owner.Id,
        };
        using var scope = browser.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        return (organisation.Id, round, viewer.Email!);
    }
}
