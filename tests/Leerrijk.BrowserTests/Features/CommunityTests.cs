using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Communities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.BrowserTests.Features;

/// <summary>Learning communities in the browser: a facilitator creates a learning table and invites; the invitee accepts, agrees a step and writes a lesson; the public list shows it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CommunityTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_facilitator_creates_a_learning_table_and_invites_and_the_invitee_accepts_and_the_public_list_shows_it()
    {
        var (coordinator, support) = await browser.App.CreateAdviserAsync(Leerrijk.Web.Features.Support.SupportRole.Coordinator);
        var invitee = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(invitee.Id, "Bouw " + Guid.NewGuid().ToString("N")[..8]);
        var name = "Leertafel " + Guid.NewGuid().ToString("N")[..6];

        await using var facilitatorSession = await browser.NewSessionAsync("Community-facilitator");
        var key = await browser.App.EnableTwoStepAsync(coordinator.Email!);
        await (await (await LoginPage.OpenAsync(facilitatorSession)).LogInToSecondStepAsync(coordinator.Email!, LeerrijkAppFactory.Password)).LogInToCaseloadAsync(Totp.Code(key));
        var form = await (await SupportCommunitiesPage.OpenAsync(facilitatorSession, support.Id)).FollowNewAsync();
        var members = await form.CreateAsync(name, "Nieuwe collega's inwerken", "Leertafel");
        Assert.Equal($"{name} is aangemaakt. U bent de begeleider. Nodig nu de deelnemers uit.", await members.StatusMessageAsync());
        var invited = await members.InviteAsync(invitee.Email!, organisation.Name);
        Assert.Equal($"De uitnodiging is gestuurd naar {invitee.Email}. De link werkt 30 dagen.", await invited.StatusMessageAsync());

        await using var inviteeSession = await browser.NewSessionAsync("Community-invitee");
        await (await LoginPage.OpenAsync(inviteeSession)).LogInAsync(invitee.Email!, LeerrijkAppFactory.Password);
        var invitation = await CommunityInvitationPage.OpenLinkFromMailAsync(inviteeSession, invitee.Email!, name);
        Assert.False(await invitation.ShowsIdentityTickedAsync());
        var workspace = await invitation.AcceptAsync();
        Assert.Equal($"Welkom bij {name}.", await workspace.StatusMessageAsync());
        Assert.Equal(name, await workspace.HeadingAsync());

        // The learning cycle: the member agrees a step (it lands in their own plan) and writes down a lesson.
        var cycle = await (await workspace.FollowCycleAsync()).AddTryAsync("Nieuwe collega loopt twee dagen mee");
        Assert.Equal("De stap staat in het actieplan van het bedrijf.", await cycle.StatusMessageAsync());
        cycle = await cycle.AddLessonAsync("Meelopen werkt als je vooraf zegt wat je laat zien.");
        Assert.Contains("Meelopen werkt als je vooraf zegt wat je laat zien.", await cycle.MainTextAsync(), StringComparison.Ordinal);

        await using var visitor = await browser.NewSessionAsync("Community-visitor");
        var list = await PublicCommunitiesPage.OpenAsync(visitor);
        Assert.Contains(name, await list.MainTextAsync(), StringComparison.Ordinal);
        var detail = await list.FollowAsync(name);
        Assert.Contains("Vraag om mee te doen", await detail.MainTextAsync(), StringComparison.Ordinal);

        using var scope = browser.App.Services.CreateScope();
        var member = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().CommunityMembers.SingleAsync(m => m.UserId == invitee.Id);
        Assert.Equal((MemberStatus.Active, (Guid?)organisation.Id, false), (member.Status, member.OrganisationId, member.ShowsIdentity));
        Assert.True(await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().ActionSteps.AnyAsync(
            s => s.OrganisationId == organisation.Id && s.CommunityId == member.CommunityId && s.Title == "Nieuwe collega loopt twee dagen mee"));
    }
}
