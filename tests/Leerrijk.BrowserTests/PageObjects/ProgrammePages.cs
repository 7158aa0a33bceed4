using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/support/{id}/programmas: a coordinator's list of the support organisation's programmes.</summary>
public sealed partial class SupportProgrammesPage : PageObject
{
    internal SupportProgrammesPage(BrowserSession session, IResponse response)
        : base(session, response, ListPath())
    {
    }

    public static Task<SupportProgrammesPage> OpenAsync(BrowserSession session, Guid supportId) =>
        OpenAsync(session, $"/support/{supportId}/programmas", r => new SupportProgrammesPage(session, r), "programmes");

    /// <summary>Follows "Nieuw programma".</summary>
    public Task<NewProgrammePage> FollowNewAsync() =>
        GoToAsync(() => MainLink("Nieuw programma").ClickAsync(), r => new NewProgrammePage(Session, r), "programme-new");

    [GeneratedRegex("^/support/[0-9a-fA-F-]{36}/programmas$")]
    private static partial Regex ListPath();
}

/// <summary>/support/{id}/programmas/nieuw: the programme form.</summary>
public sealed partial class NewProgrammePage : PageObject
{
    internal NewProgrammePage(BrowserSession session, IResponse response)
        : base(session, response, NewPath())
    {
    }

    /// <summary>Fills the name, ticks one scan by its title, sets the companies target and presses "Programma opslaan"; lands on the participants.</summary>
    public async Task<ProgrammeParticipantsPage> CreateAsync(string name, string instrumentTitle, int targetCompanies)
    {
        await Page.GetByLabel("Naam van het programma").FillAsync(name);
        await Page.GetByLabel(instrumentTitle, new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Aantal bedrijven dat meedoet").FillAsync(targetCompanies.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await GoToAsync(() => MainButton("Programma opslaan").ClickAsync(), r => new ProgrammeParticipantsPage(Session, r), "programme-created");
    }

    [GeneratedRegex("^/support/[0-9a-fA-F-]{36}/programmas/nieuw$")]
    private static partial Regex NewPath();
}

/// <summary>/programma/{id}/deelnemers: invitations and participating companies; coordinators invite here.</summary>
public sealed partial class ProgrammeParticipantsPage : PageObject
{
    internal ProgrammeParticipantsPage(BrowserSession session, IResponse response)
        : base(session, response, ParticipantsPath())
    {
    }

    /// <summary>Fills the owner's address and the company and presses "Uitnodiging versturen"; the page comes back with the invitation listed.</summary>
    public async Task<ProgrammeParticipantsPage> InviteAsync(string email, string company)
    {
        await Page.GetByLabel("E-mailadres van de eigenaar").FillAsync(email);
        await Page.GetByLabel("Bedrijf (mag leeg)").FillAsync(company);
        return await GoToAsync(() => MainButton("Uitnodiging versturen").ClickAsync(), r => new ProgrammeParticipantsPage(Session, r), "programme-invited");
    }

    /// <summary>Each row's company cell and state, as text.</summary>
    public async Task<IReadOnlyList<string>> RowsAsync() =>
        [.. (await Page.Locator("main table tbody tr").AllInnerTextsAsync()).Select(t => t.ReplaceLineEndings(" ").Trim())];

    [GeneratedRegex("^/programma/[0-9a-fA-F-]{36}/deelnemers$")]
    private static partial Regex ParticipantsPath();
}

/// <summary>/programma-uitnodiging/{token}: the owner reads the programme and joins with two separate choices.</summary>
public sealed partial class JoinProgrammePage : PageObject
{
    internal JoinProgrammePage(BrowserSession session, IResponse response)
        : base(session, response, JoinPath())
    {
    }

    /// <summary>Opens the link of the newest programme invitation mailed to <paramref name="email"/>, logged in.</summary>
    public static async Task<JoinProgrammePage> OpenLinkFromMailAsync(BrowserSession session, string email)
    {
        var mail = await session.App.Outbox.WaitForMessageToAsync(email, "nodigt uw bedrijf uit voor");
        var link = MailOutbox.LinkIn(mail, "/programma-uitnodiging/");
        return await OpenAsync(session, link.ToString(), r => new JoinProgrammePage(session, r), "programme-join");
    }

    /// <summary>Whether the checkbox with this label is ticked.</summary>
    public Task<bool> IsTickedAsync(string label) => Page.GetByLabel(label).IsCheckedAsync();

    /// <summary>Ticks the choices with these labels (the company is chosen already when the owner has one) and presses "Meedoen".</summary>
    public async Task<CompanyProgrammesPage> JoinAsync(IReadOnlyList<string> tick)
    {
        foreach (var label in tick)
        {
            await Page.GetByLabel(label).CheckAsync();
        }

        return await GoToAsync(() => MainButton("Meedoen").ClickAsync(), r => new CompanyProgrammesPage(Session, r), "programme-joined");
    }

    [GeneratedRegex("^/programma-uitnodiging/[A-Za-z0-9_-]+$")]
    private static partial Regex JoinPath();
}

/// <summary>/o/{id}/programmas: the owner's programmes, the two choices per programme and leaving.</summary>
public sealed partial class CompanyProgrammesPage : PageObject
{
    internal CompanyProgrammesPage(BrowserSession session, IResponse response)
        : base(session, response, CompanyPath())
    {
    }

    /// <summary>Whether the checkbox with this label (in the only programme card) is ticked.</summary>
    public Task<bool> IsTickedAsync(string label) => Page.Locator("main ul.cards > li").GetByLabel(label).IsCheckedAsync();

    /// <summary>Sets both choices of the only programme card and presses "Keuzes opslaan"; the page comes back.</summary>
    public async Task<CompanyProgrammesPage> ChangeAsync(string shareLabel, bool share, string poolLabel, bool pool)
    {
        var card = Page.Locator("main ul.cards > li");
        await card.GetByLabel(shareLabel).SetCheckedAsync(share);
        await card.GetByLabel(poolLabel).SetCheckedAsync(pool);
        return await GoToAsync(() => card.GetByRole(AriaRole.Button).First.ClickAsync(), r => new CompanyProgrammesPage(Session, r), "programme-choices-changed");
    }

    [GeneratedRegex("^/o/[0-9a-fA-F-]{36}/programmas$")]
    private static partial Regex CompanyPath();
}
