using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/s/{code}: the start of a round for a respondent, reached by link or QR code.</summary>
public sealed partial class SurveyStartPage : PageObject
{
    private SurveyStartPage(BrowserSession session, IResponse response)
        : base(session, response, StartPath())
    {
    }

    /// <summary>For a click elsewhere (such as an invitation's button) that leads to the start page.</summary>
    internal static SurveyStartPage Arrive(BrowserSession session, IResponse response) => new(session, response);

    public static Task<SurveyStartPage> OpenAsync(BrowserSession session, string code) =>
        OpenAsync(session, "/s/" + code, r => new SurveyStartPage(session, r), "survey-start");

    public async Task<SurveyScreenPage> StartAsAsync(string roleLabel)
    {
        await Page.GetByLabel(roleLabel, new() { Exact = true }).CheckAsync();
        return await GoToAsync(() => MainButton("Beginnen").ClickAsync(), r => new SurveyScreenPage(Session, r), "survey-screen-1");
    }

    [GeneratedRegex("^/s/[A-Z0-9]+$")]
    private static partial Regex StartPath();
}

/// <summary>/s/{code}/{n}: one screen of questions, or the last screen with the open questions.</summary>
public sealed partial class SurveyScreenPage : PageObject
{
    internal SurveyScreenPage(BrowserSession session, IResponse response)
        : base(session, response, ScreenPath())
    {
    }

    public Task<string> ProgressAsync() => Page.Locator(".progress-text").InnerTextAsync();

    public Task<int> QuestionCountAsync() => Page.Locator("fieldset.question").CountAsync();

    /// <summary>Ticks the answer with this label (such as "Eens") for every question on the screen.</summary>
    public async Task AnswerAllAsync(string label)
    {
        var questions = Page.Locator("fieldset.question");
        for (var i = 0; i < await questions.CountAsync(); i++)
        {
            await questions.Nth(i).GetByLabel(label, new() { Exact = true }).CheckAsync();
        }
    }

    public Task<SurveyScreenPage> NextAsync(int number) =>
        GoToAsync(() => MainButton("Volgende").ClickAsync(), r => new SurveyScreenPage(Session, r), $"survey-screen-{number}");

    public async Task<ThanksPage> SendAsync(string openAnswer)
    {
        await Page.Locator("textarea").First.FillAsync(openAnswer);
        return await GoToAsync(() => MainButton("Versturen").ClickAsync(), r => new ThanksPage(Session, r), "survey-thanks");
    }

    [GeneratedRegex("^/s/[A-Z0-9]+/[0-9]+$")]
    private static partial Regex ScreenPath();
}

/// <summary>/s/{code}/bedankt.</summary>
public sealed partial class ThanksPage : PageObject
{
    internal ThanksPage(BrowserSession session, IResponse response)
        : base(session, response, ThanksPath())
    {
    }

    [GeneratedRegex("^/s/[A-Z0-9]+/bedankt$")]
    private static partial Regex ThanksPath();
}
