using System.Net;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Organisations;

public sealed class InvitationTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private async Task<(Organisation Organisation, Uri Link, string Email)> InviteAsync(OrganisationRole role = OrganisationRole.Hr)
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var client = await app.LoggedInClientAsync(owner.Email!);
        var email = $"collega-{Guid.NewGuid():N}@example.test";
        var members = $"/o/{organisation.Id}/members";

        var response = await client.PostFormAsync($"{members}?handler=Invite", new() { ["Invite.Email"] = email, ["Invite.Role"] = role.ToString() }, members);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mail = await app.Outbox.WaitForMessageToAsync(email, organisation.Name);
        return (organisation, MailOutbox.LinkIn(mail, "/invitations/accept"), email);
    }

    [Fact]
    public async Task An_invited_colleague_joins_with_the_role_the_owner_chose()
    {
        var (organisation, link, email) = await InviteAsync(OrganisationRole.Hr);
        var colleague = await app.CreateUserAsync(email);
        var client = await app.LoggedInClientAsync(email);

        Assert.Contains(organisation.Name, await client.GetHtmlAsync(link.PathAndQuery), StringComparison.Ordinal);
        var accepted = await client.PostFormAsync(link.PathAndQuery, new(), link.PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal($"/o/{organisation.Id}", accepted.Headers.Location!.OriginalString);
        Assert.Contains("Uw rol: HR", await client.GetHtmlAsync($"/o/{organisation.Id}"), StringComparison.Ordinal);

        // The link works once.
        Assert.Contains("verlopen, ingetrokken of al gebruikt", await client.GetHtmlAsync(link.PathAndQuery), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        Assert.Equal(OrganisationRole.Hr, (await db.Memberships.SingleAsync(m => m.UserId == colleague.Id)).Role);
    }

    [Fact]
    public async Task The_database_holds_only_a_hash_of_the_invitation_link()
    {
        var (organisation, link, _) = await InviteAsync();
        var token = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query)["token"].ToString();

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var invitation = await db.Invitations.SingleAsync(i => i.OrganisationId == organisation.Id);
        Assert.True(token.Length >= 43, "256-bit token");
        Assert.NotEqual(token, invitation.TokenHash);
        Assert.Equal(Invitation.HashToken(token), invitation.TokenHash);
    }

    [Fact]
    public async Task Someone_logged_in_with_another_address_cannot_use_the_invitation()
    {
        var (organisation, link, email) = await InviteAsync();
        var stranger = await app.CreateUserAsync();
        var client = await app.LoggedInClientAsync(stranger.Email!);

        var response = await client.PostFormAsync(link.PathAndQuery, new(), link.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Deze uitnodiging is voor {email}", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/o/{organisation.Id}")).StatusCode);
    }

    [Fact]
    public async Task Revoked_and_expired_invitations_no_longer_work()
    {
        var (organisation, link, email) = await InviteAsync();
        await app.CreateUserAsync(email);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            var invitation = await db.Invitations.SingleAsync(i => i.OrganisationId == organisation.Id);
            invitation.ExpiresAtUtc = DateTime.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }

        var client = await app.LoggedInClientAsync(email);
        var expired = await client.PostFormAsync(link.PathAndQuery, new(), "/organisations");
        Assert.Contains("verlopen, ingetrokken of al gebruikt", await expired.TextAsync(), StringComparison.Ordinal);

        var (organisation2, link2, email2) = await InviteAsync();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            var invitation = await db.Invitations.SingleAsync(i => i.OrganisationId == organisation2.Id);
            invitation.RevokedAtUtc = DateTime.UtcNow;
            await db.SaveChangesAsync();
        }

        await app.CreateUserAsync(email2);
        var client2 = await app.LoggedInClientAsync(email2);
        var revoked = await client2.PostFormAsync(link2.PathAndQuery, new(), "/organisations");
        Assert.Contains("verlopen, ingetrokken of al gebruikt", await revoked.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client2.GetAsync($"/o/{organisation2.Id}")).StatusCode);
    }

    [Fact]
    public async Task Inviting_an_existing_member_or_a_bad_address_is_explained()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var client = await app.LoggedInClientAsync(owner.Email!);
        var members = $"/o/{organisation.Id}/members";

        var self = await client.PostFormAsync($"{members}?handler=Invite", new() { ["Invite.Email"] = owner.Email!, ["Invite.Role"] = "Hr" }, members);
        Assert.Contains("al lid van de organisatie", await self.TextAsync(), StringComparison.Ordinal);

        var bad = await client.PostFormAsync($"{members}?handler=Invite", new() { ["Invite.Email"] = "geen adres", ["Invite.Role"] = "" }, members);
        var html = await bad.TextAsync();
        Assert.Contains("Vul een geldig e-mailadres in", html, StringComparison.Ordinal);
        Assert.Contains("Kies een waarde bij Rol", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_owners_can_invite()
    {
        var owner = await app.CreateUserAsync();
        var hr = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        await app.AddMemberAsync(organisation.Id, hr.Id, OrganisationRole.Hr);
        var client = await app.LoggedInClientAsync(hr.Email!);
        var members = $"/o/{organisation.Id}/members";

        var response = await client.PostFormAsync($"{members}?handler=Invite", new() { ["Invite.Email"] = "x@example.test", ["Invite.Role"] = "Owner" }, members);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Outbox.Messages(), m => m.To.ToString().Contains("x@example.test", StringComparison.Ordinal));
    }
}
