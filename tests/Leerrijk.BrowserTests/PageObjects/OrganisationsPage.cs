using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/organisations: "Mijn organisaties", where a signed-in person lands.</summary>
public sealed class OrganisationsPage : PageObject
{
    internal OrganisationsPage(BrowserSession session, IResponse response)
        : base(session, response, "/organisations")
    {
    }

    public static Task<OrganisationsPage> OpenAsync(BrowserSession session) =>
        OpenAsync(session, "/organisations", r => new OrganisationsPage(session, r), "organisations");

    /// <summary>The organisations listed, by name.</summary>
    public async Task<IReadOnlyList<string>> OrganisationNamesAsync() =>
        [.. (await Page.Locator("main ul.list li a").AllInnerTextsAsync()).Select(t => t.Trim())];

    /// <summary>Presses "Organisatie aanmelden" (in English "Register an organisation").</summary>
    public Task<CreateOrganisationPage> FollowRegisterOrganisationAsync(string linkText = "Organisatie aanmelden") =>
        GoToAsync(() => MainLink(linkText).ClickAsync(), r => new CreateOrganisationPage(Session, r), "organisation-new");

    /// <summary>Opens an organisation's dashboard from the list.</summary>
    public Task<DashboardPage> OpenOrganisationAsync(string name) =>
        GoToAsync(() => MainLink(name).ClickAsync(), r => new DashboardPage(Session, r), "dashboard");

    /// <summary>Follows "Mijn account" in the header to the change-password page.</summary>
    public Task<ChangePasswordPage> FollowMyAccountAsync() =>
        GoToAsync(() => HeaderLink("Mijn account").ClickAsync(), r => new ChangePasswordPage(Session, r), "change-password");

    /// <summary>Follows "Beheer" in the header, which only platform admins see.</summary>
    public Task<AdminUsersPage> FollowAdministrationAsync() =>
        GoToAsync(() => HeaderLink("Beheer").ClickAsync(), r => new AdminUsersPage(Session, r), "admin-users");

    public Task<OrganisationsPage> SwitchToEnglishAsync() =>
        SwitchLanguageAsync(r => new OrganisationsPage(Session, r), "organisations-english", "English");
}
