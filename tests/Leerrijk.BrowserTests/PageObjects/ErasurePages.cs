using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/account/gegevens: download what Leerrijk holds about one's account, or delete the account.</summary>
public sealed class MyDataPage : PageObject
{
    internal MyDataPage(BrowserSession session, IResponse response)
        : base(session, response, "/account/gegevens")
    {
    }

    public static Task<MyDataPage> OpenAsync(BrowserSession session) =>
        OpenAsync(session, "/account/gegevens", r => new MyDataPage(session, r), "my-data");

    /// <summary>Whether the page offers the download link and the delete button.</summary>
    public async Task<bool> OffersDownloadAndDeleteAsync() =>
        await MainLink("Mijn gegevens downloaden").CountAsync() == 1 && await MainButton("Account verwijderen").CountAsync() == 1;
}

/// <summary>/o/{id}/rounds/{roundId}/verwijderen: an owner confirms deleting a round.</summary>
public sealed partial class DeleteRoundPage : PageObject
{
    internal DeleteRoundPage(BrowserSession session, IResponse response)
        : base(session, response, DeleteRoundPath())
    {
    }

    public static Task<DeleteRoundPage> OpenAsync(BrowserSession session, Guid organisationId, Guid roundId) =>
        OpenAsync(session, $"/o/{organisationId}/rounds/{roundId}/verwijderen", r => new DeleteRoundPage(session, r), "delete-round");

    /// <summary>Presses "Meting verwijderen" without ticking the box; the same page answers with its error.</summary>
    public Task<DeleteRoundPage> DeleteUnconfirmedAsync() =>
        GoToAsync(() => MainButton("Meting verwijderen").ClickAsync(), r => new DeleteRoundPage(Session, r), "delete-round-unconfirmed");

    public Task<IReadOnlyList<string>> ErrorsAsync() => Page.Locator("main .errors li").AllInnerTextsAsync();

    [GeneratedRegex("^/o/[0-9a-fA-F-]{36}/rounds/[0-9a-fA-F-]{36}/verwijderen$")]
    private static partial Regex DeleteRoundPath();
}
