using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;
using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.BrowserTests.Features;

/// <summary>
/// Polish, added as content only: a Polish-speaking employee answers a round like the demo round on a phone without
/// JavaScript, every page checked with axe on arrival.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PolishTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task A_polish_speaking_employee_answers_a_demo_like_round_in_polish_on_a_phone_without_javascript()
    {
        await using var session = await browser.NewNoScriptPhoneSessionAsync("pl-PL");
        var round = await browser.App.CreateRoundAsync(r =>
        {
            r.Title = "Najaarsmeting";
            r.Roles = ["Employee", "Manager", "Hr", "Owner"];
            r.Departments = ["Werkplaats", "Montage", "Service", "Kantoor"];
            r.Languages = ["nl", "en", "pl"];
        });

        var start = await SurveyStartPage.OpenAsync(session, round.Code);
        Assert.Equal(("pl", null), await start.LanguageAndDirectionAsync());
        Assert.Equal("Zespołowa ankieta Leerrijk", await start.HeadingAsync());
        var screen = await start.StartAsAsync("pracownik", "Zacznij");
        Assert.Equal("Kiedy popełnię błąd, mogę po prostu o tym powiedzieć.", await screen.FirstQuestionAsync());
        for (var number = 1; number < 7; number++)
        {
            Assert.Equal($"Krok {number} z 7", await screen.ProgressAsync());
            await screen.AnswerAllAsync("Zgadzam się");
            var (scrollWidth, _) = await screen.WidthsAsync();
            Assert.True(scrollWidth <= 375, $"screen {number} is {scrollWidth}px wide on a 375px phone");
            screen = await screen.NextAsync(number + 1, "Dalej");
        }

        var thanks = await screen.SendAsync("Więcej czasu na wspólną naukę.", "Wyślij");

        Assert.Equal("Dziękujemy!", await thanks.HeadingAsync());
        using var scope = browser.App.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Responses.Include(r => r.Answers).SingleAsync(r => r.RoundId == round.Id);
        Assert.Equal("pl", stored.Language);
        Assert.All(stored.Answers, a => Assert.Equal(4, a.Value));
    }
}
