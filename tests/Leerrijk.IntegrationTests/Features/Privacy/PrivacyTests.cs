namespace Leerrijk.IntegrationTests.Features.Privacy;

/// <summary>The public privacy page on an installation whose host has not filled in who they are.</summary>
public sealed class PrivacyTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Fact]
    public async Task The_page_says_in_dutch_what_is_kept_why_respondents_have_nothing_to_download_and_that_the_host_is_not_configured()
    {
        var html = await app.CreateBrowserClient().GetHtmlAsync("/privacy");

        Assert.Contains("<h1>Privacy</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Waarom er niets te downloaden is", html, StringComparison.Ordinal);
        Assert.Contains("Leerrijk weet niet welke antwoorden van u zijn.", html, StringComparison.Ordinal);
        Assert.Contains("Uw lidmaatschappen", html, StringComparison.Ordinal);
        Assert.Contains("Ruwe antwoorden worden standaard 24 maanden na het sluiten van de ronde verwijderd; de organisatie kan dit korter instellen.", html, StringComparison.Ordinal);
        Assert.Contains("Autoriteit Persoonsgegevens", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"host-unnamed\">De organisatie die Leerrijk voor u host, verwerkt de gegevens in opdracht van het bedrijf (als verwerker). Die organisatie heeft haar naam en contactgegevens nog niet in Leerrijk ingevuld.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"host-named\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_speaks_english_when_asked()
    {
        var html = await app.CreateBrowserClient().GetHtmlAsync("/privacy?lang=en");

        Assert.Contains("<html lang=\"en\"", html, StringComparison.Ordinal);
        Assert.Contains("Why there is nothing to download", html, StringComparison.Ordinal);
        Assert.Contains("Raw answers are deleted 24 months after the round closes by default; the organisation can set a shorter period.", html, StringComparison.Ordinal);
        Assert.Contains("It has not filled in its name and contact details in Leerrijk yet.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Waarom er niets te downloaden is", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_footer_and_the_answering_start_page_link_to_it()
    {
        var round = await app.CreateRoundAsync();
        var start = await app.CreateBrowserClient().GetHtmlAsync("/s/" + round.Code);
        var home = await app.CreateBrowserClient().GetHtmlAsync("/");

        Assert.Contains("<a href=\"/privacy\">Meer over privacy</a>", start, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/privacy\">Privacy</a>", home, StringComparison.Ordinal);
        Assert.Contains("de taal waarin u antwoordt, en uw rol, afdeling en jaren in dienst als u die kiest", start, StringComparison.Ordinal);
    }
}

/// <summary>The privacy page and the works council sheet on an installation whose host filled in the <c>Host</c> section.</summary>
public sealed class PrivacyConfiguredHostTests(PrivacyConfiguredHostTests.HostApp app) : IClassFixture<PrivacyConfiguredHostTests.HostApp>
{
    public sealed class HostApp : LeerrijkAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Host:Name"] = "Leernetwerk Achterhoek",
            ["Host:Email"] = "privacy@leernetwerk.example",
            ["Host:Address"] = "Postbus 12, 7000 AA Doetinchem",
        };
    }

    [Fact]
    public async Task Both_languages_name_the_configured_host_and_its_contact()
    {
        var dutch = await app.CreateBrowserClient().GetHtmlAsync("/privacy");
        var english = await app.CreateBrowserClient().GetHtmlAsync("/privacy?lang=en");

        Assert.Contains("<p class=\"host-named\">Leernetwerk Achterhoek host Leerrijk en verwerkt de gegevens in opdracht van het bedrijf (als verwerker).", dutch, StringComparison.Ordinal);
        Assert.Contains("<p class=\"host-named\">Leernetwerk Achterhoek hosts Leerrijk and processes the data on behalf of the company (as processor).", english, StringComparison.Ordinal);
        foreach (var html in new[] { dutch, english })
        {
            Assert.Contains("<a href=\"mailto:privacy@leernetwerk.example\">privacy@leernetwerk.example</a>", html, StringComparison.Ordinal);
            Assert.Contains("Postbus 12, 7000 AA Doetinchem", html, StringComparison.Ordinal);
            Assert.DoesNotContain("class=\"host-unnamed\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_works_council_sheet_names_the_host_too()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var round = await app.CreateRoundAsync(organisation.Id, owner.Id);
        var client = await app.LoggedInClientAsync(owner.Email!);

        var html = await client.GetHtmlAsync($"/o/{organisation.Id}/rounds/{round.Id}/or-informatie");

        Assert.Contains("Leernetwerk Achterhoek host Leerrijk", html, StringComparison.Ordinal);
        Assert.Contains("privacy@leernetwerk.example", html, StringComparison.Ordinal);
    }
}
