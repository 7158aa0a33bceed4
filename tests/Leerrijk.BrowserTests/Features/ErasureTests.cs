using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;
using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.BrowserTests.Features;

[Collection(BrowserCollection.Name)]
public sealed class ErasureTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task An_owner_asks_to_delete_the_organisation_by_typing_its_name_and_stops_it_again()
    {
        var owner = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id);
        await using var session = await browser.NewSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);

        var settings = await SettingsPage.OpenAsync(session, organisation.Id);
        var erase = await settings.FollowDeleteOrganisationAsync();
        Assert.Equal("Organisatie verwijderen", await erase.HeadingAsync());
        Assert.Null(await erase.PendingAsync());

        var wrong = await erase.RequestAsync("Een ander bedrijf", "delete-organisation-wrong-name");
        Assert.Equal([$"De naam klopt niet. Typ de naam precies zoals hierboven staat: {organisation.Name}"], await wrong.ErrorsAsync());
        Assert.Null(await wrong.PendingAsync());

        var pending = await wrong.RequestAsync(organisation.Name, "delete-organisation-pending");
        Assert.Contains($"{organisation.Name} wordt gewist op", await pending.PendingAsync(), StringComparison.Ordinal);
        Assert.Contains("De organisatie wordt over 7 dagen gewist.", await pending.StatusMessageAsync(), StringComparison.Ordinal);

        var dashboard = await pending.CancelAsync();
        Assert.Contains("Het wissen is tegengehouden.", await dashboard.StatusMessageAsync(), StringComparison.Ordinal);
        using var scope = browser.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        Assert.Null(await db.Organisations.Where(o => o.Id == organisation.Id).Select(o => o.ErasureRequestedAtUtc).SingleAsync());
    }

    [SkippableFact]
    public async Task The_round_deletion_and_my_data_pages_explain_themselves_and_pass_axe()
    {
        var owner = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id);
        var round = await browser.App.CreateRoundAsync(organisation.Id, owner.Id);
        await using var session = await browser.NewSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);

        var delete = await DeleteRoundPage.OpenAsync(session, organisation.Id, round.Id);
        var refused = await delete.DeleteUnconfirmedAsync();
        Assert.Equal(["Vink aan dat u begrijpt dat de meting voorgoed weg is. Daarna kunt u verwijderen."], await refused.ErrorsAsync());

        var data = await MyDataPage.OpenAsync(session);
        Assert.True(await data.OffersDownloadAndDeleteAsync(), "The page offers 'Mijn gegevens downloaden' and 'Account verwijderen'.");
        Assert.Contains($"U bent de enige eigenaar van {organisation.Name}.", await data.MainTextAsync(), StringComparison.Ordinal);
    }
}
