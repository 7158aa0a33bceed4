using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;

namespace Leerrijk.BrowserTests.Features;

/// <summary>The instrument library and its previews, as an owner choosing a scan sees them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InstrumentTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task The_library_leads_to_a_preview_that_shows_each_role_its_own_wording()
    {
        await using var session = await browser.NewSessionAsync();

        var library = await InstrumentLibraryPage.OpenAsync(session);
        Assert.True(await library.CountAsync() >= 1);
        var preview = await library.OpenPreviewAsync("Leerrijk teamscan");

        Assert.Equal(200, preview.StatusCode);
        Assert.Equal(24, await preview.QuestionCountAsync());
        Assert.True(await preview.ShowsAsync("Mijn leidinggevende vertelt mij wat goed gaat en wat beter kan."));

        var asManager = await preview.ShowForAsync("leidinggevende");
        Assert.True(await asManager.ShowsAsync("Ik vertel mijn mensen wat goed gaat en wat beter kan."));
    }

    [SkippableFact]
    public async Task On_a_phone_the_teamscan_preview_fits_the_screen()
    {
        await using var session = await browser.NewPhoneSessionAsync();

        var preview = await InstrumentPreviewPage.OpenAsync(session, "leerrijk-teamscan");

        var (scrollWidth, _) = await preview.WidthsAsync();
        Assert.True(scrollWidth <= 375, $"the preview is {scrollWidth}px wide on a 375px phone");
    }
}
