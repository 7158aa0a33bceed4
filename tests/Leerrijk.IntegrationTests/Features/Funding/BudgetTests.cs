using System.Globalization;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Funding;
using Leerrijk.Web.Features.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Funding;

/// <summary>
/// A support organisation's scheme budgets: committed, spent, left and requested from the vouchers of the companies it
/// reaches through consent today, never of revoked or expired grants or of another support organisation's budget;
/// exports for the funder that hold exactly those rows; coordinators set budgets, advisers read.
/// </summary>
public sealed class BudgetTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static readonly DateOnly Today = Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(TimeProvider.System);

    [Fact]
    public async Task A_coordinator_sees_every_connected_company_and_nothing_of_revoked_expired_or_other_budgets()
    {
        var world = await SeedAsync();

        var rows = await BudgetCsvAsync(world.Coordinator, world.Support);

        // Budget 5000; committed X1 1000 + X2 500 + W1 250; spent 400 + min(700, 500) + 250; requested X3 2000.
        Assert.Contains(new[] { "Scholingsvoucher", Year(Today), "5000", "1750", "1150", "3250", "2000", "4" }, rows);
        Assert.Contains(new[] { "Scholingsvoucher", Year(Today.AddYears(-1)), "", "700", "0", "", "0", "1" }, rows);
        Assert.Equal(3, rows.Count); // header and the two rows above: nothing of Y, Z, the other budget or the other support organisation
    }

    [Fact]
    public async Task An_adviser_counts_only_the_companies_whose_grant_names_them_and_may_not_set_budgets()
    {
        var world = await SeedAsync();

        var rows = await BudgetCsvAsync(world.Adviser, world.Support);
        var save = await world.Adviser.PostFormAsync($"/support/{world.Support}/budgets?handler=Save", new() { ["Input.Scheme"] = "Nieuw", ["Input.Year"] = Year(Today), ["Input.Amount"] = "1" }, $"/support/{world.Support}/budgets");
        var delete = await world.Adviser.PostFormAsync($"/support/{world.Support}/budgets?handler=Delete", new() { ["budgetId"] = world.Budget.ToString() }, $"/support/{world.Support}/budgets");

        Assert.Contains(new[] { "Scholingsvoucher", Year(Today), "5000", "1500", "900", "3500", "2000", "3" }, rows);
        Assert.True(save.IsAccessDenied(), $"{(int)save.StatusCode} {save.Headers.Location}");
        Assert.True(delete.IsAccessDenied(), $"{(int)delete.StatusCode} {delete.Headers.Location}");
        using var scope = app.Services.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().SchemeBudgets.CountAsync(b => b.SupportOrganisationId == world.Support));
    }

    [Fact]
    public async Task The_exports_for_the_funder_hold_one_row_per_voucher_and_the_budget_summary()
    {
        var world = await SeedAsync();
        var page = $"/support/{world.Support}/budgets";

        var csv = await world.Coordinator.GetAsync($"{page}?handler=VouchersCsv");
        var xlsx = await world.Coordinator.GetAsync($"{page}?handler=Xlsx");

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var voucherRows = ParseCsv(await csv.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Bedrijf", "Regeling", "Waarvoor", "Aangevraagd", "Toegekend", "Uitgegeven", "Eigen bijdrage", "Stand", "Aangevraagd op", "Besluit op", "Uitgegeven op", "Verantwoord op"], voucherRows[0]);
        Assert.Equal(
            new[] { "X1", "X2", "X3", "X5", "X6", "X7", "W1" }.Select(p => $"{(p[0] == 'X' ? world.X : world.W)}|{p}").Order(StringComparer.Ordinal),
            voucherRows.Skip(1).Select(r => $"{r[0]}|{r[2]}").Order(StringComparer.Ordinal));
        Assert.Contains(voucherRows, r => r[2] == "X2" && r[5] == "700" && r[7] == "uitgegeven" && r[9] == Iso(Today));

        var sheets = ReadXlsx(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Budgetten", "Vouchers"], sheets.Keys);
        Assert.Contains(new[] { "Scholingsvoucher", Year(Today), "5000", "1750", "1150", "3250", "2000", "4" }, sheets["Budgetten"]);
        Assert.Equal(voucherRows.Count, sheets["Vouchers"].Count);
        Assert.Contains(sheets["Vouchers"], r => r[0] == world.W && r[2] == "W1" && r[4] == "250" && r[7] == "verantwoord");
        Assert.DoesNotContain(sheets["Vouchers"].SelectMany(r => r), c => c is "Y1" or "Z1" or "T1");
    }

    [Fact]
    public async Task A_coordinator_sets_and_changes_a_budget_and_bad_input_stores_nothing()
    {
        var (coordinatorUser, support) = await app.CreateAdviserAsync(SupportRole.Coordinator);
        var coordinator = await app.LoggedInClientAsync(coordinatorUser.Email!);
        var page = $"/support/{support.Id}/budgets";
        var year = Year(Today);

        var added = await coordinator.PostFormAsync($"{page}?handler=Save", new() { ["Input.Scheme"] = "SLIM", ["Input.Year"] = year, ["Input.Amount"] = "25.000" }, page);
        var changed = await coordinator.PostFormAsync($"{page}?handler=Save", new() { ["Input.Scheme"] = " slim ", ["Input.Year"] = year, ["Input.Amount"] = "30000,50" }, page);
        var afterChange = await coordinator.GetHtmlAsync(page);
        var bad = new[]
        {
            (new Dictionary<string, string> { ["Input.Scheme"] = "SLIM", ["Input.Year"] = year, ["Input.Amount"] = "-1" }, "Budget kan niet negatief zijn."),
            (new Dictionary<string, string> { ["Input.Scheme"] = "SLIM", ["Input.Year"] = year, ["Input.Amount"] = "veel" }, "Schrijf Budget als bedrag in euro's"),
            (new Dictionary<string, string> { ["Input.Scheme"] = "SLIM", ["Input.Year"] = year, ["Input.Amount"] = "2000000000" }, "Budget moet tussen 0 en 1.000.000.000 liggen."),
            (new Dictionary<string, string> { ["Input.Scheme"] = "SLIM", ["Input.Year"] = "1999", ["Input.Amount"] = "1" }, "Jaar moet tussen 2000 en"),
            (new Dictionary<string, string> { ["Input.Scheme"] = "SLIM", ["Input.Year"] = "twintig", ["Input.Amount"] = "1" }, "is geen geldige waarde"),
            (new Dictionary<string, string> { ["Input.Scheme"] = "", ["Input.Year"] = year, ["Input.Amount"] = "1" }, "Vul Regeling in."),
        };
        var refusals = new List<(HttpResponseMessage Response, string Message)>();
        foreach (var (form, message) in bad)
        {
            refusals.Add((await coordinator.PostFormAsync($"{page}?handler=Save", form, page), message));
        }

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        foreach (var (response, message) in refusals)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, await response.TextAsync(), StringComparison.Ordinal);
        }

        using var scope = app.Services.CreateScope();
        var budgets = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().SchemeBudgets.Where(b => b.SupportOrganisationId == support.Id).ToListAsync();
        Assert.Equal([("SLIM", Today.Year, 30000.50m)], budgets.Select(b => (b.Scheme, b.Year, b.Amount)));
        Assert.Contains("Het budget voor ‘SLIM’ in " + year + " is veranderd van € 25.000,00 in € 30.000,50.", afterChange, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_outside_the_support_organisation_gets_404_and_a_budget_of_another_is_not_found()
    {
        var world = await SeedAsync();
        var (strangerUser, strangerSupport) = await app.CreateAdviserAsync(SupportRole.Coordinator);
        var stranger = await app.LoggedInClientAsync(strangerUser.Email!);

        var page = await stranger.GetAsync($"/support/{world.Support}/budgets");
        var export = await stranger.GetAsync($"/support/{world.Support}/budgets?handler=Xlsx");
        var delete = await stranger.PostFormAsync($"/support/{strangerSupport.Id}/budgets?handler=Delete", new() { ["budgetId"] = world.Budget.ToString() }, $"/support/{strangerSupport.Id}/budgets");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        using var scope = app.Services.CreateScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().SchemeBudgets.AnyAsync(b => b.Id == world.Budget));
    }

    private sealed record World(Guid Support, Guid Budget, HttpClient Coordinator, HttpClient Adviser, string X, string W);

    /// <summary>
    /// Support organisation S (a coordinator, an adviser) and another, T. Companies: X (grant names the adviser), W (grant
    /// for S without an adviser: the coordinator's only), Y (grant revoked), Z (grant expired). Vouchers named by their purpose.
    /// </summary>
    private async Task<World> SeedAsync()
    {
        var (coordinatorUser, support) = await app.CreateAdviserAsync(SupportRole.Coordinator);
        var adviserUser = await app.CreateUserAsync();
        await app.AddSupportMemberAsync(support.Id, adviserUser.Id, SupportRole.Adviser);
        var (_, other) = await app.CreateAdviserAsync();
        var owner = await app.CreateUserAsync();
        var x = await app.CreateOrganisationAsync(owner.Id);
        var w = await app.CreateOrganisationAsync(owner.Id);
        var y = await app.CreateOrganisationAsync(owner.Id);
        var z = await app.CreateOrganisationAsync(owner.Id);
        await app.GrantAsync(x.Id, support.Id, adviserUser.Id, ConsentScope.ReadReports | ConsentScope.WorkOnPlan);
        await app.GrantAsync(x.Id, other.Id, null, ConsentScope.ReadReports);
        await app.GrantAsync(w.Id, support.Id, null, ConsentScope.ReadReports);
        var revoked = await app.GrantAsync(y.Id, support.Id, adviserUser.Id, ConsentScope.ReadReports);
        await app.GrantAsync(z.Id, support.Id, adviserUser.Id, ConsentScope.ReadReports, endsOn: Today.AddDays(-1));

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        db.ConsentGrants.Attach(revoked);
        revoked.RevokedAtUtc = DateTime.UtcNow;
        revoked.RevokedByUserId = owner.Id;
        var today = Today;
        Voucher V(Guid organisation, Guid? drawsOn, string purpose, string scheme, VoucherStatus status, decimal? requested = null, decimal? granted = null, decimal? spent = null, DateOnly? decided = null) => new()
        {
            OrganisationId = organisation,
            SupportOrganisationId = drawsOn,
            Purpose = purpose,
            Scheme = scheme,
            Status = status,
            AmountRequested = requested,
            AmountGranted = granted,
            AmountSpent = spent,
            RequestedOn = today.AddDays(-40),
            DecidedOn = decided ?? (status is VoucherStatus.Idea or VoucherStatus.Requested ? null : today),
            SpentOn = status is VoucherStatus.Spent or VoucherStatus.Accounted ? today : null,
            AccountedOn = status == VoucherStatus.Accounted ? today : null,
        };
        db.Vouchers.AddRange(
            V(x.Id, support.Id, "X1", "Scholingsvoucher", VoucherStatus.Granted, 1000, 1000, 400),
            V(x.Id, support.Id, "X2", "  scholingsVOUCHER ", VoucherStatus.Spent, 500, 500, 700),
            V(x.Id, support.Id, "X3", "Scholingsvoucher", VoucherStatus.Requested, 2000),
            V(x.Id, other.Id, "T1", "Scholingsvoucher", VoucherStatus.Granted, 300, 300),
            V(x.Id, support.Id, "X5", "Scholingsvoucher", VoucherStatus.Refused, 999),
            V(x.Id, support.Id, "X6", "Scholingsvoucher", VoucherStatus.Idea, 50),
            V(x.Id, support.Id, "X7", "Scholingsvoucher", VoucherStatus.Granted, 700, 700, decided: today.AddYears(-1)),
            V(x.Id, null, "X8", "Scholingsvoucher", VoucherStatus.Granted, 100, 100),
            V(w.Id, support.Id, "W1", "Scholingsvoucher", VoucherStatus.Accounted, 250, 250, 250),
            V(y.Id, support.Id, "Y1", "Scholingsvoucher", VoucherStatus.Granted, 10000, 10000),
            V(z.Id, support.Id, "Z1", "Scholingsvoucher", VoucherStatus.Granted, 20000, 20000));
        var budget = new SchemeBudget { SupportOrganisationId = support.Id, Scheme = "Scholingsvoucher", Year = today.Year, Amount = 5000 };
        db.SchemeBudgets.AddRange(budget, new SchemeBudget { SupportOrganisationId = other.Id, Scheme = "Scholingsvoucher", Year = today.Year, Amount = 999999 });
        await db.SaveChangesAsync();
        return new World(support.Id, budget.Id, await app.LoggedInClientAsync(coordinatorUser.Email!), await app.LoggedInClientAsync(adviserUser.Email!), x.Name, w.Name);
    }

    private static string Year(DateOnly day) => day.Year.ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<List<string[]>> BudgetCsvAsync(HttpClient client, Guid support)
    {
        var response = await client.GetAsync($"/support/{support}/budgets?handler=BudgetsCsv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ParseCsv(await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Reads the export's CSV (UTF-8 with BOM, ';', decimal comma); numbers are normalised to invariant text without trailing zeros.</summary>
    private static List<string[]> ParseCsv(byte[] bytes)
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(';').Select(Normalise).ToArray())
            .ToList();

        static string Normalise(string field) =>
            decimal.TryParse(field, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.GetCultureInfo("nl-NL"), out var number) && !field.Contains('-', StringComparison.Ordinal)
                ? number.ToString("0.##", CultureInfo.InvariantCulture)
                : field;
    }

    /// <summary>Every sheet's rows as texts by column (empty for a missing cell); numbers normalised like <see cref="ParseCsv"/>.</summary>
    private static Dictionary<string, List<string[]>> ReadXlsx(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var result = new Dictionary<string, List<string[]>>();
        foreach (var sheet in workbook.Workbook.Descendants<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var rows = new List<string[]>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var cells = row.Elements<Cell>().ToList();
                var texts = new string[cells.Count == 0 ? 0 : cells.Max(c => Column(c.CellReference!)) + 1];
                Array.Fill(texts, "");
                foreach (var cell in cells)
                {
                    texts[Column(cell.CellReference!)] = cell.DataType?.Value == CellValues.Number
                        ? decimal.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture).ToString("0.##", CultureInfo.InvariantCulture)
                        : cell.InnerText;
                }

                rows.Add(texts);
            }

            result[sheet.Name!] = rows;
        }

        return result;

        static int Column(string reference) => reference.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => (n * 26) + (c - 'A' + 1)) - 1;
    }
}
