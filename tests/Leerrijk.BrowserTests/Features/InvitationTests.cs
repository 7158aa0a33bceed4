using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;

namespace Leerrijk.BrowserTests.Features;

/// <summary>HR invites by e-mail in the browser; the invited person opens the mail's link on a phone and starts.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InvitationTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Hr_invites_by_mail_and_the_link_on_a_phone_leads_to_an_anonymous_start()
    {
        var owner = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id, "Zorggroep " + Guid.NewGuid().ToString("N")[..8]);
        var round = await browser.App.CreateRoundAsync(organisation.Id, owner.Id, r => r.Departments = []);
        var address = $"verzorgende-{Guid.NewGuid():N}@example.test";
        await using var desk = await browser.NewSessionAsync();
        await (await LoginPage.OpenAsync(desk)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);

        var invitations = await InvitationsPage.OpenAsync(desk, organisation.Id, round.Id);
        var wrong = await invitations.InviteAsync($"{address}\ngeen-adres", "invitations-error");
        Assert.Contains("geen-adres", await wrong.ErrorsAsync(), StringComparison.Ordinal);
        var sent = await wrong.InviteAsync(address, "invitations-sent");
        Assert.Equal("Leerrijk verstuurt nu de uitnodigingen (1).", await sent.StatusMessageAsync());

        var mail = await browser.App.Outbox.WaitForMessageToAsync(address);
        var link = MailOutbox.LinkIn(mail, "/u/").PathAndQuery;
        await using var phone = await browser.NewPhoneSessionAsync();
        var landing = await InvitationLinkPage.OpenAsync(phone, link, "invitation-link");
        Assert.Equal("U bent persoonlijk uitgenodigd voor deze vragenlijst.", (await landing.MainTextAsync()).Split('\n').First(l => l.StartsWith("U bent", StringComparison.Ordinal)).Trim());
        var start = await landing.StartAsync();
        Assert.Equal(200, start.StatusCode);

        var used = await InvitationLinkPage.OpenAsync(phone, link, "invitation-used");
        Assert.Equal(409, used.StatusCode);
        Assert.Equal("Deze link is al gebruikt", await used.HeadingAsync());
        var counts = await (await InvitationsPage.OpenAsync(desk, organisation.Id, round.Id)).CountsAsync();
        Assert.Contains("Begonnen met hun link: 1", counts);
    }
}
