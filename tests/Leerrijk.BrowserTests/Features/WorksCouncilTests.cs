using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.BrowserTests.Features;

/// <summary>The works council pack in the browser: the sheet from the round page and on paper, the owner's record, the privacy page; each axe-checked.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WorksCouncilTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task An_owner_prints_the_sheet_for_the_works_council_records_its_agreement_and_reads_the_privacy_page()
    {
        var owner = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id, "Installatiebedrijf " + Guid.NewGuid().ToString("N")[..6]);
        using (var scope = browser.App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Organisations.Where(o => o.Id == organisation.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Employees, 72).SetProperty(o => o.SizeClass, SizeClass.Medium));
        }

        var round = await browser.App.CreateRoundAsync(organisation.Id, owner.Id, r => r.AnonymityThreshold = 6);
        var instrument = browser.App.Services.GetRequiredService<InstrumentCatalog>().Find(round.InstrumentId, round.InstrumentVersion)!;
        await using var session = await browser.NewSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);

        var roundPage = await RoundPage.OpenAsync(session, organisation.Id, round.Id);
        var sheet = await roundPage.OpenCouncilSheetAsync();

        Assert.Equal("Informatie voor de ondernemingsraad", await sheet.HeadingAsync());
        Assert.Equal(instrument.Items.Count + instrument.OpenQuestions.Count, await sheet.QuestionCountAsync());
        var text = await sheet.SheetTextAsync();
        Assert.Contains("De drempel van deze meting is 6 mensen.", text, StringComparison.Ordinal);
        Assert.Contains("Nog niet vastgelegd", text, StringComparison.Ordinal);
        Assert.Equal((true, true), await sheet.ScreenOnlyVisibleAsync());
        await sheet.EmulatePrintAsync(print: true);
        Assert.Equal((false, false), await sheet.ScreenOnlyVisibleAsync());
        await Artifacts.ScreenshotAsync(session.Page, "council-sheet-print");
        await sheet.EmulatePrintAsync(print: false);

        var privacy = await sheet.OpenPrivacyAsync();
        Assert.Equal("Privacy", await privacy.HeadingAsync());
        Assert.StartsWith("De organisatie die Leerrijk voor u host", await privacy.HostTextAsync(), StringComparison.Ordinal);
        var english = await privacy.InEnglishAsync();
        Assert.Equal("en", await english.LanguageAsync());
        Assert.StartsWith("The organisation that hosts Leerrijk for you", await english.HostTextAsync(), StringComparison.Ordinal);
        await english.InDutchAsync();

        roundPage = await RoundPage.OpenAsync(session, organisation.Id, round.Id);
        var agreedOn = LocalizationSetup.Today(TimeProvider.System).AddDays(-2);
        roundPage = await roundPage.RecordAgreementAsync(agreedOn, "de ondernemingsraad (OR)", "Verslag 14");

        Assert.Equal($"Vastgelegd: de ondernemingsraad (OR) heeft ingestemd op {agreedOn.ToString("D", LocalizationSetup.Dutch)}.", await roundPage.AgreementAsync());
        sheet = await CouncilSheetPage.OpenAsync(session, organisation.Id, round.Id);
        Assert.Contains("Notitie: Verslag 14", await sheet.SheetTextAsync(), StringComparison.Ordinal);
    }
}
