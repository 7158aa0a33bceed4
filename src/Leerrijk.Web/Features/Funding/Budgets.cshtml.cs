using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Reports.Export;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Infrastructure.Forms;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Funding;

/// <summary>
/// A support organisation's budgets per scheme and year, with what is committed, spent and left and what is requested,
/// from the vouchers of the companies it reaches through consent; exports for the funder as CSV and XLSX. Coordinators
/// set budgets; advisers read (the companies they follow).
/// </summary>
public sealed class BudgetsModel(LeerrijkDbContext db, FundingOverviewQuery overviews, IStringLocalizer<SharedResource> l, TimeProvider clock) : SupportPageModel
{
    /// <summary>The largest budget one scheme and year may hold: beyond what any regional fund spends in a year on this.</summary>
    public const decimal MaxBudget = 1_000_000_000m;

    public string SupportName { get; private set; } = "";

    public FundingOverview Overview { get; private set; } = new([], []);

    public bool CanEdit => Member.IsCoordinator;

    public int ThisYear => LocalizationSetup.Today(clock).Year;

    [BindProperty]
    public BudgetInput Input { get; set; } = new();

    public sealed class BudgetInput
    {
        [StorableText]
        [Display(Name = "Voucher.Scheme")]
        [StringLength(Voucher.SchemeMaxLength, ErrorMessage = "Validation.MaxLength")]
        public string? Scheme { get; set; }

        [Display(Name = "Budget.Year")]
        public int? Year { get; set; }

        [Display(Name = "Budget.Amount")]
        public string? Amount { get; set; }
    }

    /// <summary>Shows the budgets; <paramref name="scheme"/> and <paramref name="year"/> (from a row's "change" link) fill the form with that budget.</summary>
    public async Task<IActionResult> OnGetAsync(string? scheme, int? year, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var chosen = Overview.Budgets.FirstOrDefault(b => b.BudgetId is not null && b.Year == year && FundingOverviewQuery.SchemeKey(b.Scheme) == FundingOverviewQuery.SchemeKey(scheme ?? ""));
        Input = chosen is null
            ? new BudgetInput { Year = ThisYear }
            : new BudgetInput { Scheme = chosen.Scheme, Year = chosen.Year, Amount = DecimalText.Format(chosen.Budget, CultureInfo.CurrentCulture) };
        return Page();
    }

    /// <summary>Sets the budget of a scheme and year: adds it, or changes the amount when that scheme and year has one.</summary>
    [RequiresSupportRole(SupportRole.Coordinator)]
    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var scheme = Input.Scheme?.Trim();
        if (string.IsNullOrEmpty(scheme) && ModelState.GetFieldValidationState("Input.Scheme") != ModelValidationState.Invalid)
        {
            ModelState.AddModelError("Input.Scheme", l["Validation.Required", l["Voucher.Scheme"]]);
        }

        // Budgets are set for this year, past years (to account for them) and a few years ahead, not for any year typed.
        var lastYear = ThisYear + 5;
        if (Input.Year is null && ModelState.GetFieldValidationState("Input.Year") != ModelValidationState.Invalid)
        {
            ModelState.AddModelError("Input.Year", l["Validation.Required", l["Budget.Year"]]);
        }
        else if (Input.Year < 2000 || Input.Year > lastYear)
        {
            ModelState.AddModelError("Input.Year", l["Validation.Range", l["Budget.Year"], 2000, lastYear]);
        }

        var amount = NumberField.Read(ModelState, "Input.Amount", Input.Amount, new NumberRule(0, MaxBudget, 2, Euros: true, Required: true), l["Budget.Amount"], l);
        if (!ModelState.IsValid || amount is null || string.IsNullOrEmpty(scheme))
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var key = FundingOverviewQuery.SchemeKey(scheme);
        var existing = (await db.SchemeBudgets.Where(b => b.SupportOrganisationId == Member.SupportOrganisationId && b.Year == Input.Year).ToListAsync(cancellationToken))
            .FirstOrDefault(b => FundingOverviewQuery.SchemeKey(b.Scheme) == key);
        var culture = CultureInfo.CurrentCulture;
        if (existing is null)
        {
            db.SchemeBudgets.Add(new SchemeBudget { SupportOrganisationId = Member.SupportOrganisationId, Scheme = scheme, Year = Input.Year!.Value, Amount = amount.Value });
            TempData["Status"] = l["Budget.Added", scheme, Input.Year.Value, Euros.Format(amount, culture)].Value;
        }
        else
        {
            TempData["Status"] = l["Budget.Changed", existing.Scheme, existing.Year, Euros.Format(existing.Amount, culture), Euros.Format(amount, culture)].Value;
            existing.Amount = amount.Value;
        }

        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { supportId = Member.SupportOrganisationId });
    }

    /// <summary>Removes a budget entered by mistake; its vouchers stay and show as "no budget".</summary>
    [RequiresSupportRole(SupportRole.Coordinator)]
    public async Task<IActionResult> OnPostDeleteAsync(Guid budgetId, CancellationToken cancellationToken)
    {
        var budget = await db.SchemeBudgets.SingleOrDefaultAsync(b => b.Id == budgetId && b.SupportOrganisationId == Member.SupportOrganisationId, cancellationToken);
        if (budget is null)
        {
            return NotFound();
        }

        db.SchemeBudgets.Remove(budget);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Budget.Deleted", budget.Scheme, budget.Year].Value;
        return RedirectToPage(new { supportId = Member.SupportOrganisationId });
    }

    /// <summary>The budget summary and the vouchers in one workbook, for the funder.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return File(overviews.Xlsx(Overview), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName("xlsx"));
    }

    /// <summary>One row per voucher, for the funder.</summary>
    public async Task<IActionResult> OnGetVouchersCsvAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var (header, rows) = overviews.VoucherTable(Overview);
        return File(CsvExport.Write(header, rows), "text/csv; charset=utf-8", FileName("csv", "vouchers"));
    }

    /// <summary>One row per scheme and year, for the funder.</summary>
    public async Task<IActionResult> OnGetBudgetsCsvAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var (header, rows) = overviews.BudgetTable(Overview);
        return File(CsvExport.Write(header, rows), "text/csv; charset=utf-8", FileName("csv", "budgetten"));
    }

    private string FileName(string extension, string what = "budgetten") =>
        string.Create(CultureInfo.InvariantCulture, $"leerrijk-{what}-{LocalizationSetup.Today(clock):yyyy-MM-dd}.{extension}");

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        SupportName = await db.SupportOrganisations.Where(s => s.Id == Member.SupportOrganisationId).Select(s => s.Name).SingleAsync(cancellationToken);
        Overview = await overviews.ForAsync(Member, cancellationToken);
    }
}
