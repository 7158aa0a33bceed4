using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;

namespace Leerrijk.BrowserTests.Features;

[Collection(BrowserCollection.Name)]
public sealed class LandingPageTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Landing_page_explains_Leerrijk_and_links_to_log_in()
    {
        await using var session = await browser.NewSessionAsync();

        var landing = await LandingPage.OpenAsync(session);

        Assert.Equal(200, landing.StatusCode);
        Assert.Equal("nl", await landing.LanguageAsync());
        Assert.Equal("Houd uw mensen en uw vakmanschap in huis", await landing.HeadingAsync());
        Assert.Equal("/Account/Login", await landing.LogInLinkTargetAsync());
    }

    [SkippableFact]
    public async Task The_header_button_switches_the_landing_page_to_English()
    {
        await using var session = await browser.NewSessionAsync();
        var landing = await LandingPage.OpenAsync(session);

        var english = await landing.SwitchToEnglishAsync();

        Assert.Equal(200, english.StatusCode);
        Assert.Equal("en", await english.LanguageAsync());
        Assert.Equal("Keep your people and your craftsmanship in house", await english.HeadingAsync());
        Assert.Equal("/Account/Login", await english.LogInLinkTargetAsync("Log in"));
    }
}
