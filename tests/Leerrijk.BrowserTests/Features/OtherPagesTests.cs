using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;
using Leerrijk.Web.Features.Account;

namespace Leerrijk.BrowserTests.Features;

/// <summary>The pages not on a main path: platform administration, the 404 page, resending the confirmation link.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OtherPagesTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_platform_admin_opens_the_users_page_from_the_header_and_sees_the_platform_roles()
    {
        var admin = await browser.App.CreateUserAsync();
        var other = await browser.App.CreateUserAsync();
        await browser.App.GrantPlatformRoleAsync(admin.Email!, PlatformRoles.Admin);
        await using var session = await browser.NewSessionAsync();

        // A platform admin sees many companies' data, so the first log-in sets up two-step log-in.
        var setUp = await (await LoginPage.OpenAsync(session)).LogInToTwoFactorSetUpAsync(admin.Email!, LeerrijkAppFactory.Password);
        var organisations = await (await setUp.SetUpAsync()).ContinueToOrganisationsAsync();
        Assert.True(await organisations.HeaderHasLinkAsync("Beheer"), "A platform admin sees 'Beheer' in the header.");
        var users = await organisations.FollowAdministrationAsync();

        Assert.Equal(200, users.StatusCode);
        Assert.Equal("Gebruikers en platformrollen", await users.HeadingAsync());
        var adminButtons = await users.RoleButtonsForAsync(admin.Email!);
        Assert.Equal(["Afnemen", "Geven", "Geven", "Geven"], adminButtons.Select(b => b.Action));
        Assert.Contains($"Beheerder, {admin.Email}", adminButtons[0].AccessibleName, StringComparison.Ordinal);
        Assert.Equal(["Geven", "Geven", "Geven", "Geven"], (await users.RoleButtonsForAsync(other.Email!)).Select(b => b.Action));
    }

    [SkippableFact]
    public async Task An_unknown_address_shows_the_not_found_page_with_status_404()
    {
        await using var session = await browser.NewSessionAsync();

        var error = await ErrorPage.OpenAsync(session, $"/bestaat-niet/{Guid.NewGuid():N}", "not-found");

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("nl", await error.LanguageAsync());
        Assert.Equal("Pagina niet gevonden", await error.HeadingAsync());
    }

    [SkippableFact]
    public async Task The_resend_confirmation_page_sends_a_new_link_to_an_unconfirmed_address()
    {
        var user = await browser.App.CreateUserAsync(confirmed: false);
        await using var session = await browser.NewSessionAsync();

        var resend = await ResendConfirmationPage.OpenAsync(session);
        Assert.Equal("Bevestigingslink opnieuw sturen", await resend.HeadingAsync());
        var checkEmail = await resend.ResendAsync(user.Email!);
        Assert.Equal("Kijk in uw mailbox", await checkEmail.HeadingAsync());

        var confirm = await checkEmail.OpenConfirmationLinkFromMailAsync(user.Email!);
        Assert.Equal(200, confirm.StatusCode);
    }
}
