using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.BrowserTests.Features;

/// <summary>A respondent answers a whole round on a small phone, without JavaScript, within the page budget.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AnsweringTests(BrowserFixture browser)
{
    /// <summary>PRODUCT.md: a respondent page transfers at most 30 KB compressed. The app does not compress, so this measures the raw bytes, which is stricter.</summary>
    private const long PageBudgetBytes = 30 * 1024;

    [SkippableFact]
    public async Task On_a_phone_a_respondent_answers_every_screen_and_sends_within_the_page_budget()
    {
        await using var session = await browser.NewPhoneSessionAsync();
        var round = await RoundAsync();
        var start = await SurveyStartPage.OpenAsync(session, round.Code);
        var transferred = new List<(string Page, long Bytes)> { ("start", await start.TransferredBytesAsync()) };
        var screen = await start.StartAsAsync("medewerker");
        for (var number = 1; number < 7; number++)
        {
            Assert.Equal($"Stap {number} van 7", await screen.ProgressAsync());
            Assert.True(await screen.QuestionCountAsync() >= 4);
            await screen.AnswerAllAsync("Eens");
            transferred.Add(($"screen {number}", await screen.TransferredBytesAsync()));
            var (scrollWidth, _) = await screen.WidthsAsync();
            Assert.True(scrollWidth <= 375, $"screen {number} is {scrollWidth}px wide on a 375px phone");
            screen = await screen.NextAsync(number + 1);
        }

        var thanks = await screen.SendAsync("Meer tijd om samen te leren.");

        Assert.Equal(200, thanks.StatusCode);
        Assert.Equal("Dank u wel!", await thanks.HeadingAsync());
        using var scope = browser.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        Assert.Equal(1, await db.Responses.CountAsync(r => r.RoundId == round.Id));
        Assert.All(transferred, page => Assert.True(page.Bytes is > 0 and <= PageBudgetBytes, $"{page.Page} transferred {page.Bytes} bytes"));
    }

    private Task<Round> RoundAsync() => browser.App.CreateRoundAsync(r =>
    {
        r.Title = "Meting op de telefoon";
        r.Departments = [];
    });
}
