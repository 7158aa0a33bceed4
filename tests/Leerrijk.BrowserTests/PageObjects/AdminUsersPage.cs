using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/admin/users: platform admins grant and withdraw platform roles.</summary>
public sealed class AdminUsersPage : PageObject
{
    internal AdminUsersPage(BrowserSession session, IResponse response)
        : base(session, response, "/admin/users")
    {
    }

    /// <summary>
    /// The role buttons in this person's row, in column order (Admin, Editor, Adviser, ProgrammeManager):
    /// the visible action ("Geven"/"Afnemen") and the accessible name a screen reader announces.
    /// </summary>
    public async Task<IReadOnlyList<(string Action, string AccessibleName)>> RoleButtonsForAsync(string email)
    {
        var row = Page.Locator("main table tbody tr").Filter(new() { Has = Page.GetByRole(AriaRole.Cell, new() { Name = email, Exact = true }) });
        var result = new List<(string, string)>();
        foreach (var button in await row.GetByRole(AriaRole.Button).AllAsync())
        {
            var visible = await button.EvaluateAsync<string>("b => b.firstChild.textContent.trim()");
            result.Add((visible, (await button.TextContentAsync() ?? "").Trim()));
        }

        return result;
    }
}
