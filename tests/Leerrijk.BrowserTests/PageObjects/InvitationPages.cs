using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/o/{orgId}/rounds/{roundId}/invitations: HR pastes addresses and sends reminders.</summary>
public sealed partial class InvitationsPage : PageObject
{
    private InvitationsPage(BrowserSession session, IResponse response)
        : base(session, response, ManagePath())
    {
    }

    public static Task<InvitationsPage> OpenAsync(BrowserSession session, Guid organisationId, Guid roundId) =>
        OpenAsync(session, $"/o/{organisationId}/rounds/{roundId}/invitations", r => new InvitationsPage(session, r), "invitations");

    public async Task<InvitationsPage> InviteAsync(string addresses, string step)
    {
        await Page.GetByLabel("E-mailadressen").FillAsync(addresses);
        return await GoToAsync(() => MainButton("Uitnodigingen versturen").ClickAsync(), r => new InvitationsPage(Session, r), step);
    }

    /// <summary>The counts table as "label: number" lines.</summary>
    public async Task<IReadOnlyList<string>> CountsAsync()
    {
        var rows = Page.Locator("main table tr");
        var lines = new List<string>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            lines.Add($"{(await rows.Nth(i).Locator("th").InnerTextAsync()).Trim()}: {(await rows.Nth(i).Locator("td").InnerTextAsync()).Trim()}");
        }

        return lines;
    }

    public Task<string> ErrorsAsync() => Page.Locator("main .errors").InnerTextAsync();

    [GeneratedRegex("^/o/[0-9a-f-]+/rounds/[0-9a-f-]+/invitations$")]
    private static partial Regex ManagePath();
}

/// <summary>/s/{code}/u/{token}: where a personal invitation's link leads.</summary>
public sealed partial class InvitationLinkPage : PageObject
{
    private InvitationLinkPage(BrowserSession session, IResponse response)
        : base(session, response, LinkPath())
    {
    }

    public static Task<InvitationLinkPage> OpenAsync(BrowserSession session, string pathAndQuery, string step) =>
        OpenAsync(session, pathAndQuery, r => new InvitationLinkPage(session, r), step);

    public Task<SurveyStartPage> StartAsync() =>
        GoToAsync(() => MainButton("Beginnen").ClickAsync(), r => SurveyStartPage.Arrive(Session, r), "invitation-start");

    [GeneratedRegex("^/s/[A-Z0-9]+/u/[A-Za-z0-9_-]+$")]
    private static partial Regex LinkPath();
}
