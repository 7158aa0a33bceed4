using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Wegwijzer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Leerrijk.IntegrationTests.Features.Wegwijzer;

/// <summary>Kept current: editors change offers in the app with a history, stale offers are flagged, ended offers never look open.</summary>
public sealed partial class EditOfferTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static string Url(Offer offer) => "/wegwijzer/redactie/" + offer.Slug;

    /// <summary>The form as the page fills it for <paramref name="offer"/>, with the version the page was loaded at.</summary>
    private static Dictionary<string, string> Form(Offer offer, string html) => TestOffers.Form(offer, VersionField().Match(html).Groups[1].Value);

    private async Task<(OfferEntry Row, int Changes)> StoredAsync(Offer offer)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var row = await db.Offers.AsNoTracking().SingleAsync(e => e.Slug == offer.Slug);
        return (row, await db.OfferChanges.CountAsync(c => c.OfferId == row.Id));
    }

    [Fact]
    public async Task An_editor_changes_an_offer_which_the_importer_then_leaves_alone_and_the_history_says_who_when_and_what()
    {
        var offer = await TestOffers.AddAsync(app, o => o with { Windows = [TestOffers.Window(-400, -380)], LastChecked = TestOffers.Today.AddDays(-30) });
        var editor = await app.LoggedInEditorAsync();
        var form = Form(offer, await editor.GetHtmlAsync(Url(offer)));
        form["Input.SummaryNl"] = "Een nieuwe korte uitleg.";
        form["Input.Windows"] += "\n2027-03-01 2027-03-28";
        form["Input.LastChecked"] = TestOffers.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var save = await editor.PostFormAsync(Url(offer), form);

        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        var (row, changes) = await StoredAsync(offer);
        Assert.True(row.EditedInApp);
        Assert.Equal(1, changes);
        var stored = row.Read();
        Assert.Equal("Een nieuwe korte uitleg.", stored.Summary.Nl);
        Assert.Equal(new DateOnly(2027, 3, 28), stored.Windows[^1].Closes);
        Assert.Equal(TestOffers.Today, stored.LastChecked);
        Assert.Equal(offer.Areas.National, stored.Areas.National); // fields the form does not hold are kept

        var importer = new OfferImporter(app.Services.GetRequiredService<IServiceScopeFactory>(), new OfferFiles([offer with { Summary = new("uit het bestand", "from the file") }]), TimeProvider.System, NullLogger<OfferImporter>.Instance);
        using (var scope = app.Services.CreateScope())
        {
            Assert.Equal((0, 0), await importer.ImportAsync(scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>(), default));
        }

        Assert.Equal("Een nieuwe korte uitleg.", (await StoredAsync(offer)).Row.Read().Summary.Nl);
        var history = await editor.GetHtmlAsync(Url(offer));
        Assert.Contains("<td>Test ", history, StringComparison.Ordinal); // the editor's display name
        Assert.Contains($"<strong>summary.nl</strong>: van '{offer.Summary.Nl}' naar 'Een nieuwe korte uitleg.'", history, StringComparison.Ordinal);
        Assert.Contains($"<strong>lastChecked</strong>: van '{TestOffers.Today.AddDays(-30):yyyy-MM-dd}' naar '{TestOffers.Today:yyyy-MM-dd}'", history, StringComparison.Ordinal);
        Assert.Contains("<strong>windows</strong>", history, StringComparison.Ordinal);
        Assert.DoesNotContain("<strong>title.nl</strong>", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_answered_beside_its_field_and_nothing_is_stored()
    {
        var offer = await TestOffers.AddAsync(app, o => o);
        var editor = await app.LoggedInEditorAsync();
        var form = Form(offer, await editor.GetHtmlAsync(Url(offer)));
        form["Input.Windows"] = "1 maart tot 28 maart\n2027-03-28 2027-03-01\n2027-01-01 2027-02-01";
        form["Input.Status"] = "ended";
        form["Input.LastChecked"] = TestOffers.Today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        form["Input.TitleNl"] = "";

        var refused = await editor.PostFormAsync(Url(offer), form);
        form["Input.Status"] = "closed-until";
        form["Input.Windows"] = "";
        form["Input.LastChecked"] = "2026-01-01";
        var noDate = await editor.PostFormAsync(Url(offer), form);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.TextAsync();
        Assert.Contains("Deze regel lezen we niet: '1 maart tot 28 maart'.", html, StringComparison.Ordinal);
        Assert.Contains("Deze ronde sluit voor hij opent: '2027-03-28 2027-03-01'.", html, StringComparison.Ordinal);
        Assert.Contains("De controle kan niet in de toekomst liggen of voor 2000.", html, StringComparison.Ordinal);
        Assert.Contains("Vul Naam (Nederlands) in.", html, StringComparison.Ordinal);
        Assert.Contains("Vul in tot wanneer het aanbod gesloten is", await noDate.TextAsync(), StringComparison.Ordinal);
        var (row, changes) = await StoredAsync(offer);
        Assert.False(row.EditedInApp);
        Assert.Equal(0, changes);
    }

    [Fact]
    public async Task Ending_an_offer_with_a_window_still_open_on_the_check_day_is_refused()
    {
        var offer = await TestOffers.AddAsync(app, o => o with { Windows = [TestOffers.Window(-5, 10)] });
        var editor = await app.LoggedInEditorAsync();
        var form = Form(offer, await editor.GetHtmlAsync(Url(offer)));
        form["Input.Status"] = "ended";
        form["Input.LastChecked"] = TestOffers.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var refused = await editor.PostFormAsync(Url(offer), form);

        Assert.Contains("Het aanbod is gestopt, maar een ronde loopt nog op de controledag", await refused.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, (await StoredAsync(offer)).Changes);
    }

    [Fact]
    public async Task When_two_editors_save_the_same_offer_the_second_is_told_and_keeps_their_input()
    {
        var offer = await TestOffers.AddAsync(app, o => o);
        var first = await app.LoggedInEditorAsync();
        var second = await app.LoggedInEditorAsync();
        var firstHtml = await first.GetHtmlAsync(Url(offer));
        var secondHtml = await second.GetHtmlAsync(Url(offer));
        var firstForm = Form(offer, firstHtml);
        firstForm["Input.SummaryNl"] = "Versie van de eerste.";
        var secondForm = Form(offer, secondHtml);
        secondForm["Input.SummaryNl"] = "Versie van de tweede.";

        Assert.Equal(HttpStatusCode.Redirect, (await first.PostLoadedFormAsync(Url(offer), firstHtml, firstForm)).StatusCode);
        var late = await second.PostLoadedFormAsync(Url(offer), secondHtml, secondForm);

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var html = await late.TextAsync();
        Assert.Contains("Iemand anders heeft dit aanbod intussen opgeslagen.", html, StringComparison.Ordinal);
        Assert.Contains("Versie van de tweede.</textarea>", html, StringComparison.Ordinal); // their input kept
        Assert.Contains("naar 'Versie van de eerste.'", html, StringComparison.Ordinal); // what is stored now
        var (row, changes) = await StoredAsync(offer);
        Assert.Equal("Versie van de eerste.", row.Read().Summary.Nl);
        Assert.Equal(1, changes);

        var retry = await second.PostLoadedFormAsync(Url(offer), html, Form(offer, html));
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode); // saving again, now on the current version, works
    }

    [Fact]
    public async Task Only_editors_open_the_editors_pages()
    {
        var offer = await TestOffers.AddAsync(app, o => o);
        var (_, member) = await app.OrganisationWithOwnerAsync();

        var anonymous = await app.CreateBrowserClient().GetAsync(Url(offer));
        var list = await member.GetAsync("/wegwijzer/redactie");
        var edit = await member.GetAsync(Url(offer));
        var missing = await (await app.LoggedInEditorAsync()).GetAsync("/wegwijzer/redactie/bestaat-niet");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.True(list.IsAccessDenied());
        Assert.True(edit.IsAccessDenied());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.DoesNotContain("/wegwijzer/redactie", await member.GetHtmlAsync("/wegwijzer"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_offer_not_checked_for_six_months_is_flagged_to_editors_and_shown_to_readers_with_its_date()
    {
        var stale = await TestOffers.AddAsync(app, o => o with { LastChecked = TestOffers.Today.AddMonths(-6).AddDays(-1) });
        var fresh = await TestOffers.AddAsync(app, o => o with { LastChecked = TestOffers.Today.AddMonths(-6) });
        var editor = await app.LoggedInEditorAsync();

        var list = await editor.GetHtmlAsync("/wegwijzer/redactie");
        var page = await app.CreateClient().GetHtmlAsync("/wegwijzer?q=" + stale.Title.Nl.Split(' ')[1]);
        var freshPage = await app.CreateClient().GetHtmlAsync("/wegwijzer?q=" + fresh.Title.Nl.Split(' ')[1]);

        Assert.Contains("aanbiedingen zijn langer dan 6 maanden niet gecontroleerd. Ze staan bovenaan.", list, StringComparison.Ordinal);
        var staleRow = list[list.IndexOf($"/wegwijzer/redactie/{stale.Slug}", StringComparison.Ordinal)..];
        Assert.StartsWith("Controleren: langer dan zes maanden geleden", staleRow[(staleRow.IndexOf("<strong>", StringComparison.Ordinal) + 8)..], StringComparison.Ordinal);
        Assert.True(list.IndexOf(stale.Slug, StringComparison.Ordinal) < list.IndexOf(fresh.Slug, StringComparison.Ordinal), "stale offers come first");
        var freshRow = list[list.IndexOf($"/wegwijzer/redactie/{fresh.Slug}", StringComparison.Ordinal)..];
        Assert.DoesNotContain("Controleren", freshRow[..freshRow.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Matches(Regex.Escape(stale.LastChecked.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("nl-NL"))) + @"\s*<br><strong>Langer dan 6 maanden niet gecontroleerd\.", page);
        Assert.DoesNotContain("Langer dan 6 maanden niet gecontroleerd", freshPage, StringComparison.Ordinal);
        Assert.Contains("href=\"/wegwijzer/redactie\"", await editor.GetHtmlAsync("/wegwijzer"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ended_offer_is_never_shown_as_open_or_recommended_even_with_a_window_open_today()
    {
        var ended = await TestOffers.AddAsync(app, o => o with { Kinds = ["subsidy"], Status = OfferTerms.Ended, Windows = [TestOffers.Window(-5, 10)] });
        var (organisation, owner) = await app.OrganisationWithOwnerAsync();

        var card = await app.CreateClient().GetHtmlAsync("/wegwijzer?q=" + ended.Title.Nl.Split(' ')[1]);
        var openOnly = await app.CreateClient().GetHtmlAsync("/wegwijzer?open=true&q=" + ended.Title.Nl.Split(' ')[1]);
        var step = await owner.GetHtmlAsync("/menukaart/leercoach");
        var dashboard = await owner.GetHtmlAsync($"/o/{organisation.Id}");
        var feed = await app.CreateClient().GetStringAsync("/wegwijzer/gelderland.ics");

        Assert.Contains("<span class=\"badge\">Past niet</span>", card, StringComparison.Ordinal);
        Assert.Contains("<dd>Gestopt</dd>", card, StringComparison.Ordinal);
        Assert.DoesNotContain("<dd>Nu open</dd>", card, StringComparison.Ordinal);
        Assert.DoesNotContain(ended.Title.Nl, openOnly, StringComparison.Ordinal);
        Assert.DoesNotContain(ended.Slug, step, StringComparison.Ordinal);
        Assert.DoesNotContain(ended.Slug, dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain(ended.Slug, feed, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"Input.Version\" value=\"([0-9]+)\"")]
    private static partial Regex VersionField();
}
