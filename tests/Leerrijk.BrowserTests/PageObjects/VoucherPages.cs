using System.Globalization;
using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>What a person types in the voucher form; empty fields stay untouched.</summary>
public sealed record VoucherForm(string Scheme, string Purpose, string Status, string Requested = "", DateOnly? RequestedOn = null, string Granted = "", DateOnly? DecidedOn = null)
{
    /// <summary>Fills the form's fields by their labels (the status by its option text).</summary>
    public async Task FillAsync(IPage page)
    {
        var main = page.Locator("main");
        await main.GetByLabel("Regeling", new() { Exact = true }).FillAsync(Scheme);
        await main.GetByLabel("Waarvoor", new() { Exact = true }).FillAsync(Purpose);
        await main.GetByLabel("Stand", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = Status });
        await main.GetByLabel("Aangevraagd", new() { Exact = true }).FillAsync(Requested);
        await main.GetByLabel("Toegekend", new() { Exact = true }).FillAsync(Granted);
        await main.GetByLabel("Aangevraagd op", new() { Exact = true }).FillAsync(Iso(RequestedOn));
        await main.GetByLabel("Besluit op", new() { Exact = true }).FillAsync(Iso(DecidedOn));
    }

    private static string Iso(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}

/// <summary>/o/{id}/vouchers: the company's register of vouchers and grants, with totals and the form to add one.</summary>
public sealed partial class VouchersPage : PageObject
{
    internal VouchersPage(BrowserSession session, IResponse response)
        : base(session, response, VouchersPath())
    {
    }

    public static Task<VouchersPage> OpenAsync(BrowserSession session, Guid organisationId) =>
        OpenAsync(session, $"/o/{organisationId}/vouchers", r => new VouchersPage(session, r), "vouchers");

    /// <summary>Fills "Een voucher toevoegen" and presses "Voucher toevoegen", expecting the register again.</summary>
    public async Task<VouchersPage> AddAsync(VoucherForm voucher)
    {
        await voucher.FillAsync(Page);
        return await GoToAsync(() => MainButton("Voucher toevoegen").ClickAsync(), r => new VouchersPage(Session, r), "vouchers-added");
    }

    /// <summary>Follows "Bijwerken" in the row of <paramref name="scheme"/>.</summary>
    public Task<EditVoucherPage> EditAsync(string scheme) =>
        GoToAsync(
            () => Page.Locator("main table#vouchers tbody tr", new() { Has = Page.Locator("th", new() { HasText = scheme }) }).GetByRole(AriaRole.Link).ClickAsync(),
            r => new EditVoucherPage(Session, r),
            "voucher-edit");

    /// <summary>The status shown in the row of <paramref name="scheme"/> ("toegekend"), without its dates.</summary>
    public Task<string> StatusOfAsync(string scheme) =>
        Page.Locator("main table#vouchers tbody tr", new() { Has = Page.Locator("th", new() { HasText = scheme }) }).Locator("td strong").InnerTextAsync();

    /// <summary>The totals row's cells.</summary>
    public Task<IReadOnlyList<string>> TotalsAsync() => Page.Locator("main table#vouchers tfoot tr td").AllInnerTextsAsync();

    [GeneratedRegex("^/o/[0-9a-f-]+/vouchers$")]
    private static partial Regex VouchersPath();
}

/// <summary>/o/{id}/vouchers/{voucherId}: one voucher's form, to move it on through its statuses.</summary>
public sealed partial class EditVoucherPage : PageObject
{
    internal EditVoucherPage(BrowserSession session, IResponse response)
        : base(session, response, EditPath())
    {
    }

    /// <summary>Changes the form and presses "Opslaan", expecting the register.</summary>
    public async Task<VouchersPage> SaveAsync(VoucherForm voucher)
    {
        await voucher.FillAsync(Page);
        return await GoToAsync(() => MainButton("Opslaan").ClickAsync(), r => new VouchersPage(Session, r), "voucher-saved");
    }

    [GeneratedRegex("^/o/[0-9a-f-]+/vouchers/[0-9a-f-]+$")]
    private static partial Regex EditPath();
}

/// <summary>/support/{id}/budgets: a support organisation's budgets per scheme and year, the exports and (for coordinators) the form to set a budget.</summary>
public sealed partial class BudgetsPage : PageObject
{
    internal BudgetsPage(BrowserSession session, IResponse response)
        : base(session, response, BudgetsPath())
    {
    }

    public static Task<BudgetsPage> OpenAsync(BrowserSession session, Guid supportId) =>
        OpenAsync(session, $"/support/{supportId}/budgets", r => new BudgetsPage(session, r), "budgets");

    /// <summary>Fills "Een budget vastleggen" and presses "Budget opslaan".</summary>
    public async Task<BudgetsPage> SetBudgetAsync(string scheme, int year, string amount)
    {
        var main = Page.Locator("main");
        await main.GetByLabel("Regeling", new() { Exact = true }).FillAsync(scheme);
        await main.GetByLabel("Jaar", new() { Exact = true }).FillAsync(year.ToString(CultureInfo.InvariantCulture));
        await main.GetByLabel("Budget", new() { Exact = true }).FillAsync(amount);
        return await GoToAsync(() => MainButton("Budget opslaan").ClickAsync(), r => new BudgetsPage(Session, r), "budgets-saved");
    }

    /// <summary>The cells of the row of <paramref name="scheme"/> in the table per scheme and year, after the scheme itself.</summary>
    public Task<IReadOnlyList<string>> RowAsync(string scheme) =>
        Page.Locator("main table#budgets tbody tr", new() { Has = Page.Locator("th", new() { HasText = scheme }) }).Locator("td").AllInnerTextsAsync();

    [GeneratedRegex("^/support/[0-9a-f-]+/budgets$")]
    private static partial Regex BudgetsPath();
}
