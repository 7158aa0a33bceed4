using System.Globalization;
using System.Net;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Wegwijzer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Leerrijk.IntegrationTests.Features.Wegwijzer;

/// <summary>Editors add offers no file has; the wegwijzer shows them with reasons and a later file never replaces them.</summary>
public sealed class NewOfferTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    /// <summary>A regional voucher for small firms in Gelderland, as an editor would describe it.</summary>
    private static Offer Described(string slug) => new(
        slug,
        ["voucher"],
        new OfferAreas(false, ["gelderland"], [], []),
        new OfferSectors(["F"], []),
        ["micro", "small"],
        [OfferTerms.Employer],
        new LocalizedText("Leerbon " + slug, "Learning voucher " + slug),
        new LocalizedText("Een bon voor een cursus.", "A voucher for a course."),
        new LocalizedText("U krijgt een bon voor een cursus van uw mensen.", "You get a voucher for a course for your people."),
        new OfferMoney(50, 2500, null, null, null),
        [],
        null,
        OfferTerms.Open,
        null,
        new OfferLimits(null, 49, null),
        [new OfferSource("https://www.example.org/leerbon", null)],
        TestOffers.Today);

    private static Dictionary<string, string> Form(Offer offer)
    {
        var form = TestOffers.Form(offer, "0");
        form.Remove("Input.Version");
        form["Input.Slug"] = offer.Slug;
        return form;
    }

    [Fact]
    public async Task An_editor_adds_an_offer_that_the_wegwijzer_shows_with_its_reasons_and_a_later_file_leaves_alone()
    {
        var slug = "leerbon-" + Guid.NewGuid().ToString("N")[..8];
        var offer = Described(slug);
        var editor = await app.LoggedInEditorAsync();
        Assert.Contains($"href=\"{NewOfferModel.Path}\"", await editor.GetHtmlAsync(EditorsModel.Path), StringComparison.Ordinal);

        var add = await editor.PostFormAsync(NewOfferModel.Path, Form(offer));

        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            var row = await db.Offers.AsNoTracking().SingleAsync(e => e.Slug == slug);
            Assert.True(row.EditedInApp);
            Assert.Equal(OfferEntry.Write(offer), row.Json);
            var change = Assert.Single(await db.OfferChanges.AsNoTracking().Where(c => c.OfferId == row.Id).ToListAsync());
            Assert.Equal([new FieldChange(OfferChange.AddedField, "", slug)], change.Fields());
        }

        var page = await app.CreateClient().GetHtmlAsync("/wegwijzer?provincie=gelderland&sector=F&medewerkers=12&q=" + slug);
        Assert.Contains($"<h2>Leerbon {slug}</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge\">Past</span>", page, StringComparison.Ordinal);
        Assert.Contains("Uw bedrijf zit in Gelderland: daar is dit aanbod.", page, StringComparison.Ordinal);
        Assert.Contains("Toegevoegd in de app", await editor.GetHtmlAsync("/wegwijzer/redactie/" + slug), StringComparison.Ordinal);

        var file = offer with { Summary = new LocalizedText("uit een bestand", "from a file") };
        var importer = new OfferImporter(app.Services.GetRequiredService<IServiceScopeFactory>(), new OfferFiles([file]), TimeProvider.System, NullLogger<OfferImporter>.Instance);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            Assert.Equal((0, 0), await importer.ImportAsync(db, default));
            Assert.Equal("Een bon voor een cursus.", (await db.Offers.AsNoTracking().SingleAsync(e => e.Slug == slug)).Read().Summary.Nl);
        }
    }

    [Theory]
    [InlineData("gelrepact", "Er is al aanbod met de korte naam 'gelrepact'. Kies een andere.")]
    [InlineData("Leerbon Twente", "Gebruik alleen kleine letters, cijfers en losse streepjes")]
    [InlineData("leerbon--twente", "Gebruik alleen kleine letters, cijfers en losse streepjes")]
    [InlineData("nieuw", "Het woord 'nieuw' kan niet.")]
    [InlineData("", "Vul Korte naam voor het webadres in.")]
    public async Task A_taken_or_malformed_slug_is_refused_beside_the_field_and_nothing_is_stored(string slug, string message)
    {
        var editor = await app.LoggedInEditorAsync();
        var form = Form(Described("x"));
        form["Input.Slug"] = slug;
        form["Input.TitleNl"] = "Titel " + Guid.NewGuid().ToString("N");

        var refused = await editor.PostFormAsync(NewOfferModel.Path, form);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.TextAsync();
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{form["Input.TitleNl"]}\"", html, StringComparison.Ordinal); // input kept
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        Assert.DoesNotContain(await db.Offers.AsNoTracking().Select(e => e.Json).ToListAsync(), json => json.Contains(form["Input.TitleNl"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_offer_is_checked_by_the_same_rules_as_an_edit()
    {
        var editor = await app.LoggedInEditorAsync();
        var slug = "regels-" + Guid.NewGuid().ToString("N")[..8];
        var form = Form(Described(slug) with { Eligibility = new OfferLimits(50, 10, null) });
        form["Input.Sources"] = "http://www.example.org/leerbon";
        form["Input.Regions[0]"] = "atlantis";
        form["Input.LastChecked"] = TestOffers.Today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var refused = await editor.PostFormAsync(NewOfferModel.Path, form);

        var html = await refused.TextAsync();
        Assert.Contains("Het minste aantal medewerkers is hoger dan het meeste.", html, StringComparison.Ordinal);
        Assert.Contains("Dit webadres gebruiken we niet: 'http://www.example.org/leerbon'.", html, StringComparison.Ordinal);
        Assert.Contains("'atlantis' staat er niet in.", html, StringComparison.Ordinal);
        Assert.Contains("De controle kan niet in de toekomst liggen", html, StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Offers.AnyAsync(e => e.Slug == slug));
    }
}
