using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;

namespace Leerrijk.BrowserTests.Features;

/// <summary>Plan indicators with their chart, and the voucher register, in a browser; every page checked with axe.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FundingTests(BrowserFixture browser)
{
    private static readonly DateOnly Today = Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(TimeProvider.System);

    [SkippableFact]
    public async Task The_owner_adds_an_indicator_with_two_measurements_and_sees_them_in_the_chart()
    {
        var owner = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id, "Metaalbedrijf " + Guid.NewGuid().ToString("N")[..8]);
        await using var session = await browser.NewSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);

        var plan = await PlanPage.OpenAsync(session, organisation.Id);
        plan = await plan.AddIndicatorAsync("Medewerkers met een persoonlijk ontwikkelplan (POP)", "20", Today.AddDays(-120), "50", Today.AddDays(240));
        Assert.Empty(await plan.RealisationPointsAsync());
        plan = await plan.AddMeasurementAsync(Today.AddDays(-60), "28,5");
        plan = await plan.AddMeasurementAsync(Today.AddDays(-10), "35");

        var points = await plan.RealisationPointsAsync();
        Assert.Equal(3, points.Count);
        Assert.True(points[0].X < points[1].X && points[1].X < points[2].X, "the realisation runs left to right in time");
        Assert.True(points[0].Y > points[1].Y && points[1].Y > points[2].Y, "20, 28.5 and 35 rise on the chart");
        Assert.True(await plan.TargetIsDashedAsync());
        var rows = await plan.IndicatorValueRowsAsync();
        Assert.Equal(4, rows.Count);
        Assert.Contains("28,5%", rows[1], StringComparison.Ordinal);
        Assert.Contains("35%", rows[2], StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_owner_adds_a_voucher_and_moves_it_to_granted()
    {
        var owner = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id, "Bouwbedrijf " + Guid.NewGuid().ToString("N")[..8]);
        await using var session = await browser.NewSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);

        var plan = await PlanPage.OpenAsync(session, organisation.Id);
        var vouchers = await plan.FollowVouchersAsync();
        var requested = new VoucherForm("SLIM-regeling", "Opleiding tot leermeester", "aangevraagd", Requested: "1.250,50", RequestedOn: Today.AddDays(-30));
        vouchers = await vouchers.AddAsync(requested);
        Assert.Equal("aangevraagd", await vouchers.StatusOfAsync("SLIM-regeling"));

        var edit = await vouchers.EditAsync("SLIM-regeling");
        vouchers = await edit.SaveAsync(requested with { Status = "toegekend", Granted = "1000", DecidedOn = Today.AddDays(-2) });

        Assert.Equal("toegekend", await vouchers.StatusOfAsync("SLIM-regeling"));
        Assert.Contains("Voucher ‘SLIM-regeling’ is opgeslagen.", await vouchers.StatusMessageAsync(), StringComparison.Ordinal);
        var totals = await vouchers.TotalsAsync();
        Assert.Equal("€ 1.250,50", totals[0].Trim());
        Assert.Equal("€ 1.000,00", totals[1].Trim());
    }

    [SkippableFact]
    public async Task A_coordinator_sets_a_budget_and_sees_what_a_connected_company_was_granted()
    {
        var (coordinator, support) = await browser.App.CreateAdviserAsync(Leerrijk.Web.Features.Support.SupportRole.Coordinator);
        var owner = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id, "Installatiebedrijf " + Guid.NewGuid().ToString("N")[..8]);
        await browser.App.GrantAsync(organisation.Id, support.Id, coordinator.Id, Leerrijk.Web.Features.Consent.ConsentScope.ReadReports | Leerrijk.Web.Features.Consent.ConsentScope.WorkOnPlan);
        await using var session = await browser.NewSessionAsync();
        var key = await browser.App.EnableTwoStepAsync(coordinator.Email!); // advisers and coordinators log in in two steps
        await (await (await LoginPage.OpenAsync(session)).LogInToSecondStepAsync(coordinator.Email!, LeerrijkAppFactory.Password)).LogInToCaseloadAsync(Totp.Code(key));

        var vouchers = await VouchersPage.OpenAsync(session, organisation.Id);
        await vouchers.AddAsync(new VoucherForm("Scholingsvoucher", "Cursus veilig werken", "toegekend", Requested: "2000", RequestedOn: Today.AddDays(-20), Granted: "1.500", DecidedOn: Today));
        var budgets = await BudgetsPage.OpenAsync(session, support.Id);
        budgets = await budgets.SetBudgetAsync("Scholingsvoucher", Today.Year, "10.000");

        var row = await budgets.RowAsync("Scholingsvoucher");
        Assert.Equal(["€ 10.000,00", "€ 1.500,00", "€ 0,00", "€ 8.500,00", "€ 0,00", "1"], row.Skip(1).Take(6).Select(c => c.Trim()));
    }
}
