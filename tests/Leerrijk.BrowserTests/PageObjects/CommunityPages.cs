using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/support/{id}/leergemeenschappen: the communities a support organisation runs.</summary>
public sealed partial class SupportCommunitiesPage : PageObject
{
    internal SupportCommunitiesPage(BrowserSession session, IResponse response)
        : base(session, response, ListPath())
    {
    }

    public static Task<SupportCommunitiesPage> OpenAsync(BrowserSession session, Guid supportId) =>
        OpenAsync(session, $"/support/{supportId}/leergemeenschappen", r => new SupportCommunitiesPage(session, r), "communities");

    /// <summary>Follows "Nieuwe leergemeenschap".</summary>
    public Task<NewCommunityPage> FollowNewAsync() =>
        GoToAsync(() => MainLink("Nieuwe leergemeenschap").ClickAsync(), r => new NewCommunityPage(Session, r), "community-new");

    [GeneratedRegex("^/support/[0-9a-fA-F-]{36}/leergemeenschappen$")]
    private static partial Regex ListPath();
}

/// <summary>/support/{id}/leergemeenschappen/nieuw: the community form.</summary>
public sealed partial class NewCommunityPage : PageObject
{
    internal NewCommunityPage(BrowserSession session, IResponse response)
        : base(session, response, NewPath())
    {
    }

    /// <summary>Fills name and theme, picks the kind by its Dutch label, ticks "Open voor aanmeldingen" and creates it; lands on the members page.</summary>
    public async Task<CommunityMembersPage> CreateAsync(string name, string theme, string kind)
    {
        await Page.GetByLabel("Naam", new() { Exact = true }).FillAsync(name);
        await Page.GetByLabel("Thema", new() { Exact = true }).FillAsync(theme);
        await Page.GetByLabel("Soort", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = kind });
        await Page.GetByLabel("Open voor aanmeldingen").CheckAsync();
        return await GoToAsync(() => MainButton("Leergemeenschap aanmaken").ClickAsync(), r => new CommunityMembersPage(Session, r), "community-created");
    }

    [GeneratedRegex("^/support/[0-9a-fA-F-]{36}/leergemeenschappen/nieuw$")]
    private static partial Regex NewPath();
}

/// <summary>/leergemeenschap/{id}/leden: the facilitator invites and admits.</summary>
public sealed partial class CommunityMembersPage : PageObject
{
    internal CommunityMembersPage(BrowserSession session, IResponse response)
        : base(session, response, MembersPath())
    {
    }

    /// <summary>Fills the address and presses "Uitnodiging sturen"; the page comes back with the invitation listed.</summary>
    public async Task<CommunityMembersPage> InviteAsync(string email, string company)
    {
        await Page.GetByLabel("E-mailadres", new() { Exact = true }).FillAsync(email);
        await Page.GetByLabel("Bedrijf of school", new() { Exact = true }).FillAsync(company);
        return await GoToAsync(() => MainButton("Uitnodiging sturen").ClickAsync(), r => new CommunityMembersPage(Session, r), "community-invited");
    }

    [GeneratedRegex("^/leergemeenschap/[0-9a-fA-F-]{36}/leden$")]
    private static partial Regex MembersPath();
}

/// <summary>/leergemeenschap-uitnodiging/{token}: the invitee reads what members see of each other and accepts.</summary>
public sealed partial class CommunityInvitationPage : PageObject
{
    public const string ShowsIdentity = "Andere deelnemers mogen mijn naam en bedrijf zien";

    internal CommunityInvitationPage(BrowserSession session, IResponse response)
        : base(session, response, InvitationPath())
    {
    }

    /// <summary>Opens the link of the newest community invitation mailed to <paramref name="email"/>.</summary>
    public static async Task<CommunityInvitationPage> OpenLinkFromMailAsync(BrowserSession session, string email, string communityName)
    {
        var mail = await session.App.Outbox.WaitForMessageToAsync(email, communityName);
        var link = MailOutbox.LinkIn(mail, "/leergemeenschap-uitnodiging/");
        return await OpenAsync(session, link.ToString(), r => new CommunityInvitationPage(session, r), "community-invitation");
    }

    public Task<bool> ShowsIdentityTickedAsync() => Page.GetByLabel(ShowsIdentity).IsCheckedAsync();

    /// <summary>Presses "Ja, ik doe mee" (the only company is chosen already); lands on the community's page.</summary>
    public Task<CommunityWorkspacePage> AcceptAsync() =>
        GoToAsync(() => MainButton("Ja, ik doe mee").ClickAsync(), r => new CommunityWorkspacePage(Session, r), "community-accepted");

    [GeneratedRegex("^/leergemeenschap-uitnodiging/[A-Za-z0-9_-]+$")]
    private static partial Regex InvitationPath();
}

/// <summary>/leergemeenschap/{id}: the community's own page for its members.</summary>
public sealed partial class CommunityWorkspacePage : PageObject
{
    internal CommunityWorkspacePage(BrowserSession session, IResponse response)
        : base(session, response, WorkspacePath())
    {
    }

    /// <summary>Follows "Vragen en lessen" to the learning cycle.</summary>
    public Task<CommunityCyclePage> FollowCycleAsync() =>
        GoToAsync(() => MainLink("Vragen en lessen").ClickAsync(), r => new CommunityCyclePage(Session, r), "community-cycle");

    [GeneratedRegex("^/leergemeenschap/[0-9a-fA-F-]{36}$")]
    private static partial Regex WorkspacePath();
}

/// <summary>/leergemeenschappen: the public list of open communities.</summary>
public sealed partial class PublicCommunitiesPage : PageObject
{
    internal PublicCommunitiesPage(BrowserSession session, IResponse response)
        : base(session, response, PublicPath())
    {
    }

    public static Task<PublicCommunitiesPage> OpenAsync(BrowserSession session) =>
        OpenAsync(session, "/leergemeenschappen", r => new PublicCommunitiesPage(session, r), "communities-public");

    /// <summary>Follows the community's name to its public page.</summary>
    public Task<PageObject> FollowAsync(string name) =>
        GoToAsync(() => MainLink(name).ClickAsync(), r => (PageObject)new PublicCommunityPage(Session, r), "community-public");

    [GeneratedRegex("^/leergemeenschappen$")]
    private static partial Regex PublicPath();
}

/// <summary>/leergemeenschappen/{id}: an open community as anyone sees it.</summary>
public sealed partial class PublicCommunityPage : PageObject
{
    internal PublicCommunityPage(BrowserSession session, IResponse response)
        : base(session, response, DetailPath())
    {
    }

    [GeneratedRegex("^/leergemeenschappen/[0-9a-fA-F-]{36}$")]
    private static partial Regex DetailPath();
}
