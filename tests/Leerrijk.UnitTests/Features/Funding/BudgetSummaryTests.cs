using Leerrijk.Web.Features.Funding;

namespace Leerrijk.UnitTests.Features.Funding;

/// <summary>How vouchers add up against scheme budgets (<see cref="FundingOverviewQuery.Summarise"/>).</summary>
public sealed class BudgetSummaryTests
{
    private static readonly DateOnly Day = new(2026, 3, 1);

    private static VoucherLine Line(string scheme, VoucherStatus status, decimal? requested = null, decimal? granted = null, decimal? spent = null, DateOnly? decided = null, DateOnly? requestedOn = null) =>
        new("Bedrijf", scheme, "Doel", requested, granted, spent, null, status, requestedOn ?? Day, decided ?? (status is VoucherStatus.Idea or VoucherStatus.Requested ? null : Day), null, null, 2025);

    [Fact]
    public void Committed_is_the_granted_amount_of_granted_spent_and_accounted_vouchers_and_spent_counts_at_most_the_grant()
    {
        var lines = FundingOverviewQuery.Summarise(
            [new SchemeBudget { Scheme = "SLIM", Year = 2026, Amount = 10_000 }],
            [
                Line("SLIM", VoucherStatus.Granted, 1000, 900, 100),
                Line("SLIM", VoucherStatus.Spent, 600, 500, 800),
                Line("SLIM", VoucherStatus.Accounted, 300, 300, 250),
                Line("SLIM", VoucherStatus.Requested, 2000),
                Line("SLIM", VoucherStatus.Refused, 5000),
                Line("SLIM", VoucherStatus.Idea, 7000),
            ]);

        var line = Assert.Single(lines);
        Assert.Equal((10_000m, 1700m, 850m, 8300m, 2000m, 4), (line.Budget!.Value, line.Committed, line.Spent, line.Left!.Value, line.Requested, line.Vouchers));
        Assert.False(line.OverBudget);
    }

    [Fact]
    public void Schemes_match_without_case_or_extra_spaces_and_years_follow_the_decision_or_the_request()
    {
        var lines = FundingOverviewQuery.Summarise(
            [new SchemeBudget { Scheme = "Scholings voucher", Year = 2026, Amount = 1000 }],
            [
                Line(" scholings  VOUCHER ", VoucherStatus.Granted, granted: 1500),
                Line("Scholings voucher", VoucherStatus.Granted, granted: 400, decided: new DateOnly(2025, 12, 31), requestedOn: new DateOnly(2025, 11, 1)),
                Line("Scholings voucher", VoucherStatus.Requested, requested: 300, requestedOn: new DateOnly(2027, 1, 2)),
                Line("Anders", VoucherStatus.Requested, requested: 50),
            ]);

        Assert.Equal(
            [("Scholings voucher", 2027, (decimal?)null, 0m, 300m), ("Anders", 2026, null, 0m, 50m), ("Scholings voucher", 2026, 1000m, 1500m, 0m), ("Scholings voucher", 2025, null, 400m, 0m)],
            lines.Select(l => (l.Scheme, l.Year, l.Budget, l.Committed, l.Requested)));
        Assert.True(lines.Single(l => l.Year == 2026 && l.Budget is not null).OverBudget);
        Assert.Equal(-500m, lines.Single(l => l.Year == 2026 && l.Budget is not null).Left);
    }

    [Fact]
    public void A_budget_without_vouchers_is_shown_whole()
    {
        var line = Assert.Single(FundingOverviewQuery.Summarise([new SchemeBudget { Scheme = "SLIM", Year = 2026, Amount = 250 }], []));

        Assert.Equal((250m, 0m, 0m, 250m, 0), (line.Budget!.Value, line.Committed, line.Spent, line.Left!.Value, line.Vouchers));
    }
}
