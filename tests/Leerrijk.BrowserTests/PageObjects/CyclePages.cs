using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/leergemeenschap/{id}/cyclus: questions, steps to try at work and lessons.</summary>
public sealed partial class CommunityCyclePage : PageObject
{
    internal CommunityCyclePage(BrowserSession session, IResponse response)
        : base(session, response, CyclePath())
    {
    }

    /// <summary>Agrees a step to try at work for the first member the reader may act for, without a meeting.</summary>
    public async Task<CommunityCyclePage> AddTryAsync(string title)
    {
        await Page.GetByLabel("Wat gaat u uitproberen").FillAsync(title);
        return await GoToAsync(() => MainButton("Afspreken en in het actieplan zetten").ClickAsync(), r => new CommunityCyclePage(Session, r), "cycle-try");
    }

    /// <summary>Writes a lesson down as coming from the reader's own company.</summary>
    public async Task<CommunityCyclePage> AddLessonAsync(string text)
    {
        await Page.GetByLabel("De les", new() { Exact = true }).FillAsync(text);
        await Page.GetByLabel("Deze les komt uit mijn eigen bedrijf").CheckAsync();
        return await GoToAsync(() => MainButton("Les opslaan").ClickAsync(), r => new CommunityCyclePage(Session, r), "cycle-lesson");
    }

    [GeneratedRegex("^/leergemeenschap/[0-9a-fA-F-]{36}/cyclus$")]
    private static partial Regex CyclePath();
}
