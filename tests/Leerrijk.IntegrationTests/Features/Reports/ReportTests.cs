using System.Net;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Reports;

/// <summary>The report page, its exports and its JSON on a real database, checked against figures computed here.</summary>
public sealed class ReportTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    /// <summary>Student's t, 0.975 quantile, for 39 and 19 degrees of freedom (from tables).</summary>
    private const double T39 = 2.0226909, T19 = 2.0930241;

    private static DateOnly Today => Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(TimeProvider.System);

    [Fact]
    public async Task Scores_intervals_alpha_group_scores_and_gaps_match_an_independent_computation()
    {
        var (client, organisation, round) = await RoundAsync(r => r.Roles = ["Employee", "Manager", "Owner"]);
        var instrument = app.Services.GetRequiredService<InstrumentCatalog>().Find(round.InstrumentId)!;

        // 40 people answer every item: 20 employees, 15 managers, 5 owners; leaders answer one point higher.
        var people = Enumerable.Range(0, 40).Select(i => (Role: i < 20 ? "Employee" : i < 35 ? "Manager" : "Owner", Department: i % 2 == 0 ? "Werkplaats" : "Kantoor",
            Answers: instrument.Items.Select((item, j) => (item, Value: Math.Clamp(1 + ((i * 7) + (j * 3) + (i * j % 5)) % 5 + (i < 20 ? 0 : 1), 1, 5))).ToList())).ToList();
        await StoreAsync(round, people.Select(p => (p.Role, (string?)p.Department, p.Answers.ToDictionary(a => a.item.Id, a => (int?)a.Value))).ToList());
        await app.Services.GetRequiredService<StatisticsFolder>().FoldAllAsync();

        var json = await JsonAsync(client, round);
        var html = await client.GetHtmlAsync($"/o/{organisation.Id}/rounds/{round.Id}/report");
        var dimensions = json.GetProperty("dimensions").EnumerateArray().ToDictionary(d => d.GetProperty("id").GetString()!);

        double Recoded(Leerrijk.Scoring.Instruments.Item item, int value) => item.Reverse ? 6 - value : value;
        double[] Scores(IEnumerable<int> indexes, string dimension) => indexes.Select(i =>
        {
            var items = people[i].Answers.Where(a => a.item.Dimension == dimension).ToList();
            return 100 * (items.Average(a => Recoded(a.item, a.Value)) - 1) / 4;
        }).ToArray();

        foreach (var dimension in instrument.Dimensions)
        {
            var scores = Scores(Enumerable.Range(0, 40), dimension.Id);
            var mean = scores.Average();
            var sd = Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / 39);
            var d = dimensions[dimension.Id];
            Assert.Equal(mean, d.GetProperty("score").GetDouble(), 9);
            Assert.Equal(Math.Max(0, mean - (T39 * sd / Math.Sqrt(40))), d.GetProperty("low").GetDouble(), 5);
            Assert.Equal(Math.Min(100, mean + (T39 * sd / Math.Sqrt(40))), d.GetProperty("high").GetDouble(), 5);
            Assert.Equal(40, d.GetProperty("n").GetInt32());
            Assert.Contains(Math.Round(mean, MidpointRounding.AwayFromZero).ToString("0", System.Globalization.CultureInfo.InvariantCulture), html, StringComparison.Ordinal);

            // Cronbach's alpha from item and total variances of the recoded answers.
            var items = instrument.ItemsOf(dimension.Id).ToList();
            double Variance(double[] xs) => xs.Sum(x => (x - xs.Average()) * (x - xs.Average())) / (xs.Length - 1);
            var itemVariances = items.Sum(item => Variance(people.Select(p => Recoded(item, p.Answers.Single(a => a.item.Id == item.Id).Value)).ToArray()));
            var totals = people.Select(p => items.Sum(item => Recoded(item, p.Answers.Single(a => a.item.Id == item.Id).Value))).ToArray();
            var alpha = items.Count / (items.Count - 1.0) * (1 - (itemVariances / Variance(totals)));
            Assert.Equal(alpha, d.GetProperty("alpha").GetDouble(), 6);
            Assert.Equal(alpha < 0.6, d.GetProperty("lowReliability").GetBoolean());

            // Employees against leaders (owners and managers), 20 each, so t has 19 degrees of freedom.
            var employees = Scores(Enumerable.Range(0, 20), dimension.Id);
            var leaders = Scores(Enumerable.Range(20, 20), dimension.Id);
            double Half(double[] xs) => T19 * Math.Sqrt(Variance(xs) / xs.Length);
            var apart = leaders.Average() - Half(leaders) > employees.Average() + Half(employees) || employees.Average() - Half(employees) > leaders.Average() + Half(leaders);
            var gap = json.GetProperty("gaps").EnumerateArray().Single(g => g.GetProperty("dimensionId").GetString() == dimension.Id);
            Assert.Equal(leaders.Average() - employees.Average(), gap.GetProperty("difference").GetDouble(), 9);
            Assert.Equal(apart && Math.Abs(leaders.Average() - employees.Average()) >= 10, gap.GetProperty("flagged").GetBoolean());
        }

        var roles = json.GetProperty("breakdowns").EnumerateArray().Single(b => b.GetProperty("attribute").GetString() == "role");
        var employeeGroup = roles.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("value").GetString() == "Employee");
        Assert.Equal(20, employeeGroup.GetProperty("respondents").GetInt32());
        Assert.Equal(Scores(Enumerable.Range(0, 20), instrument.Dimensions[0].Id).Average(), employeeGroup.GetProperty("scores")[0].GetDouble(), 9);
    }

    [Fact]
    public async Task Too_few_answers_give_a_friendly_page_without_figures_and_refuse_exports()
    {
        // k = 5 and one member who can read the report: figures need 6 people, so 4 answers are 2 short.
        var (client, organisation, round) = await RoundAsync();
        await app.SeedResponsesAsync(round, 4, seed: 1);

        var page = await client.GetHtmlAsync($"/o/{organisation.Id}/rounds/{round.Id}/report");
        var xlsx = await client.GetAsync($"/o/{organisation.Id}/rounds/{round.Id}/report?handler=Xlsx");
        var csv = await client.GetAsync($"/o/{organisation.Id}/rounds/{round.Id}/report?handler=Csv");
        var json = await JsonAsync(client, round);

        Assert.Contains("Te weinig antwoorden voor een rapport", page, StringComparison.Ordinal);
        Assert.Contains("Er waren er nog 2 nodig.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Per rol", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, xlsx.StatusCode);
        Assert.Contains("minder dan 6 mensen", await xlsx.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, csv.StatusCode);
        Assert.Equal("TooFew", json.GetProperty("status").GetString());
        Assert.Equal(0, json.GetProperty("dimensions").GetArrayLength());
        Assert.Equal(2, json.GetProperty("moreNeeded").GetInt32());
    }

    [Fact]
    public async Task While_the_round_is_open_only_the_count_is_shown()
    {
        var (client, organisation, round) = await RoundAsync();
        await app.SeedResponsesAsync(round, 12, seed: 2, close: false);

        var page = await client.GetHtmlAsync($"/o/{organisation.Id}/rounds/{round.Id}/report");
        var json = await JsonAsync(client, round);

        Assert.Contains("De meting loopt nog.", page, StringComparison.Ordinal);
        Assert.Contains("12 mensen hebben de scan ingestuurd.", page, StringComparison.Ordinal);
        Assert.Equal("Open", json.GetProperty("status").GetString());
        Assert.Equal(0, json.GetProperty("dimensions").GetArrayLength());
    }

    [Fact]
    public async Task Another_organisations_report_is_404_on_the_page_and_in_the_api_and_the_api_needs_a_log_in()
    {
        var (_, organisation, round) = await RoundAsync();
        await app.SeedResponsesAsync(round, 12, seed: 4);
        var (stranger, _, _) = await RoundAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/o/{organisation.Id}/rounds/{round.Id}/report")).StatusCode);
        var api = await stranger.GetAsync($"/api/v1/rounds/{round.Id}/report");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        var anonymous = await app.CreateClient().GetAsync($"/api/v1/rounds/{round.Id}/report");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Cells_that_look_like_formulas_are_escaped_in_both_exports()
    {
        var (client, organisation, round) = await RoundAsync(r => r.Departments = ["=HYPERLINK(\"http://x.example\")", "@SUM(A1)"]);
        var answers = new Dictionary<string, int?> { ["fout-melden"] = 4, ["feedback"] = 2 };
        await StoreAsync(round, [.. Enumerable.Repeat(("Employee", (string?)round.Departments[0], answers), 15), .. Enumerable.Repeat(("Employee", (string?)round.Departments[1], answers), 15)]);

        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/o/{organisation.Id}/rounds/{round.Id}/report?handler=Csv"));
        var xlsx = await client.GetByteArrayAsync($"/o/{organisation.Id}/rounds/{round.Id}/report?handler=Xlsx");

        Assert.DoesNotContain(";=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(";@SUM", csv, StringComparison.Ordinal);
        Assert.Contains("'@SUM(A1)", csv, StringComparison.Ordinal);
        var texts = CellTexts(xlsx);
        Assert.Contains(texts, t => t.StartsWith("'=HYPERLINK", StringComparison.Ordinal) || t.StartsWith("'@SUM", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.StartsWith('=') || t.StartsWith('@'));
    }

    [Fact]
    public async Task The_raw_csv_has_no_ids_or_dates_and_leaves_out_a_column_that_would_single_someone_out()
    {
        var (client, organisation, round) = await RoundAsync(r => r.Roles = ["Employee", "Manager"]);

        // 12 employees in Werkplaats, 6 managers of whom one in Kantoor: role is safe on its own, role with department is not.
        var answers = new Dictionary<string, int?> { ["fout-melden"] = 4 };
        await StoreAsync(round, [.. Enumerable.Repeat(("Employee", (string?)"Werkplaats", answers), 12), .. Enumerable.Repeat(("Manager", (string?)"Werkplaats", answers), 5), ("Manager", "Kantoor", answers)]);

        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/o/{organisation.Id}/rounds/{round.Id}/report?handler=Csv"));
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("rol;fout-melden;", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("afdeling", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Kantoor", csv, StringComparison.Ordinal);
        Assert.Equal(19, lines.Length);
        Assert.DoesNotContain(round.OpensOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_raw_csv_is_refused_with_an_explanation_when_its_rows_would_give_away_a_department_of_2_among_17()
    {
        // The example: Werkplaats 7, Kantoor 5, Buiten 2 and 3 who named no department; k = 5 and one
        // reader, so k' = 6. Werkplaats is shown; with raw rows its rows could be matched by their means, and the
        // department column would name Buiten's two.
        var (client, organisation, round) = await RoundAsync(r => r.Departments = ["Werkplaats", "Kantoor", "Buiten"]);
        var answers = AllItems(3);
        await StoreAsync(round, [.. Enumerable.Repeat(("Employee", (string?)"Werkplaats", answers), 7), .. Enumerable.Repeat(("Employee", (string?)"Kantoor", answers), 5),
            .. Enumerable.Repeat(("Employee", (string?)"Buiten", answers), 2), .. Enumerable.Repeat(("Employee", (string?)null, answers), 3)]);

        var page = await client.GetHtmlAsync($"/o/{organisation.Id}/rounds/{round.Id}/report");
        var csv = await client.GetAsync($"/o/{organisation.Id}/rounds/{round.Id}/report?handler=Csv");
        var xlsx = CellTexts(await client.GetByteArrayAsync($"/o/{organisation.Id}/rounds/{round.Id}/report?handler=Xlsx"));
        var json = await JsonAsync(client, round);

        const string Why = "De losse antwoorden (CSV) kunt u bij deze meting niet downloaden.";
        Assert.Contains("Werkplaats", page, StringComparison.Ordinal);
        Assert.Contains(Why, page, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Csv", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, csv.StatusCode);
        Assert.Contains(Why, await csv.TextAsync(), StringComparison.Ordinal);
        Assert.Contains(xlsx, t => t.StartsWith(Why, StringComparison.Ordinal));
        Assert.False(json.GetProperty("rawRowsReleased").GetBoolean());
        Assert.StartsWith(Why, json.GetProperty("rawRowsExplanation").GetString(), StringComparison.Ordinal);
        Assert.Equal(6, json.GetProperty("threshold").GetInt32());
    }

    [Fact]
    public async Task The_raw_csv_carries_exactly_the_breakdowns_the_report_shows_when_every_cell_of_them_is_large_enough()
    {
        // Role by department: 10, 8, 6 and 6 people, all at least k' = 6.
        var (client, organisation, round) = await RoundAsync();
        var answers = AllItems(4);
        await StoreAsync(round, [.. Enumerable.Repeat(("Employee", (string?)"Werkplaats", answers), 10), .. Enumerable.Repeat(("Employee", (string?)"Kantoor", answers), 8),
            .. Enumerable.Repeat(("Manager", (string?)"Werkplaats", answers), 6), .. Enumerable.Repeat(("Manager", (string?)"Kantoor", answers), 6)]);

        var json = await JsonAsync(client, round);
        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/o/{organisation.Id}/rounds/{round.Id}/report?handler=Csv"));
        var header = csv.TrimStart('\uFEFF').Split("\r\n")[0].Split(';');

        Assert.True(json.GetProperty("rawRowsReleased").GetBoolean());
        var shown = json.GetProperty("breakdowns").EnumerateArray().Select(b => b.GetProperty("attribute").GetString()).ToList();
        Assert.Equal(new string?[] { "role", "department" }, shown);
        var expected = json.GetProperty("gaps").GetArrayLength() > 0 ? new string?[] { "role", "perspective", "department" } : ["role", "department"];
        Assert.Equal(expected, json.GetProperty("rawRowAttributes").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("rol", header[0]);
        Assert.Contains("afdeling", header);
        Assert.DoesNotContain("jaren in dienst", header);
        Assert.Equal(31, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task An_owner_with_four_managers_does_not_see_the_leaders_group_of_five_because_he_knows_his_own_answers()
    {
        var (client, organisation, round) = await RoundAsync(r => r.Roles = ["Employee", "Manager", "Owner"]);
        var answers = AllItems(4);
        await StoreAsync(round, [.. Enumerable.Repeat(("Employee", (string?)"Werkplaats", answers), 20), .. Enumerable.Repeat(("Manager", (string?)"Werkplaats", answers), 4), ("Owner", "Werkplaats", answers)]);

        var json = await JsonAsync(client, round);
        var page = await client.GetHtmlAsync($"/o/{organisation.Id}/rounds/{round.Id}/report");

        Assert.Equal(0, json.GetProperty("gaps").GetArrayLength());
        Assert.DoesNotContain(json.GetProperty("breakdowns").EnumerateArray().SelectMany(b => b.GetProperty("groups").EnumerateArray()), g => g.GetProperty("value").GetString() is "Manager" or "Owner" or "leaders");
        Assert.Equal(6, json.GetProperty("threshold").GetInt32());
        Assert.Contains("Cijfers over een groep ziet u vanaf 6 mensen: de drempel van 5, plus 1.", page, StringComparison.Ordinal);
    }

    private Dictionary<string, int?> AllItems(int point) =>
        app.Services.GetRequiredService<InstrumentCatalog>().Find("leerrijk-teamscan")!.Items.ToDictionary(i => i.Id, _ => (int?)point);

    [Fact]
    public async Task Open_answers_say_nobody_wrote_any_when_enough_took_part_and_blame_the_threshold_only_when_too_few_did()
    {
        var (client, organisation, round) = await RoundAsync();
        await app.SeedResponsesAsync(round, 12, seed: 22);
        var (fewClient, fewOrganisation, few) = await RoundAsync();
        await app.SeedResponsesAsync(few, 8, seed: 23, comment: i => "Meer tijd om te leren " + i);

        var none = await client.GetHtmlAsync($"/o/{organisation.Id}/rounds/{round.Id}/report");
        var tooFew = await fewClient.GetHtmlAsync($"/o/{fewOrganisation.Id}/rounds/{few.Id}/report");

        Assert.Contains("Niemand schreef iets bij de open vragen.", none, StringComparison.Ordinal);
        Assert.DoesNotContain("Open antwoorden tonen we pas als", none, StringComparison.Ordinal);
        Assert.Contains("Open antwoorden tonen we pas als minstens 10 mensen meededen", tooFew, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follow_up_opened_the_day_an_earlier_round_was_closed_early_shows_the_trend()
    {
        var (client, organisation, first) = await RoundAsync(r =>
        {
            r.OpensOn = Today.AddDays(-10);
            r.ClosesOn = Today.AddDays(7);
        });
        await app.SeedResponsesAsync(first, 12, seed: 31, close: false);
        var details = $"/o/{organisation.Id}/rounds/{first.Id}";
        await client.PostFormAsync(details + "?handler=Close", new() { ["confirmed"] = "true" }, details);
        var followUp = await app.CreateRoundAsync(organisation.Id, first.CreatedByUserId, r => r.Title = "Vervolgmeting");
        await app.SeedResponsesAsync(followUp, 12, seed: 32);

        var report = await JsonAsync(client, followUp);

        Assert.Equal(first.Id, report.GetProperty("trend").GetProperty("previousRoundId").GetGuid());
    }

    [Fact]
    public async Task Each_first_step_carries_its_add_to_plan_button_for_hr_and_owners_only()
    {
        var (client, organisation, round) = await RoundAsync();
        await app.SeedResponsesAsync(round, 24, seed: 21);
        var viewer = await app.CreateUserAsync();
        await app.AddMemberAsync(organisation.Id, viewer.Id, Leerrijk.Web.Features.Organisations.OrganisationRole.Viewer);

        var owners = await client.GetHtmlAsync($"/o/{organisation.Id}/rounds/{round.Id}/report");
        var viewers = await (await app.LoggedInClientAsync(viewer.Email!)).GetHtmlAsync($"/o/{organisation.Id}/rounds/{round.Id}/report");

        var firstSteps = owners[owners.IndexOf("id=\"first-steps\"", StringComparison.Ordinal)..];
        firstSteps = firstSteps[..firstSteps.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains($"action=\"/o/{organisation.Id}/plan?handler=Add\"", firstSteps, StringComparison.Ordinal);
        Assert.Contains("In actieplan:", firstSteps, StringComparison.Ordinal);
        Assert.Contains("id=\"first-steps\"", viewers, StringComparison.Ordinal);
        Assert.DoesNotContain("/plan?handler=Add", viewers, StringComparison.Ordinal);
    }

    private async Task<(HttpClient Client, Leerrijk.Web.Features.Organisations.Organisation Organisation, Round Round)> RoundAsync(Action<Round>? configure = null)
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var round = await app.CreateRoundAsync(organisation.Id, owner.Id, configure);
        return (await app.LoggedInClientAsync(owner.Email!), organisation, round);
    }

    private Task StoreAsync(Round round, IReadOnlyList<(string Role, string? Department, Dictionary<string, int?> Answers)> people) =>
        app.StoreResponsesAsync(round, people);

    private static async Task<JsonElement> JsonAsync(HttpClient client, Round round)
    {
        var response = await client.GetAsync($"/api/v1/rounds/{round.Id}/report");
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static List<string> CellTexts(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var shared = document.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        return document.WorkbookPart.WorksheetParts
            .SelectMany(p => p.Worksheet.Descendants<Cell>())
            .Select(c => c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)] : c.InnerText)
            .ToList();
    }
}
