using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/support/{id}/connect: an adviser asks a company's owner by e-mail to connect, and sees the open requests.</summary>
public sealed partial class RequestConnectionPage : PageObject
{
    internal RequestConnectionPage(BrowserSession session, IResponse response)
        : base(session, response, RequestPath())
    {
    }

    public static Task<RequestConnectionPage> OpenAsync(BrowserSession session, Guid supportId) =>
        OpenAsync(session, $"/support/{supportId}/connect", r => new RequestConnectionPage(session, r), "connect-request");

    /// <summary>
    /// Fills the form (the owner's address, the company, what to ask by its checkbox labels, the months) and presses
    /// "Verzoek versturen"; the page comes back with the request listed.
    /// </summary>
    public async Task<RequestConnectionPage> SendAsync(string email, string company, IReadOnlyList<string> scopes, int months)
    {
        await Page.Locator("input[name='Input.Email']").FillAsync(email);
        await Page.Locator("input[name='Input.CompanyName']").FillAsync(company);
        foreach (var box in await Page.Locator("input[name='Input.Scopes']").AllAsync())
        {
            await box.SetCheckedAsync(false);
        }

        foreach (var scope in scopes)
        {
            await Page.GetByLabel(scope).CheckAsync();
        }

        await Page.Locator("input[name='Input.Months']").FillAsync(months.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await GoToAsync(() => MainButton("Verzoek versturen").ClickAsync(), r => new RequestConnectionPage(Session, r), "connect-request-sent");
    }

    /// <summary>The first cell (address and company) of each open request.</summary>
    public async Task<IReadOnlyList<string>> OpenRequestsAsync() =>
        [.. (await Page.Locator("main table tbody tr td:first-child").AllInnerTextsAsync()).Select(t => t.ReplaceLineEndings(" ").Trim())];

    [GeneratedRegex("^/support/[0-9a-fA-F-]{36}/connect$")]
    private static partial Regex RequestPath();
}

/// <summary>/connect/{token}: the owner reads who asks and what would be shared, chooses, and accepts or declines.</summary>
public sealed partial class AcceptConnectionPage : PageObject
{
    internal AcceptConnectionPage(BrowserSession session, IResponse response)
        : base(session, response, ConnectPath())
    {
    }

    /// <summary>Opens the link of the newest connection request mailed to <paramref name="email"/> while logged out: the log-in page comes first.</summary>
    public static async Task<LoginPage> OpenLinkFromMailLoggedOutAsync(BrowserSession session, string email)
    {
        var mail = await session.App.Outbox.WaitForMessageToAsync(email, "vraagt of u uw bedrijf in Leerrijk wilt verbinden");
        var link = MailOutbox.LinkIn(mail, "/connect/");
        return await OpenAsync(session, link.ToString(), r => new LoginPage(session, r), "connect-login");
    }

    /// <summary>The proposed scopes as the page lists them, one plain sentence each.</summary>
    public async Task<IReadOnlyList<string>> ProposedAsync() =>
        [.. (await Page.Locator("main > ul.list li").AllInnerTextsAsync()).Select(t => t.Trim())];

    /// <summary>Unticks the scopes with these labels, sets the last day, and presses "Ja, verbinden"; lands on the company's support page.</summary>
    public async Task<ConnectionsPage> AcceptAsync(IReadOnlyList<string> untick, DateOnly endsOn)
    {
        foreach (var scope in untick)
        {
            await Page.GetByLabel(scope).UncheckAsync();
        }

        await Page.Locator("input[name='Input.EndsOn']").FillAsync(endsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return await GoToAsync(() => MainButton("Ja, verbinden").ClickAsync(), r => new ConnectionsPage(Session, r), "connect-accepted");
    }

    [GeneratedRegex("^/connect/[A-Za-z0-9_-]+$")]
    private static partial Regex ConnectPath();
}

/// <summary>/o/{id}/support: the owner's connections and the access log, "Wie keek wat, wanneer".</summary>
public sealed partial class ConnectionsPage : PageObject
{
    internal ConnectionsPage(BrowserSession session, IResponse response)
        : base(session, response, ConnectionsPath())
    {
    }

    public static Task<ConnectionsPage> OpenAsync(BrowserSession session, Guid organisationId) =>
        OpenAsync(session, $"/o/{organisationId}/support", r => new ConnectionsPage(session, r), "connections");

    /// <summary>Each connection's card as text: the support organisation, adviser, what they may do, until when and the state.</summary>
    public async Task<IReadOnlyList<string>> ConnectionsAsync() =>
        [.. (await Page.Locator("main ul.cards > li").AllInnerTextsAsync()).Select(t => t.ReplaceLineEndings(" ").Trim())];

    /// <summary>The access log's rows: who (with the support organisation) and what, newest first.</summary>
    public async Task<IReadOnlyList<(string Who, string What)>> LogAsync()
    {
        var rows = new List<(string, string)>();
        foreach (var row in await Page.Locator("main table tbody tr").AllAsync())
        {
            var cells = await row.Locator("td").AllInnerTextsAsync();
            rows.Add((cells[1].Trim(), cells[2].Trim()));
        }

        return rows;
    }

    /// <summary>Follows "Verbinden met een ondersteuner" to step one: choosing the support organisation.</summary>
    public Task<NewGrantPage> FollowConnectAsync() =>
        GoToAsync(() => MainLink("Verbinden met een ondersteuner").ClickAsync(), r => new NewGrantPage(Session, r), "connection-new");

    /// <summary>Follows "Wijzigen of intrekken" of the connection with this support organisation.</summary>
    public Task<EditGrantPage> FollowChangeOrRevokeAsync(string supportName) =>
        GoToAsync(() => MainLink($"Wijzigen of intrekken – {supportName}").ClickAsync(), r => new EditGrantPage(Session, r), "connection");

    [GeneratedRegex("^/o/[0-9a-fA-F-]{36}/support$")]
    private static partial Regex ConnectionsPath();
}

/// <summary>/o/{id}/support/{grantId}: one connection, to change or revoke (revoking asks first, without JavaScript).</summary>
public sealed partial class EditGrantPage : PageObject
{
    internal EditGrantPage(BrowserSession session, IResponse response)
        : base(session, response, GrantPath())
    {
    }

    /// <summary>Follows "Verbinding intrekken": the same page asks whether you are sure.</summary>
    public Task<EditGrantPage> StartRevokingAsync() =>
        GoToAsync(() => MainLink("Verbinding intrekken").ClickAsync(), r => new EditGrantPage(Session, r), "connection-revoke-confirm");

    /// <summary>The heading of the confirmation panel (role=alert).</summary>
    public Task<string> ConfirmationAsync() => Page.Locator("main section[role='alert'] h2").InnerTextAsync();

    /// <summary>Presses "Ja, intrekken"; lands on the support page again.</summary>
    public Task<ConnectionsPage> ConfirmRevokeAsync() =>
        GoToAsync(() => MainButton("Ja, intrekken").ClickAsync(), r => new ConnectionsPage(Session, r), "connection-revoked");

    [GeneratedRegex("^/o/[0-9a-fA-F-]{36}/support/[0-9a-fA-F-]{36}$")]
    private static partial Regex GrantPath();
}

/// <summary>/o/{id}/support/new: the owner connects in two steps, first the support organisation, then adviser, scopes and end date.</summary>
public sealed partial class NewGrantPage : PageObject
{
    internal NewGrantPage(BrowserSession session, IResponse response)
        : base(session, response, NewGrantPath())
    {
    }

    /// <summary>Picks the support organisation by name and presses "Volgende".</summary>
    public async Task<NewGrantPage> ChooseAsync(string supportName)
    {
        await Page.GetByLabel(supportName).CheckAsync();
        return await GoToAsync(() => MainButton("Volgende").ClickAsync(), r => new NewGrantPage(Session, r), "connection-new-step2");
    }

    /// <summary>The advisers offered (the select's options after "no adviser of my own").</summary>
    public async Task<IReadOnlyList<string>> AdvisersAsync() =>
        [.. (await Page.Locator("select[name='Input.AdviserId'] option").AllInnerTextsAsync()).Skip(1).Select(t => t.Trim())];

    /// <summary>Chooses the adviser and exactly these scopes (by label), then presses "Verbinding maken", expecting the form back with errors.</summary>
    public async Task<NewGrantPage> GrantExpectingErrorAsync(string adviser, IReadOnlyList<string> scopes)
    {
        await FillAsync(adviser, scopes);
        return await GoToAsync(() => MainButton("Verbinding maken").ClickAsync(), r => new NewGrantPage(Session, r), "connection-new-error");
    }

    /// <summary>Like <see cref="GrantExpectingErrorAsync"/>, expecting the support page with the new connection.</summary>
    public async Task<ConnectionsPage> GrantAsync(string adviser, IReadOnlyList<string> scopes)
    {
        await FillAsync(adviser, scopes);
        return await GoToAsync(() => MainButton("Verbinding maken").ClickAsync(), r => new ConnectionsPage(Session, r), "connection-granted");
    }

    /// <summary>The texts of the alerts on the page (role=alert) that have content.</summary>
    public async Task<IReadOnlyList<string>> ErrorsAsync() =>
        [.. (await Page.GetByRole(AriaRole.Alert).AllInnerTextsAsync()).Select(t => t.Trim()).Where(t => t.Length > 0)];

    private async Task FillAsync(string adviser, IReadOnlyList<string> scopes)
    {
        await Page.Locator("select[name='Input.AdviserId']").SelectOptionAsync(new SelectOptionValue { Label = adviser });
        foreach (var box in await Page.Locator("input[name='Input.Scopes']").AllAsync())
        {
            await box.SetCheckedAsync(false);
        }

        foreach (var scope in scopes)
        {
            await Page.GetByLabel(scope).CheckAsync();
        }
    }

    [GeneratedRegex("^/o/[0-9a-fA-F-]{36}/support/new$")]
    private static partial Regex NewGrantPath();
}
