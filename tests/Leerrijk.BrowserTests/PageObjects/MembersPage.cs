using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/o/{id}/members: the members table, the open invitations and (for owners) the invite form.</summary>
public sealed partial class MembersPage : PageObject
{
    internal MembersPage(BrowserSession session, IResponse response)
        : base(session, response, MembersPath())
    {
        OrganisationId = Guid.Parse(PathMatch!.Groups["id"].Value);
    }

    public Guid OrganisationId { get; }

    public static Task<MembersPage> OpenAsync(BrowserSession session, Guid organisationId) =>
        OpenAsync(session, $"/o/{organisationId}/members", r => new MembersPage(session, r), "members");

    /// <summary>The rows of the members table: name (with "(u)" for oneself), e-mail address and role as shown.</summary>
    public async Task<IReadOnlyList<MemberRow>> MembersAsync()
    {
        var rows = new List<MemberRow>();
        foreach (var row in await Page.Locator("main table tbody tr").AllAsync())
        {
            var cells = await row.Locator("td").AllInnerTextsAsync();
            rows.Add(new MemberRow(cells[0].Trim(), cells[1].Trim(), cells[2].Trim()));
        }

        return rows;
    }

    /// <summary>Whether the table offers the owner's controls for a member: a role select with "Rol opslaan", and "Verwijderen".</summary>
    public async Task<bool> OffersMemberControlsForAsync(string email)
    {
        var row = Page.Locator("main table tbody tr").Filter(new() { HasText = email });
        return await row.GetByRole(AriaRole.Combobox).CountAsync() == 1
            && await row.GetByRole(AriaRole.Button, new() { Name = "Rol opslaan", Exact = true }).CountAsync() == 1
            && await row.GetByRole(AriaRole.Button, new() { Name = "Verwijderen" }).CountAsync() == 1;
    }

    /// <summary>The open invitations as listed ("address – role – geldig tot …"); empty when there are none.</summary>
    public async Task<IReadOnlyList<string>> OpenInvitationsAsync()
    {
        var heading = Page.Locator("main h2").Filter(new() { HasText = "Openstaande uitnodigingen" });
        if (await heading.CountAsync() == 0)
        {
            return [];
        }

        var items = await heading.Locator("xpath=following-sibling::ul[1]/li").AllInnerTextsAsync();
        return [.. items.Select(t => t.ReplaceLineEndings(" ").Trim())];
    }

    /// <summary>Whether the invitation to this address has its "Intrekken" button (its name includes the address for screen readers).</summary>
    public async Task<bool> OffersRevokeForAsync(string email) =>
        await MainButton($"Intrekken {email}").CountAsync() == 1;

    /// <summary>
    /// Fills the invite form and presses "Uitnodiging sturen"; the app mails the link and shows this page again.
    /// <paramref name="role"/> is the option value: Owner, Hr or Viewer.
    /// </summary>
    public async Task<MembersPage> InviteAsync(string email, string role, string submit = "Uitnodiging sturen")
    {
        await Page.Locator("input[name='Invite.Email']").FillAsync(email);
        await Page.Locator("select[name='Invite.Role']").SelectOptionAsync(role);
        return await GoToAsync(() => MainButton(submit).ClickAsync(), r => new MembersPage(Session, r), "members-invited");
    }

    public sealed record MemberRow(string Name, string Email, string Role);

    [GeneratedRegex("^/o/(?<id>[0-9a-fA-F-]{36})/members$")]
    private static partial Regex MembersPath();
}
