using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/invitations/accept?token=…: names the organisation and role; a signed-in person accepts, anyone else logs in first.</summary>
public sealed class AcceptInvitationPage : PageObject
{
    internal AcceptInvitationPage(BrowserSession session, IResponse response)
        : base(session, response, "/invitations/accept")
    {
    }

    /// <summary>Opens the link from the newest invitation mail to <paramref name="email"/>.</summary>
    public static async Task<AcceptInvitationPage> OpenLinkFromMailAsync(BrowserSession session, string email)
    {
        var mail = await session.App.Outbox.WaitForMessageToAsync(email, "Uitnodiging");
        var link = MailOutbox.LinkIn(mail, "/invitations/accept");
        return await OpenAsync(session, link.ToString(), r => new AcceptInvitationPage(session, r), "invitation");
    }

    /// <summary>Whether the page offers "Uitnodiging aannemen" (only to a signed-in person).</summary>
    public async Task<bool> OffersAcceptAsync() => await MainButton("Uitnodiging aannemen").CountAsync() == 1;

    /// <summary>Whether the page offers "Inloggen" and "Account maken" (to someone not signed in).</summary>
    public async Task<bool> OffersLogInAndCreateAccountAsync() =>
        await MainLink("Inloggen").CountAsync() == 1 && await MainLink("Account maken").CountAsync() == 1;

    /// <summary>Follows "Inloggen"; the log-in page returns here afterwards.</summary>
    public Task<LoginPage> FollowLogInAsync() =>
        GoToAsync(() => MainLink("Inloggen").ClickAsync(), r => new LoginPage(Session, r), "login");

    /// <summary>Presses "Uitnodiging aannemen", expecting the organisation's dashboard.</summary>
    public Task<DashboardPage> AcceptAsync() =>
        GoToAsync(() => MainButton("Uitnodiging aannemen").ClickAsync(), r => new DashboardPage(Session, r), "dashboard-joined");
}
