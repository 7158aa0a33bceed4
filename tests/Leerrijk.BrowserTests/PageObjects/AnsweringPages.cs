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

    /// <param name="roleLabel">The role as the page names it ("medewerker").</param>
    /// <param name="button">The start button in the page's language.</param>
    public async Task<SurveyScreenPage> StartAsAsync(string roleLabel, string button = "Beginnen")
    {
        await Page.GetByLabel(roleLabel, new() { Exact = true }).CheckAsync();
        return await GoToAsync(() => MainButton(button).ClickAsync(), r => new SurveyScreenPage(Session, r), "survey-screen-1");
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

    public Task<SurveyScreenPage> NextAsync(int number, string button = "Volgende") =>
        GoToAsync(() => MainButton(button).ClickAsync(), r => new SurveyScreenPage(Session, r), $"survey-screen-{number}");

    public async Task<ThanksPage> SendAsync(string openAnswer, string button = "Versturen")
    {
        await Page.Locator("textarea").First.FillAsync(openAnswer);
        return await GoToAsync(() => MainButton(button).ClickAsync(), r => new ThanksPage(Session, r), "survey-thanks");
    }

    /// <summary>The first question's text as shown.</summary>
    public Task<string> FirstQuestionAsync() => Page.Locator("fieldset.question legend").First.InnerTextAsync();

    /// <summary>
    /// Where things sit across the screen, in CSS pixels: the first question's text, the first answer's radio button and
    /// its label box, and the main button and the back button (null on the first screen).
    /// </summary>
    public async Task<ScreenLayout> LayoutAsync(string nextButton, string backButton)
    {
        var first = Page.Locator("fieldset.question").First;
        var back = MainButton(backButton);
        return new ScreenLayout(
            await BoxAsync(first.Locator("legend")),
            await BoxAsync(first.Locator("input[type=radio]").First),
            await BoxAsync(first.Locator("label").First),
            await BoxAsync(MainButton(nextButton)),
            await back.CountAsync() > 0 ? await BoxAsync(back) : null);
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} is not on screen.");

    [GeneratedRegex("^/s/[A-Z0-9]+/[0-9]+$")]
    private static partial Regex ScreenPath();
}

/// <summary>Bounding boxes of one answering screen, to tell a mirrored layout from a left-to-right one.</summary>
public sealed record ScreenLayout(
    LocatorBoundingBoxResult Question, LocatorBoundingBoxResult FirstRadio, LocatorBoundingBoxResult FirstLabel, LocatorBoundingBoxResult Next, LocatorBoundingBoxResult? Back);

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
