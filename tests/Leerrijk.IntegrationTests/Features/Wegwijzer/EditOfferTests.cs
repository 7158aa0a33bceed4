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
        var add = await member.GetAsync(NewOfferModel.Path);
        var anonymousAdd = await app.CreateBrowserClient().GetAsync(NewOfferModel.Path);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.True(list.IsAccessDenied());
        Assert.True(edit.IsAccessDenied());
        Assert.True(add.IsAccessDenied());
        Assert.StartsWith("/Account/Login", anonymousAdd.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
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

    [Fact]
    public async Task An_editor_changes_kinds_areas_sectors_sizes_and_audiences_and_the_history_names_each()
    {
        var offer = await TestOffers.AddAsync(app, o => o with { Sizes = ["micro"], Audiences = [OfferTerms.Employer], Sectors = new OfferSectors([], []) });
        var editor = await app.LoggedInEditorAsync();
        var changed = offer with
        {
            Kinds = ["coach", "network"],
            Areas = new OfferAreas(false, ["gelderland", "overijssel"], ["achterhoek"], []),
            Sectors = new OfferSectors(["F", "C"], []),
            Sizes = ["small", "medium"],
            Audiences = [OfferTerms.Employer, OfferTerms.Employee],
        };

        var save = await editor.PostFormAsync(Url(offer), Form(changed, await editor.GetHtmlAsync(Url(offer))));

        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        var stored = (await StoredAsync(offer)).Row.Read();
        Assert.Equal(["coach", "network"], stored.Kinds);
        Assert.False(stored.Areas.National);
        Assert.Equal(["gelderland", "overijssel"], stored.Areas.Provinces);
        Assert.Equal(["achterhoek"], stored.Areas.Regions);
        Assert.Equal(["F", "C"], stored.Sectors.Sections);
        Assert.Equal(["small", "medium"], stored.Sizes);
        Assert.Equal([OfferTerms.Employer, OfferTerms.Employee], stored.Audiences);
        var history = await editor.GetHtmlAsync(Url(offer));
        Assert.Contains("<strong>kinds</strong>: van 'voucher' naar 'coach, network'", history, StringComparison.Ordinal);
        Assert.Contains("<strong>areas.national</strong>: van 'true' naar 'leeg'", history, StringComparison.Ordinal);
        Assert.Contains("<strong>areas.provinces</strong>: van 'leeg' naar 'gelderland, overijssel'", history, StringComparison.Ordinal);
        Assert.Contains("<strong>areas.regions</strong>: van 'leeg' naar 'achterhoek'", history, StringComparison.Ordinal);
        Assert.Contains("<strong>sectors.sections</strong>: van 'leeg' naar 'F, C'", history, StringComparison.Ordinal);
        Assert.Contains("<strong>sizes</strong>: van 'micro' naar 'small, medium'", history, StringComparison.Ordinal);
        Assert.Contains("<strong>audiences</strong>: van 'employer' naar 'employer, employee'", history, StringComparison.Ordinal);
        Assert.Matches("id=\"province-gelderland\" name=\"Input.Provinces\" value=\"gelderland\" checked", history); // the form shows what is stored
    }

    [Fact]
    public async Task An_editor_changes_money_limits_the_expected_window_and_sources_and_readers_see_them()
    {
        var offer = await TestOffers.AddAsync(app, o => o with { Windows = [], Money = new OfferMoney(null, null, null, null, null), Eligibility = new OfferLimits(null, null, null) });
        var editor = await app.LoggedInEditorAsync();
        var changed = offer with
        {
            Money = new OfferMoney(50, 25000, 0, 1000, new("per bedrijf", "per company")),
            Eligibility = new OfferLimits(5, 249, 50_000_000),
            NextWindowExpected = new ExpectedWindow(TestOffers.Today.AddMonths(3), new("volgens de provincie", "according to the province")),
            Sources = [new OfferSource("https://www.example.org/regeling", null), new OfferSource(null, "Jaarplan 2026: leren en werken")],
        };

        var save = await editor.PostFormAsync(Url(offer), Form(changed, await editor.GetHtmlAsync(Url(offer))));

        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        var stored = (await StoredAsync(offer)).Row.Read();
        Assert.Equal(changed.Money, stored.Money);
        Assert.Equal(changed.Eligibility, stored.Eligibility);
        Assert.Equal(changed.NextWindowExpected, stored.NextWindowExpected);
        Assert.Equal(changed.Sources, stored.Sources);
        var history = await editor.GetHtmlAsync(Url(offer));
        Assert.Contains("<strong>money.percentage</strong>: van 'leeg' naar '50'", history, StringComparison.Ordinal);
        Assert.Contains("<strong>money.note.nl</strong>: van 'leeg' naar 'per bedrijf'", history, StringComparison.Ordinal);
        Assert.Contains("<strong>eligibility.maxEmployees</strong>: van 'leeg' naar '249'", history, StringComparison.Ordinal);
        Assert.Contains("<strong>eligibility.maxTurnoverEuros</strong>: van 'leeg' naar '50000000'", history, StringComparison.Ordinal);
        Assert.Contains($"<strong>nextWindowExpected.date</strong>: van 'leeg' naar '{TestOffers.Today.AddMonths(3):yyyy-MM-dd}'", history, StringComparison.Ordinal);
        Assert.Contains("<strong>sources</strong>", history, StringComparison.Ordinal);
        Assert.Contains("naar 'https://www.example.org/regeling; Jaarplan 2026: leren en werken'", history, StringComparison.Ordinal);
        var card = await app.CreateClient().GetHtmlAsync("/wegwijzer?q=" + offer.Title.Nl.Split(' ')[1]);
        Assert.Contains("href=\"https://www.example.org/regeling\" rel=\"noopener noreferrer external\">www.example.org</a>", card, StringComparison.Ordinal);
        Assert.Contains("Jaarplan 2026: leren en werken", card, StringComparison.Ordinal);
        Assert.Contains($"volgende ronde verwacht rond {TestOffers.Today.AddMonths(3).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("nl-NL"))} (schatting)", card, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Input.Regions[0]", "atlantis", "Kies alleen uit de lijst. 'atlantis' staat er niet in.")]
    [InlineData("Input.Provinces[0]", "gelre", "Kies alleen uit de lijst. 'gelre' staat er niet in.")]
    [InlineData("Input.Sections[0]", "Z", "Kies alleen uit de lijst. 'Z' staat er niet in.")]
    [InlineData("Input.Kinds[0]", "loan", "Kies alleen uit de lijst. 'loan' staat er niet in.")]
    [InlineData("Input.Kinds[0]", "", "Kies minstens één soort aanbod.")]
    [InlineData("Input.Percentage", "120", "Vul een percentage in van 0 tot en met 100.")]
    [InlineData("Input.MaximumEuros", "-5", "Hoogste bedrag (euro): vul een bedrag in van 0 tot en met 1.000.000.000 euro.")]
    [InlineData("Input.OwnContributionEuros", "veel", "'veel' is geen geldige waarde voor Eigen bijdrage (euro, 0 als het gratis is).")]
    [InlineData("Input.MinEmployees", "300", "Het minste aantal medewerkers is hoger dan het meeste. Verbeter een van de twee.")]
    [InlineData("Input.MaxEmployees", "0", "Meeste aantal medewerkers: vul een aantal in van 1 tot en met 1.000.000.")]
    [InlineData("Input.MoneyNoteNl", "per jaar", "Vul deze uitleg in het Nederlands én in het Engels in, of laat allebei leeg.")]
    [InlineData("Input.Sources", "http://www.example.org/regeling", "Dit webadres gebruiken we niet: 'http://www.example.org/regeling'.")]
    [InlineData("Input.Sources", "javascript:alert(1)", "Dit webadres gebruiken we niet: 'javascript:alert(1)'.")]
    [InlineData("Input.Sources", "data:text/html,<script>alert(1)</script>", "Alleen adressen die beginnen met https:// mogen.")]
    [InlineData("Input.Sources", "", "Vul Bronnen in.")]
    [InlineData("Input.NextWindowDate", "1999-03-01", "Kies een datum tussen 2000 en 2100.")]
    public async Task A_value_the_offer_files_would_refuse_is_refused_beside_its_field_and_nothing_is_stored(string field, string value, string message)
    {
        var offer = await TestOffers.AddAsync(app, o => o with { Eligibility = new OfferLimits(null, 250, null) });
        var editor = await app.LoggedInEditorAsync();
        var form = Form(offer, await editor.GetHtmlAsync(Url(offer)));
        form["Input.SummaryNl"] = "Een wijziging die niet bewaard mag worden.";
        form[field] = value;
        if (field.EndsWith(']') && value.Length == 0)
        {
            form.Remove(field); // no box ticked
        }

        var refused = await editor.PostFormAsync(Url(offer), form);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.TextAsync();
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains("Een wijziging die niet bewaard mag worden.</textarea>", html, StringComparison.Ordinal); // input kept
        var (row, changes) = await StoredAsync(offer);
        Assert.False(row.EditedInApp);
        Assert.Equal(0, changes);
        Assert.Equal(offer.Summary.Nl, row.Read().Summary.Nl);
    }

    [Fact]
    public async Task A_stored_source_address_with_quotes_or_script_is_rendered_as_text_and_a_non_https_one_not_as_a_link()
    {
        const string Attack = "https://example.org/\"><script>alert(1)</script>";
        var offer = await TestOffers.AddAsync(app, o => o with { Sources = [new OfferSource(Attack, null), new OfferSource("javascript:alert(2)", null), new OfferSource(null, "<img src=x onerror=alert(3)>")] });
        var editor = await app.LoggedInEditorAsync();

        var card = await (await app.CreateClient().GetAsync("/wegwijzer?q=" + offer.Title.Nl.Split(' ')[1])).Content.ReadAsStringAsync();
        var edit = await (await editor.GetAsync(Url(offer))).Content.ReadAsStringAsync();

        Assert.True(OfferRules.IsHttpsUrl(Attack), "the attack passes the https check, so the rendering must neutralise it");
        foreach (var html in new[] { card, edit })
        {
            Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
            Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("rel=\"noopener noreferrer external\">example.org</a>", card, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(3)&gt;", card, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"Input.Version\" value=\"([0-9]+)\"")]
    private static partial Regex VersionField();
}
