using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;

namespace Leerrijk.BrowserTests.Features;

/// <summary>
/// A right-to-left respondent language (Arabic, test content only: TestContent/) gets a mirrored page, checked with axe
/// on arrival like every page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RightToLeftTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_right_to_left_language_mirrors_the_answering_pages()
    {
        await using var session = await browser.NewNoScriptPhoneSessionAsync("ar-SA");
        var round = await browser.App.CreateRoundAsync(r =>
        {
            r.Title = "Meting";
            r.Languages = ["nl", "ar"];
        });

        var start = await SurveyStartPage.OpenAsync(session, round.Code);
        Assert.Equal(("ar", "rtl"), await start.LanguageAndDirectionAsync());
        Assert.Equal("استبيان الفريق من ليررايك", await start.HeadingAsync());
        // Page texts fall back to Dutch: the test language has no resource file, only the instrument's words.
        var first = await start.StartAsAsync("medewerker");
        var second = await first.NextAsync(2);
        var layout = await second.LayoutAsync("Volgende", "Vorige");

        // Answers: the radio button sits at the right end of its box; the question starts at the right, aligned with them.
        Assert.True(layout.FirstRadio.X > layout.FirstLabel.X + (layout.FirstLabel.Width / 2), $"radio at {layout.FirstRadio.X}, label box {layout.FirstLabel.X}+{layout.FirstLabel.Width}");
        Assert.True(
            Math.Abs((layout.Question.X + layout.Question.Width) - (layout.FirstLabel.X + layout.FirstLabel.Width)) < 2 && layout.Question.X > layout.FirstLabel.X + 10,
            $"question {layout.Question.X}+{layout.Question.Width}, answers {layout.FirstLabel.X}+{layout.FirstLabel.Width}");
        // Reading from the right, back comes first and the next button sits to its left.
        Assert.NotNull(layout.Back);
        Assert.True(layout.Next.X < layout.Back.X, $"next at {layout.Next.X}, back at {layout.Back.X}");
        Assert.Equal(("ar", "rtl"), await second.LanguageAndDirectionAsync());
    }
}
