using System.Globalization;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Reports.Export;
using Leerrijk.Web.Features.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Funding;

/// <summary>One voucher drawing on a support organisation's budget, with the company's name, for the budget page and the funder's export.</summary>
public sealed record VoucherLine(
    string Company, string Scheme, string Purpose, decimal? Requested, decimal? Granted, decimal? Spent, decimal? OwnContribution,
    VoucherStatus Status, DateOnly? RequestedOn, DateOnly? DecidedOn, DateOnly? SpentOn, DateOnly? AccountedOn, int CreatedYear)
{
    /// <summary>Granted, spent or accounted: the granted amount is committed from the budget.</summary>
    public bool Committed => Status is VoucherStatus.Granted or VoucherStatus.Spent or VoucherStatus.Accounted;

    /// <summary>The budget year it counts in: the year of the decision for a committed voucher, the year of the request
    /// for one awaiting a decision (the year it was registered when that date is missing).</summary>
    public int BudgetYear => (Committed ? DecidedOn ?? RequestedOn : RequestedOn)?.Year ?? CreatedYear;
}

/// <summary>One scheme and year: the budget (none when only vouchers exist), what is committed and spent of it, what is
/// left, and what is requested and awaiting a decision.</summary>
public sealed record BudgetLine(Guid? BudgetId, string Scheme, int Year, decimal? Budget, decimal Committed, decimal Spent, decimal? Left, decimal Requested, int Vouchers)
{
    public bool OverBudget => Left < 0;
}

/// <summary>Budgets and vouchers of one support organisation as one member of it may see them.</summary>
public sealed record FundingOverview(IReadOnlyList<BudgetLine> Budgets, IReadOnlyList<VoucherLine> Vouchers);

/// <summary>
/// What a support organisation's scheme budgets hold: per scheme and year the budget, what is committed (granted amounts
/// of granted, spent and accounted vouchers), spent, left, and requested. Vouchers count when they draw on this support
/// organisation and belong to a company the member reaches through <see cref="ConsentedCompanies"/> today, so a revoked
/// or expired grant takes a company's vouchers out at once; vouchers of other support organisations never count.
/// </summary>
public sealed class FundingOverviewQuery(LeerrijkDbContext db, ConsentedCompanies companies, IStringLocalizer<SharedResource> l)
{
    /// <summary>The overview for <paramref name="member"/>: a coordinator sees every connected company, an adviser the companies they follow.</summary>
    public async Task<FundingOverview> ForAsync(SupportMember member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var reachable = companies.OrganisationIds(member, ConsentScope.ReadReports);

        // Support pages run without a tenant, so every company filter here is explicit.
        var vouchers = await (
                from v in db.Vouchers
                join o in db.Organisations on v.OrganisationId equals o.Id
                where v.SupportOrganisationId == member.SupportOrganisationId && reachable.Contains(v.OrganisationId)
                orderby o.Name, v.CreatedAtUtc
                select new { o.Name, Voucher = v })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var lines = vouchers.Select(x => new VoucherLine(
            x.Name, x.Voucher.Scheme, x.Voucher.Purpose, x.Voucher.AmountRequested, x.Voucher.AmountGranted, x.Voucher.AmountSpent,
            x.Voucher.OwnContribution, x.Voucher.Status, x.Voucher.RequestedOn, x.Voucher.DecidedOn, x.Voucher.SpentOn, x.Voucher.AccountedOn,
            x.Voucher.CreatedAtUtc.Year)).ToList();
        var budgets = await db.SchemeBudgets.AsNoTracking().Where(b => b.SupportOrganisationId == member.SupportOrganisationId).ToListAsync(cancellationToken);
        return new(Summarise(budgets, lines), lines);
    }

    /// <summary>
    /// Per scheme and year: every budget, and every scheme and year that has committed or requested vouchers but no
    /// budget. Schemes match without regard to case or extra spaces, because they are typed by hand on both sides.
    /// Spent counts at most the granted amount per voucher: what a company spends beyond its grant is its own money.
    /// </summary>
    public static IReadOnlyList<BudgetLine> Summarise(IEnumerable<SchemeBudget> budgets, IEnumerable<VoucherLine> vouchers)
    {
        var counted = vouchers.Where(v => v.Committed || v.Status == VoucherStatus.Requested).ToLookup(v => (SchemeKey(v.Scheme), v.BudgetYear));
        var budgetsByKey = budgets.ToDictionary(b => (SchemeKey(b.Scheme), b.Year));
        var keys = budgetsByKey.Keys.Union(counted.Select(g => g.Key));
        return keys
            .Select(key =>
            {
                var budget = budgetsByKey.GetValueOrDefault(key);
                var group = counted[key].ToList();
                var committed = group.Where(v => v.Committed).Sum(v => v.Granted ?? 0);
                var spent = group.Where(v => v.Committed).Sum(v => Math.Min(v.Spent ?? 0, v.Granted ?? 0));
                var requested = group.Where(v => v.Status == VoucherStatus.Requested).Sum(v => v.Requested ?? 0);
                var scheme = budget?.Scheme ?? group[0].Scheme.Trim();
                return new BudgetLine(budget?.Id, scheme, key.Item2, budget?.Amount, committed, spent, budget is null ? null : budget.Amount - committed, requested, group.Count);
            })
            .OrderByDescending(b => b.Year)
            .ThenBy(b => b.Scheme, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    /// <summary>How two typed scheme names are compared: trimmed, inner spaces collapsed, case ignored.</summary>
    public static string SchemeKey(string scheme) =>
        string.Join(' ', (scheme ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    /// <summary>The vouchers for the funder, one row each: company, scheme, purpose, amounts, status and dates.</summary>
    public (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows) VoucherTable(FundingOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        IReadOnlyList<string> header =
        [
            l["Budget.Export.Company"], l["Voucher.Scheme"], l["Voucher.Purpose"], l["Voucher.AmountRequested"], l["Voucher.AmountGranted"],
            l["Voucher.AmountSpent"], l["Voucher.OwnContribution"], l["Voucher.Status"], l["Voucher.RequestedOn"], l["Voucher.DecidedOn"],
            l["Voucher.SpentOn"], l["Voucher.AccountedOn"],
        ];
        var rows = overview.Vouchers.Select(v => (IReadOnlyList<object?>)
        [
            v.Company, v.Scheme, v.Purpose, v.Requested, v.Granted, v.Spent, v.OwnContribution, l["Voucher.Status." + v.Status].Value,
            Iso(v.RequestedOn), Iso(v.DecidedOn), Iso(v.SpentOn), Iso(v.AccountedOn),
        ]).ToList();
        return (header, rows);
    }

    /// <summary>The budget summary for the funder, one row per scheme and year.</summary>
    public (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows) BudgetTable(FundingOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        IReadOnlyList<string> header =
        [
            l["Voucher.Scheme"], l["Budget.Year"], l["Budget.Amount"], l["Budget.Committed"], l["Budget.Spent"], l["Budget.Left"], l["Budget.Requested"], l["Budget.Vouchers"],
        ];
        var rows = overview.Budgets.Select(b => (IReadOnlyList<object?>)
            [b.Scheme, b.Year, b.Budget, b.Committed, b.Spent, b.Left, b.Requested, b.Vouchers]).ToList();
        return (header, rows);
    }

    /// <summary>Both tables in one workbook: the vouchers and the budget summary.</summary>
    public byte[] Xlsx(FundingOverview overview)
    {
        var vouchers = VoucherTable(overview);
        var budgets = BudgetTable(overview);
        return XlsxExport.Write(
        [
            new(l["Budget.Export.BudgetsSheet"], budgets.Header, budgets.Rows),
            new(l["Budget.Export.VouchersSheet"], vouchers.Header, vouchers.Rows),
        ]);
    }

    // Dates as ISO text: the export holds text and numbers only, and ISO sorts and reads the same in every language.
    private static string? Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
