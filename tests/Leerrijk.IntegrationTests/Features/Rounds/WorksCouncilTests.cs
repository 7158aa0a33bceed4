using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Rounds;

/// <summary>
/// The works council pack: the sheet per round (/o/{orgId}/rounds/{roundId}/or-informatie), the owner's record that the
/// OR agreed, and the reminder on the new-round form.
/// </summary>
public sealed partial class WorksCouncilTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static DateOnly Today => LocalizationSetup.Today(TimeProvider.System);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Sheet(Guid organisationId, Guid roundId) => $"/o/{organisationId}/rounds/{roundId}/or-informatie";

    private static string Details(Guid organisationId, Guid roundId) => $"/o/{organisationId}/rounds/{roundId}";

    private InstrumentCatalog Catalog => app.Services.GetRequiredService<InstrumentCatalog>();

    /// <summary>An organisation whose owner is logged in, with a given head count and size band.</summary>
    private async Task<(Organisation Organisation, HttpClient Owner, Guid OwnerId)> CompanyAsync(int? employees = null, SizeClass size = SizeClass.Small)
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        await ChangeAsync(db => db.Organisations.Where(o => o.Id == organisation.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Employees, employees).SetProperty(o => o.SizeClass, size)));
        return (organisation, await app.LoggedInClientAsync(owner.Email!), owner.Id);
    }

    private async Task ChangeAsync(Func<LeerrijkDbContext, Task> change)
    {
        using var scope = app.Services.CreateScope();
        await change(scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>());
    }

    private async Task<Round> StoredAsync(Guid roundId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Rounds.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Id == roundId);
    }

    /// <summary>Each wording the invited roles read, in <paramref name="language"/>: what the sheet must show for the item.</summary>
    private static IEnumerable<string> Wordings(Item item, IEnumerable<string> roles, string language) =>
        roles.Select(r => item.TextFor(Enum.Parse<RespondentRole>(r)).For(language)).Distinct();

    [Fact]
    public async Task The_sheet_lists_every_item_of_the_rounds_instrument_and_module_and_its_real_threshold()
    {
        var (organisation, owner, ownerId) = await CompanyAsync(employees: 64);
        var viewer = await app.CreateUserAsync();
        await app.AddMemberAsync(organisation.Id, viewer.Id, OrganisationRole.Viewer);
        var module = Catalog.Find("leerklimaat-monitor")!;
        var round = await app.CreateRoundAsync(organisation.Id, ownerId, r =>
        {
            r.AnonymityThreshold = 7;
            r.ModuleId = module.Id;
            r.ModuleVersion = module.Version;
            r.Departments = ["Werkplaats", "Kantoor"];
        });
        var instrument = Catalog.Find(round.InstrumentId, round.InstrumentVersion)!;
        // The owner shortened the retention period: the sheet states this company's own, not the default.
        await ChangeAsync(db => db.Organisations.Where(o => o.Id == organisation.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.RetentionMonths, 12)));

        var html = await (await app.LoggedInClientAsync(viewer.Email!)).GetHtmlAsync(Sheet(organisation.Id, round.Id));

        var items = instrument.Items.Concat(module.Items).ToList();
        Assert.True(items.Count > 20, "The test needs an instrument with many items.");
        foreach (var item in items)
        {
            foreach (var wording in Wordings(item, round.Roles, "nl"))
            {
                Assert.Contains(wording, html, StringComparison.Ordinal);
            }
        }

        foreach (var question in instrument.OpenQuestions.Concat(module.OpenQuestions))
        {
            Assert.Contains(question.Text.Nl, html, StringComparison.Ordinal);
        }

        foreach (var dimension in instrument.Dimensions.Where(d => instrument.ItemsOf(d.Id).Any()))
        {
            Assert.Contains($"<h4>{dimension.Name.Nl}</h4>", html, StringComparison.Ordinal);
        }

        // k = 7 and two accounts (owner and viewer) read the report: every figure rests on at least 9.
        Assert.Contains("De drempel van deze meting is 7 mensen.", html, StringComparison.Ordinal);
        Assert.Contains("elk cijfer gaat nu over minstens 9 mensen (7 + 2)", html, StringComparison.Ordinal);
        Assert.Contains("Geen cijfer over minder dan 9 mensen", html, StringComparison.Ordinal);
        Assert.Contains("Zijn er minder dan 18 deelnemers", html, StringComparison.Ordinal);
        Assert.Contains("Open antwoorden worden pas getoond vanaf 10 deelnemers.", html, StringComparison.Ordinal);
        Assert.Contains("Afdeling: iemand kiest uit Werkplaats, Kantoor", html, StringComparison.Ordinal);
        Assert.Contains($"{organisation.Name} heeft volgens het bedrijfsprofiel 50 of meer medewerkers.", html, StringComparison.Ordinal);
        Assert.Contains("Deze organisatie laat de ruwe antwoorden 12 maanden na het sluiten van de ronde verwijderen.", html, StringComparison.Ordinal);
        Assert.Contains("Nog niet vastgelegd", html, StringComparison.Ordinal);
        Assert.Contains("Op dit moment heeft geen adviseur toegang.", html, StringComparison.Ordinal);
        Assert.Contains("De organisatie die Leerrijk voor u host", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        // Printing is the browser's own: the sheet itself has no button and no form.
        var main = html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];
        Assert.DoesNotContain("<button", main, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<form", main, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task In_english_the_sheet_shows_the_items_in_english_and_the_advisers_the_company_let_in()
    {
        var (organisation, owner, ownerId) = await CompanyAsync();
        var round = await app.CreateRoundAsync(organisation.Id, ownerId, r => r.AnonymityThreshold = 4);
        var support = await app.CreateSupportOrganisationAsync("Leerwerkloket Oost");
        await app.GrantAsync(organisation.Id, support.Id, null, ConsentScope.ReadReports);
        var instrument = Catalog.Find(round.InstrumentId, round.InstrumentVersion)!;

        var html = await owner.GetHtmlAsync(Sheet(organisation.Id, round.Id) + "?lang=en");

        Assert.Contains("<h1>Information for the works council</h1>", html, StringComparison.Ordinal);
        foreach (var wording in instrument.Items.SelectMany(i => Wordings(i, round.Roles, "en")))
        {
            Assert.Contains(wording, html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(instrument.Items[0].Text.Nl, html, StringComparison.Ordinal);
        Assert.Contains("This survey's threshold is 4 people.", html, StringComparison.Ordinal);
        Assert.Contains("Leerwerkloket Oost", html, StringComparison.Ordinal);
        Assert.Contains("According to its profile", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sheet_is_refused_to_members_of_another_organisation_and_to_strangers()
    {
        var (organisation, _, ownerId) = await CompanyAsync();
        var round = await app.CreateRoundAsync(organisation.Id, ownerId);
        var (other, otherOwner, _) = await CompanyAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await otherOwner.GetAsync(Sheet(organisation.Id, round.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherOwner.GetAsync(Sheet(other.Id, round.Id))).StatusCode);
        var anonymous = await app.CreateBrowserClient().GetAsync(Sheet(organisation.Id, round.Id));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_round_page_links_to_the_sheet()
    {
        var (organisation, owner, ownerId) = await CompanyAsync();
        var round = await app.CreateRoundAsync(organisation.Id, ownerId);

        var html = await owner.GetHtmlAsync(Details(organisation.Id, round.Id));

        Assert.Contains($"<a href=\"{Sheet(organisation.Id, round.Id)}\">Informatieblad voor de OR afdrukken</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_owner_records_the_agreement_and_it_shows_on_the_round_and_the_sheet()
    {
        var (organisation, owner, ownerId) = await CompanyAsync(employees: 80);
        var round = await app.CreateRoundAsync(organisation.Id, ownerId);
        var details = Details(organisation.Id, round.Id);
        var agreedOn = Today.AddDays(-3);

        var page = await owner.GetHtmlAsync(details);
        Assert.Contains("value=\"WorksCouncil\" checked=\"checked\"", page, StringComparison.Ordinal);

        var saved = await owner.PostFormAsync(details + "?handler=Agreement", new()
        {
            ["Agreement.AgreedOn"] = Day(agreedOn),
            ["Agreement.Body"] = "WorksCouncil",
            ["Agreement.Note"] = "  Verslag OR-vergadering 12  ",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await StoredAsync(round.Id);
        Assert.Equal((agreedOn, ConsultedBody.WorksCouncil, "Verslag OR-vergadering 12"), (stored.WorksCouncilAgreedOn, stored.WorksCouncilBody, stored.WorksCouncilNote));
        var shown = $"Vastgelegd: de ondernemingsraad (OR) heeft ingestemd op {agreedOn.ToString("D", LocalizationSetup.Dutch)}.";
        var round2 = await owner.GetHtmlAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("De instemming is vastgelegd.", round2, StringComparison.Ordinal);
        Assert.Contains(shown, round2, StringComparison.Ordinal);
        Assert.Contains("Notitie: Verslag OR-vergadering 12", round2, StringComparison.Ordinal);
        var sheet = await owner.GetHtmlAsync(Sheet(organisation.Id, round.Id));
        Assert.Contains(shown, sheet, StringComparison.Ordinal);
        Assert.DoesNotContain("Nog niet vastgelegd", sheet, StringComparison.Ordinal);

        // A staff meeting instead, without a note: the note goes.
        await owner.PostFormAsync(details + "?handler=Agreement", new() { ["Agreement.AgreedOn"] = Day(Today), ["Agreement.Body"] = "StaffMeeting", ["Agreement.Note"] = "" });
        stored = await StoredAsync(round.Id);
        Assert.Equal((Today, ConsultedBody.StaffMeeting, (string?)null), (stored.WorksCouncilAgreedOn, stored.WorksCouncilBody, stored.WorksCouncilNote));
    }

    [Theory]
    [InlineData("future", "WorksCouncil", "Deze datum ligt in de toekomst.")]
    [InlineData("", "WorksCouncil", "Datum van instemming")]
    [InlineData("today", "", "Wie heeft ingestemd")]
    [InlineData("today", "Board", "Wie heeft ingestemd")]
    public async Task An_agreement_in_the_future_or_without_date_or_body_is_refused_with_the_reason(string day, string body, string message)
    {
        var (organisation, owner, ownerId) = await CompanyAsync();
        var round = await app.CreateRoundAsync(organisation.Id, ownerId);
        var date = day switch { "future" => Day(Today.AddDays(1)), "today" => Day(Today), _ => "" };

        var refused = await owner.PostFormAsync(Details(organisation.Id, round.Id) + "?handler=Agreement", new()
        {
            ["Agreement.AgreedOn"] = date,
            ["Agreement.Body"] = body,
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.TextAsync();
        var errors = ErrorSummary().Match(html);
        Assert.True(errors.Success, "The page shows what is wrong.");
        Assert.Contains(message, errors.Value, StringComparison.Ordinal);
        Assert.Contains("<details class=\"works-council-form\" open=\"open\">", html, StringComparison.Ordinal);
        var stored = await StoredAsync(round.Id);
        Assert.Equal(((DateOnly?)null, (ConsultedBody?)null), (stored.WorksCouncilAgreedOn, stored.WorksCouncilBody));
    }

    [Fact]
    public async Task Only_the_owner_records_the_agreement_not_hr_nor_an_adviser_who_may_read_the_round()
    {
        var (organisation, _, ownerId) = await CompanyAsync();
        var round = await app.CreateRoundAsync(organisation.Id, ownerId);
        var hr = await app.CreateUserAsync();
        await app.AddMemberAsync(organisation.Id, hr.Id, OrganisationRole.Hr);
        var hrClient = await app.LoggedInClientAsync(hr.Email!);
        var (adviser, _) = await app.ConsentedAdviserAsync(organisation.Id, ConsentRules.Every);
        var fields = new Dictionary<string, string> { ["Agreement.AgreedOn"] = Day(Today), ["Agreement.Body"] = "WorksCouncil" };
        var details = Details(organisation.Id, round.Id);

        var hrPage = await hrClient.GetHtmlAsync(details);
        Assert.DoesNotContain("Agreement.Body", hrPage, StringComparison.Ordinal);
        Assert.Contains("Informatieblad voor de OR afdrukken", hrPage, StringComparison.Ordinal);
        Assert.True((await hrClient.PostFormAsync(details + "?handler=Agreement", fields)).IsAccessDenied());
        Assert.True((await adviser.PostFormAsync(details + "?handler=Agreement", fields)).IsAccessDenied());
        Assert.Null((await StoredAsync(round.Id)).WorksCouncilAgreedOn);

        // The adviser may read the round and its sheet with ReadReports.
        Assert.Equal(HttpStatusCode.OK, (await adviser.GetAsync(Sheet(organisation.Id, round.Id))).StatusCode);
    }

    [Theory]
    [InlineData(50, SizeClass.Medium, "works council")]
    [InlineData(null, SizeClass.Large, "works council")]
    [InlineData(30, SizeClass.Small, "staff representation")]
    [InlineData(null, SizeClass.Small, "staff representation")]
    [InlineData(9, SizeClass.Micro, "nothing")]
    [InlineData(null, SizeClass.Micro, "nothing")]
    public async Task The_round_form_reminds_of_the_works_council_from_50_staff_and_mentions_the_staff_representation_from_10(
        int? employees, SizeClass size, string expected)
    {
        var (organisation, owner, _) = await CompanyAsync(employees, size);
        var form = $"/o/{organisation.Id}/rounds/new?instrument=leerrijk-teamscan";

        var html = await owner.GetHtmlAsync(form);

        var preview = $"/o/{organisation.Id}/rounds/new/or-informatie?instrument=leerrijk-teamscan";
        Assert.Equal(expected == "works council", html.Contains("Eerst naar de ondernemingsraad", StringComparison.Ordinal));
        Assert.Equal(expected == "staff representation", html.Contains("Heeft uw bedrijf een personeelsvertegenwoordiging (PVT)?", StringComparison.Ordinal));
        Assert.Equal(expected != "nothing", html.Contains($"href=\"{preview}\"", StringComparison.Ordinal));
        if (expected == "works council")
        {
            Assert.Contains("Uw bedrijf heeft 50 of meer medewerkers.", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_preview_from_the_form_lists_the_instruments_items_with_the_default_threshold()
    {
        var (organisation, owner, _) = await CompanyAsync(employees: 120, size: SizeClass.Medium);
        var instrument = Catalog.Find("leerrijk-teamscan")!;

        var html = await owner.GetHtmlAsync($"/o/{organisation.Id}/rounds/new/or-informatie?instrument={instrument.Id}");

        Assert.Contains("Dit is een voorbeeld: de meting bestaat nog niet.", html, StringComparison.Ordinal);
        foreach (var wording in instrument.Items.SelectMany(i => Wordings(i, instrument.Roles.Select(r => r.ToString()), "nl")))
        {
            Assert.Contains(wording, html, StringComparison.Ordinal);
        }

        Assert.Contains("De drempel van deze meting is 5 mensen.", html, StringComparison.Ordinal);
        var back = await owner.GetAsync($"/o/{organisation.Id}/rounds/new/or-informatie");
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal($"/o/{organisation.Id}/rounds/new", back.Headers.Location!.OriginalString);
    }

    [GeneratedRegex("<div class=\"errors[^\"]*\"[^>]*>.*?</div>", RegexOptions.Singleline)]
    private static partial Regex ErrorSummary();
}
