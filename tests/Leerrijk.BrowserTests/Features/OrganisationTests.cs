using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;
using Leerrijk.Web.Features.Organisations;

namespace Leerrijk.BrowserTests.Features;

[Collection(BrowserCollection.Name)]
public sealed class OrganisationTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task An_owner_registers_an_organisation_and_invites_an_HR_colleague_who_accepts_from_the_mail()
    {
        var owner = await browser.App.CreateUserAsync();
        var colleagueEmail = $"collega-{Guid.NewGuid():N}@example.test";
        var name = "Houtbewerking " + Guid.NewGuid().ToString("N")[..8];

        // The owner registers the organisation and invites a colleague.
        await using var ownerSession = await browser.NewSessionAsync();
        var organisations = await (await LoginPage.OpenAsync(ownerSession)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);
        var create = await organisations.FollowRegisterOrganisationAsync();
        Assert.Equal("Organisatie aanmelden", await create.HeadingAsync());

        var dashboard = await create.RegisterAsync(OrganisationProfile.Example(name));

        Assert.Equal(name, await dashboard.HeadingAsync());
        Assert.Equal("Uw rol: Eigenaar", await dashboard.RoleLineAsync());
        Assert.Contains("De organisatie is aangemeld", await dashboard.StatusMessageAsync(), StringComparison.Ordinal);
        var facts = await dashboard.FactsAsync();
        Assert.Equal("C – Industrie", facts["Sector"]);
        Assert.Equal("10 tot en met 49 medewerkers", facts["Aantal medewerkers"]);
        Assert.Equal("Gelderland", facts["Provincie"]);
        Assert.Equal("Achterhoek", facts["Arbeidsmarktregio"]);
        Assert.Equal("12345678", facts["KvK-nummer (niet verplicht)"]);
        Assert.True(await dashboard.OffersEditDetailsAsync(), "An owner's dashboard offers 'Gegevens wijzigen'.");

        var members = await dashboard.FollowMembersAsync();
        Assert.Equal("Leden en uitnodigingen", await members.HeadingAsync());
        var ownerRow = Assert.Single(await members.MembersAsync());
        Assert.Equal((owner.Email, "Eigenaar"), (ownerRow.Email, ownerRow.Role));
        Assert.EndsWith("(u)", ownerRow.Name, StringComparison.Ordinal);
        Assert.True(await members.OffersMemberControlsForAsync(owner.Email!), "An owner gets the role select, 'Rol opslaan' and 'Verwijderen'.");
        Assert.Empty(await members.OpenInvitationsAsync());

        var invited = await members.InviteAsync(colleagueEmail, "Hr");

        Assert.Contains($"De uitnodiging is gestuurd naar {colleagueEmail}", await invited.StatusMessageAsync(), StringComparison.Ordinal);
        var invitation = Assert.Single(await invited.OpenInvitationsAsync());
        Assert.StartsWith($"{colleagueEmail} – HR – geldig tot", invitation, StringComparison.Ordinal);
        Assert.True(await invited.OffersRevokeForAsync(colleagueEmail), "The open invitation has its 'Intrekken' button.");

        // The colleague has an account with the invited address, opens the link from the mail, logs in and accepts.
        await browser.App.CreateUserAsync(colleagueEmail);
        await using var colleagueSession = await browser.NewSessionAsync(
            nameof(An_owner_registers_an_organisation_and_invites_an_HR_colleague_who_accepts_from_the_mail) + "-colleague");
        var anonymous = await AcceptInvitationPage.OpenLinkFromMailAsync(colleagueSession, colleagueEmail);
        Assert.Contains($"U bent uitgenodigd voor {name} in Leerrijk, met de rol HR.", await anonymous.MainTextAsync(), StringComparison.Ordinal);
        Assert.True(await anonymous.OffersLogInAndCreateAccountAsync(), "Someone not logged in is offered 'Inloggen' and 'Account maken'.");
        Assert.False(await anonymous.OffersAcceptAsync(), "Someone not logged in cannot accept yet.");

        var login = await anonymous.FollowLogInAsync();
        var loggedIn = await login.LogInToInvitationAsync(colleagueEmail, LeerrijkAppFactory.Password);
        Assert.True(await loggedIn.OffersAcceptAsync(), "After logging in, the invitation offers 'Uitnodiging aannemen'.");

        var joined = await loggedIn.AcceptAsync();

        Assert.Equal(dashboard.OrganisationId, joined.OrganisationId);
        Assert.Equal(name, await joined.HeadingAsync());
        Assert.Equal("Uw rol: HR", await joined.RoleLineAsync());
        Assert.Contains($"U bent nu lid van {name}", await joined.StatusMessageAsync(), StringComparison.Ordinal);
        Assert.False(await joined.OffersEditDetailsAsync(), "Only owners are offered 'Gegevens wijzigen'.");

        // The owner now sees the colleague as a member, and the invitation is no longer open.
        var after = await MembersPage.OpenAsync(ownerSession, dashboard.OrganisationId);
        Assert.Contains(await after.MembersAsync(), m => m.Email == colleagueEmail && m.Role == "HR");
        Assert.Empty(await after.OpenInvitationsAsync());
    }

    [SkippableFact]
    public async Task The_owner_edits_the_profile_in_settings_and_a_Viewer_who_opens_settings_is_denied()
    {
        var owner = await browser.App.CreateUserAsync();
        var viewer = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id, "Bakkerij " + Guid.NewGuid().ToString("N")[..8]);
        await browser.App.AddMemberAsync(organisation.Id, viewer.Id, OrganisationRole.Viewer);
        var newName = "Zorggroep " + Guid.NewGuid().ToString("N")[..8];

        // The owner edits the profile.
        await using var ownerSession = await browser.NewSessionAsync();
        var organisations = await (await LoginPage.OpenAsync(ownerSession)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);
        var dashboard = await organisations.OpenOrganisationAsync(organisation.Name);
        var settings = await dashboard.FollowEditDetailsAsync();
        Assert.Equal("Gegevens van de organisatie", await settings.HeadingAsync());
        Assert.Equal(new OrganisationProfile(organisation.Name, "C", "Small", "gelderland", "achterhoek"), await settings.ProfileAsync());

        var saved = await settings.SaveAsync(new OrganisationProfile(newName, "Q", "Medium", "utrecht", "midden-utrecht", "87654321"));

        Assert.Equal(organisation.Id, saved.OrganisationId);
        Assert.Equal(newName, await saved.HeadingAsync());
        Assert.Contains("De gegevens zijn opgeslagen", await saved.StatusMessageAsync(), StringComparison.Ordinal);
        var facts = await saved.FactsAsync();
        Assert.Equal("Q – Gezondheids- en welzijnszorg", facts["Sector"]);
        Assert.Equal("50 tot en met 249 medewerkers", facts["Aantal medewerkers"]);
        Assert.Equal("Utrecht", facts["Provincie"]);
        Assert.Equal("Midden-Utrecht", facts["Arbeidsmarktregio"]);
        Assert.Equal("87654321", facts["KvK-nummer (niet verplicht)"]);

        // A Viewer sees the new name but no way to edit, and typing the settings address lands on "Geen toegang".
        await using var viewerSession = await browser.NewSessionAsync(
            nameof(The_owner_edits_the_profile_in_settings_and_a_Viewer_who_opens_settings_is_denied) + "-viewer");
        var viewerOrganisations = await (await LoginPage.OpenAsync(viewerSession)).LogInAsync(viewer.Email!, LeerrijkAppFactory.Password);
        Assert.Equal([newName], await viewerOrganisations.OrganisationNamesAsync());
        var viewerDashboard = await viewerOrganisations.OpenOrganisationAsync(newName);
        Assert.Equal("Uw rol: Meelezer", await viewerDashboard.RoleLineAsync());
        Assert.False(await viewerDashboard.OffersEditDetailsAsync(), "A Viewer is not offered 'Gegevens wijzigen'.");

        var denied = await SettingsPage.OpenExpectingAccessDeniedAsync(viewerSession, organisation.Id);

        Assert.Equal(403, denied.StatusCode);
        Assert.Equal("Geen toegang", await denied.HeadingAsync());
    }
}
