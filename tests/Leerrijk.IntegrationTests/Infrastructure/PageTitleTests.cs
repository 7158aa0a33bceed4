using System.Text.RegularExpressions;

namespace Leerrijk.IntegrationTests.Infrastructure;

/// <summary>Every page's browser title says where you are, also when the page takes its title from the localizer.</summary>
public sealed partial class PageTitleTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Fact]
    public async Task Titles_from_the_localizer_reach_the_browser_title()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var client = await app.LoggedInClientAsync(owner.Email!);

        Assert.Equal("Menukaart: eerste stappen · Leerrijk", TitleOf(await client.GetHtmlAsync("/menukaart")));
        Assert.Equal("Actieplan · Leerrijk", TitleOf(await client.GetHtmlAsync($"/o/{organisation.Id}/plan")));
        Assert.Equal("Metingen · Leerrijk", TitleOf(await client.GetHtmlAsync($"/o/{organisation.Id}/rounds")));
    }

    private static string TitleOf(string html) => TitleTag().Match(html).Groups[1].Value;

    [GeneratedRegex("<title>([^<]*)</title>")]
    private static partial Regex TitleTag();
}
