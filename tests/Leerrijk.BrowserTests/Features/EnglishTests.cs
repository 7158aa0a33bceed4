using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;

namespace Leerrijk.BrowserTests.Features;

[Collection(BrowserCollection.Name)]
public sealed class EnglishTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task The_organisation_pages_switched_to_English_show_English_text()
    {
        var user = await browser.App.CreateUserAsync();
        var name = "Metaalbouw " + Guid.NewGuid().ToString("N")[..8];
        await using var session = await browser.NewSessionAsync();
        var dutch = await (await LoginPage.OpenAsync(session)).LogInAsync(user.Email!, LeerrijkAppFactory.Password);

        var organisations = await dutch.SwitchToEnglishAsync();
        Assert.Equal("en", await organisations.LanguageAsync());
        Assert.Equal("My organisations", await organisations.HeadingAsync());

        var create = await organisations.FollowRegisterOrganisationAsync("Register an organisation");
        Assert.Equal("en", await create.LanguageAsync());
        Assert.Equal("Register an organisation", await create.HeadingAsync());

        var dashboard = await create.RegisterAsync(OrganisationProfile.Example(name), "Register");
        Assert.Equal("en", await dashboard.LanguageAsync());
        Assert.Equal(name, await dashboard.HeadingAsync());
        Assert.Equal("Your role: Owner", await dashboard.RoleLineAsync());
        Assert.Contains("The organisation is registered", await dashboard.StatusMessageAsync(), StringComparison.Ordinal);
        var facts = await dashboard.FactsAsync();
        Assert.Equal("C – Manufacturing", facts["Sector"]);
        Assert.Equal("10 to 49 employees", facts["Number of employees"]);

        var members = await dashboard.FollowMembersAsync("Members and invitations");
        Assert.Equal("en", await members.LanguageAsync());
        Assert.Equal("Members and invitations", await members.HeadingAsync());
        var owner = Assert.Single(await members.MembersAsync());
        Assert.Equal("Owner", owner.Role);
        Assert.EndsWith("(you)", owner.Name, StringComparison.Ordinal);
    }
}
