using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;
using Leerrijk.Web.Features.Organisations;

namespace Leerrijk.BrowserTests.Features;

/// <summary>The main pages on a phone (375 by 667 CSS pixels): axe passes and nothing makes the page scroll sideways.</summary>
/// <remarks>
/// A phone (unlike a desktop window) widens its layout viewport to whatever is too wide, so window.innerWidth
/// grows with the page; the pages are measured against the phone's 375 pixels instead.
/// </remarks>
[Collection(BrowserCollection.Name)]
public sealed class PhoneTests(BrowserFixture browser)
{
    private const int PhoneWidth = 375;

    [SkippableFact]
    public async Task On_a_phone_the_landing_login_and_organisation_dashboard_fit_the_screen_and_pass_axe()
    {
        var owner = await browser.App.CreateUserAsync();
        var colleague = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id, "Installatiebedrijf " + Guid.NewGuid().ToString("N")[..8]);
        await browser.App.AddMemberAsync(organisation.Id, colleague.Id, OrganisationRole.Hr);
        await using var session = await browser.NewPhoneSessionAsync();

        var landing = await LandingPage.OpenAsync(session);
        await AssertFitsThePhoneAsync(landing, "landing");
        var login = await landing.FollowLogInAsync();
        await AssertFitsThePhoneAsync(login, "login");
        var organisations = await login.LogInAsync(owner.Email!, LeerrijkAppFactory.Password);
        await AssertFitsThePhoneAsync(organisations, "organisations");
        var dashboard = await organisations.OpenOrganisationAsync(organisation.Name);
        Assert.Equal("Uw rol: Eigenaar", await dashboard.RoleLineAsync());
        await AssertFitsThePhoneAsync(dashboard, "dashboard");

        // Checked with axe (and photographed) here; its width is the next test's subject.
        var members = await dashboard.FollowMembersAsync();
        Assert.Equal(2, (await members.MembersAsync()).Count);
    }

    [SkippableFact]
    public async Task On_a_phone_the_members_page_with_an_open_invitation_fits_the_screen()
    {
        var owner = await browser.App.CreateUserAsync();
        var colleague = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id, "Loodgieter " + Guid.NewGuid().ToString("N")[..8]);
        await browser.App.AddMemberAsync(organisation.Id, colleague.Id, OrganisationRole.Hr);
        await using var session = await browser.NewPhoneSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);

        var members = await MembersPage.OpenAsync(session, organisation.Id);
        await AssertFitsThePhoneAsync(members, "members");
        var invited = await members.InviteAsync($"personeelszakenafdeling{Guid.NewGuid():N}@voorbeeldorganisatie.example", "Viewer");

        Assert.Single(await invited.OpenInvitationsAsync());
        await AssertFitsThePhoneAsync(invited, "members with an invitation");
    }

    private static async Task AssertFitsThePhoneAsync(PageObject page, string what)
    {
        var (scrollWidth, viewportWidth) = await page.WidthsAsync();
        Assert.True(
            scrollWidth <= PhoneWidth && viewportWidth == PhoneWidth,
            $"The {what} page is {scrollWidth} CSS pixels wide (layout viewport {viewportWidth}) on a {PhoneWidth}-pixel phone, so it scrolls sideways.");
    }
}
