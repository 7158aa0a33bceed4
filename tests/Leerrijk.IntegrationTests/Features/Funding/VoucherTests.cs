using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Funding;
using Leerrijk.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Funding;

/// <summary>The voucher register: amounts in Dutch and international notation, status dates in order, plan steps and
/// support organisations only of this company, two people editing at once, and advisers by consent scope.</summary>
public sealed partial class VoucherTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static readonly DateOnly Today = Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(TimeProvider.System);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Requested(string amount = "1.250,50") => new()
    {
        ["Input.Scheme"] = "SLIM-regeling",
        ["Input.Purpose"] = "Opleiding tot leermeester",
        ["Input.Status"] = "Requested",
        ["Input.AmountRequested"] = amount,
        ["Input.RequestedOn"] = Iso(Today.AddDays(-20)),
    };

    [Fact]
    public async Task A_voucher_is_added_for_a_plan_step_moved_to_granted_and_shown_with_totals()
    {
        var (organisation, client) = await OwnerAsync();
        var step = await StepAsync(organisation, "Leermeesters opleiden");
        var list = $"/o/{organisation}/vouchers";
        var form = Requested();
        form["Input.ActionStepId"] = step.ToString();
        form["Input.OwnContribution"] = "250";

        var added = await client.PostFormAsync($"{list}?handler=Add", form, list);
        var voucher = await SingleVoucherAsync(organisation);
        var edit = $"{list}/{voucher.Id}";
        var editPage = await client.GetHtmlAsync(edit);
        form["Input.Status"] = "Granted";
        form["Input.AmountGranted"] = "1000";
        form["Input.DecidedOn"] = Iso(Today.AddDays(-5));
        form["Input.Version"] = "0";
        var granted = await client.PostLoadedFormAsync(edit, editPage, form);
        var page = await client.GetHtmlAsync(list);

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("value=\"1250,50\"", editPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Equal(list, granted.Headers.Location!.OriginalString);
        var stored = await SingleVoucherAsync(organisation);
        Assert.Equal((1250.50m, 1000m, 250m, VoucherStatus.Granted, step, 1), (stored.AmountRequested!.Value, stored.AmountGranted!.Value, stored.OwnContribution!.Value, stored.Status, stored.ActionStepId!.Value, stored.Version));
        Assert.Contains("<span class=\"small muted\">Stap in het actieplan: Leermeesters opleiden</span>", page, StringComparison.Ordinal);
        Assert.Contains("<strong>toegekend</strong>", page, StringComparison.Ordinal);
        Assert.Matches(TotalsRow("€ 1.250,50", "€ 1.000,00"), page);
    }

    [Theory]
    [InlineData("1.250,50", "1250.50")]
    [InlineData("1250.50", "1250.50")]
    [InlineData("1250,5", "1250.5")]
    [InlineData("1,250.50", "1250.50")]
    [InlineData("€ 1.250,-", "1250")]
    [InlineData("1.250", "1250")]
    [InlineData(" 10.000.000 ", "10000000")]
    public async Task Amounts_are_read_in_Dutch_and_international_notation(string typed, string stored)
    {
        var (organisation, client) = await OwnerAsync();
        var list = $"/o/{organisation}/vouchers";

        var response = await client.PostFormAsync($"{list}?handler=Add", Requested(typed), list);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(decimal.Parse(stored, CultureInfo.InvariantCulture), (await SingleVoucherAsync(organisation)).AmountRequested);
    }

    [Theory]
    [InlineData("-5", "Aangevraagd kan niet negatief zijn.")]
    [InlineData("10.000.000,01", "Aangevraagd moet tussen 0 en 10.000.000 liggen.")]
    [InlineData("99999999999999999999999", "Aangevraagd moet tussen 0 en 10.000.000 liggen.")]
    [InlineData("twaalfhonderd", "Schrijf Aangevraagd als bedrag in euro's")]
    [InlineData("12,34,56", "Schrijf Aangevraagd als bedrag in euro's")]
    [InlineData("1e5", "Schrijf Aangevraagd als bedrag in euro's")]
    [InlineData("1,250", "Aangevraagd mag hoogstens 2 cijfers achter de komma hebben.")]
    [InlineData("", "Vul Aangevraagd in.")]
    public async Task Negative_absurd_and_malformed_amounts_are_refused_beside_the_field(string typed, string message)
    {
        var (organisation, client) = await OwnerAsync();
        var list = $"/o/{organisation}/vouchers";

        var response = await client.PostFormAsync($"{list}?handler=Add", Requested(typed), list);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{typed}\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(organisation));
    }

    public static TheoryData<string, string> BadStatusAndDates() => new()
    {
        { "Input.Status=Granted;Input.AmountGranted=1000;Input.DecidedOn=-30", "‘Besluit op’ kan niet vóór ‘Aangevraagd op’ liggen" },
        { "Input.RequestedOn=+1", "Aangevraagd op ligt in de toekomst." },
        { "Input.RequestedOn=", "Vul Aangevraagd op in." },
        { "Input.Status=Granted;Input.AmountGranted=1000", "Vul Besluit op in." },
        { "Input.Status=Granted;Input.DecidedOn=-10", "Vul Toegekend in." },
        { "Input.Status=Granted;Input.AmountGranted=1000;Input.DecidedOn=-10;Input.SpentOn=-1", "‘Uitgegeven op’ hoort bij een latere stand dan ‘toegekend’." },
        { "Input.Status=Spent;Input.AmountGranted=1000;Input.DecidedOn=-10;Input.SpentOn=-1", "Vul Uitgegeven in." },
        { "Input.Status=Idea;Input.RequestedOn=;Input.AmountGranted=500", "Bij de stand ‘idee’ hoort nog geen bedrag bij ‘Toegekend’." },
        { "Input.Status=Refused;Input.DecidedOn=-10;Input.AmountGranted=500", "Bij de stand ‘afgewezen’ hoort nog geen bedrag bij ‘Toegekend’." },
        { "Input.Status=Accounted;Input.AmountGranted=1000;Input.AmountSpent=900;Input.DecidedOn=-10;Input.SpentOn=-5;Input.AccountedOn=-6", "‘Verantwoord op’ kan niet vóór ‘Uitgegeven op’ liggen" },
        { "Input.Status=Gone", "is geen geldige waarde" },
        { "Input.Scheme=", "Vul Regeling in." },
        { "Input.Purpose= ", "Vul Waarvoor in." },
        { "Input.Scheme=" + "x", "" },
    };

    [Theory]
    [MemberData(nameof(BadStatusAndDates))]
    public async Task Status_dates_out_of_order_or_beside_the_status_are_refused(string changes, string message)
    {
        var (organisation, client) = await OwnerAsync();
        var list = $"/o/{organisation}/vouchers";
        var form = Requested();
        foreach (var change in changes.Split(';'))
        {
            var (field, value) = (change.Split('=')[0], change.Split('=')[1]);
            form[field] = int.TryParse(value, CultureInfo.InvariantCulture, out var days) && field.EndsWith("On", StringComparison.Ordinal) ? Iso(Today.AddDays(days)) : value;
        }

        var response = await client.PostFormAsync($"{list}?handler=Add", form, list);

        if (message.Length == 0)
        {
            // The control row: the same form with a valid change is stored, so the rows above fail for their reason.
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(organisation));
    }

    [Fact]
    public async Task More_spent_than_granted_is_stored_with_a_warning_and_granted_above_requested_says_nothing()
    {
        var (organisation, client) = await OwnerAsync();
        var list = $"/o/{organisation}/vouchers";
        var form = Requested("1000");
        form["Input.Status"] = "Spent";
        form["Input.AmountGranted"] = "1200";
        form["Input.AmountSpent"] = "1500";
        form["Input.DecidedOn"] = Iso(Today.AddDays(-10));
        form["Input.SpentOn"] = Iso(Today);

        var response = await client.PostFormAsync($"{list}?handler=Add", form, list);
        var page = await client.GetHtmlAsync(list);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Let op: er is meer uitgegeven (€ 1.500,00) dan toegekend (€ 1.200,00)", page, StringComparison.Ordinal);
        Assert.Contains("meer uitgegeven dan toegekend", page, StringComparison.Ordinal);
        Assert.DoesNotContain("meer toegekend dan aangevraagd", page, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1500m, (await SingleVoucherAsync(organisation)).AmountSpent);
    }

    [Fact]
    public async Task An_unknown_step_or_a_step_of_another_company_is_not_found_and_an_unconnected_support_organisation_is_refused()
    {
        var (organisation, client) = await OwnerAsync();
        var (other, _) = await OwnerAsync();
        var foreignStep = await StepAsync(other, "Van een ander bedrijf");
        var (_, unconnected) = await app.CreateAdviserAsync();
        var list = $"/o/{organisation}/vouchers";

        var unknown = Requested();
        unknown["Input.ActionStepId"] = Guid.NewGuid().ToString();
        var foreign = Requested();
        foreign["Input.ActionStepId"] = foreignStep.ToString();
        var support = Requested();
        support["Input.SupportOrganisationId"] = unconnected.Id.ToString();

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync($"{list}?handler=Add", unknown, list)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync($"{list}?handler=Add", foreign, list)).StatusCode);
        var refused = await client.PostFormAsync($"{list}?handler=Add", support, list);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Uw bedrijf is niet (meer) verbonden met deze organisatie.", await refused.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{list}/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(0, await CountAsync(organisation));
    }

    [Fact]
    public async Task The_second_of_two_saves_of_a_voucher_is_refused_with_the_current_values_and_the_own_input_kept()
    {
        var (organisation, first) = await OwnerAsync();
        var colleague = await app.CreateUserAsync();
        await app.AddMemberAsync(organisation, colleague.Id, OrganisationRole.Hr);
        var second = await app.LoggedInClientAsync(colleague.Email!);
        var list = $"/o/{organisation}/vouchers";
        await first.PostFormAsync($"{list}?handler=Add", Requested(), list);
        var edit = $"{list}/{(await SingleVoucherAsync(organisation)).Id}";
        var firstPage = await first.GetHtmlAsync(edit);
        var secondPage = await second.GetHtmlAsync(edit);
        var firstForm = Requested();
        firstForm["Input.Purpose"] = "Twee leermeesters";
        firstForm["Input.Version"] = VersionIn(firstPage);
        var secondForm = Requested("1400");
        secondForm["Input.Purpose"] = "Drie leermeesters";
        secondForm["Input.Version"] = VersionIn(secondPage);

        var saved = await first.PostLoadedFormAsync(edit, firstPage, firstForm);
        var refused = await second.PostLoadedFormAsync(edit, secondPage, secondForm);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.TextAsync();
        Assert.Contains("Iemand anders heeft voucher ‘SLIM-regeling’ intussen gewijzigd", html, StringComparison.Ordinal);
        Assert.Contains("<dd>Twee leermeesters</dd>", html, StringComparison.Ordinal);
        Assert.Contains("Drie leermeesters</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"1400\"", html, StringComparison.Ordinal);
        Assert.Equal(("Twee leermeesters", 1250.50m, 1), Stored(await SingleVoucherAsync(organisation)));

        secondForm["Input.Version"] = VersionIn(html);
        var again = await second.PostLoadedFormAsync(edit, html, secondForm);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(("Drie leermeesters", 1400m, 2), Stored(await SingleVoucherAsync(organisation)));

        static (string, decimal, int) Stored(Voucher v) => (v.Purpose, v.AmountRequested!.Value, v.Version);
    }

    [Fact]
    public async Task An_adviser_who_may_only_read_sees_the_register_but_gets_403_on_changes_and_one_who_works_on_the_plan_records_from_their_budget()
    {
        var (organisation, owner) = await OwnerAsync();
        var list = $"/o/{organisation}/vouchers";
        await owner.PostFormAsync($"{list}?handler=Add", Requested(), list);
        var voucher = await SingleVoucherAsync(organisation);
        var (readerClient, _) = await app.ConsentedAdviserAsync(organisation, ConsentScope.ReadReports);
        var (workerClient, workerSupport) = await app.ConsentedAdviserAsync(organisation, ConsentScope.ReadReports | ConsentScope.WorkOnPlan);

        var page = await readerClient.GetHtmlAsync(list);
        var add = await readerClient.PostFormAsync($"{list}?handler=Add", Requested(), list);
        var editPage = await readerClient.GetAsync($"{list}/{voucher.Id}");
        var workerPage = await workerClient.GetHtmlAsync(list);
        var fromBudget = Requested("800");
        fromBudget["Input.SupportOrganisationId"] = workerSupport.Id.ToString();
        var recorded = await workerClient.PostFormAsync($"{list}?handler=Add", fromBudget, list);

        Assert.Contains("SLIM-regeling", page, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Add", page, StringComparison.Ordinal);
        Assert.True(add.IsAccessDenied(), $"{(int)add.StatusCode} {add.Headers.Location}");
        Assert.True(editPage.IsAccessDenied(), $"{(int)editPage.StatusCode} {editPage.Headers.Location}");
        Assert.Matches($"<option (selected=\"selected\" value=\"{workerSupport.Id}\"|value=\"{workerSupport.Id}\" selected=\"selected\")>", workerPage);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        using var scope = app.Services.CreateScope();
        var supports = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Vouchers.IgnoreQueryFilters()
            .Where(v => v.OrganisationId == organisation).OrderBy(v => v.CreatedAtUtc).Select(v => v.SupportOrganisationId).ToListAsync();
        Assert.Equal([null, workerSupport.Id], supports);
    }

    private static Regex TotalsRow(string requested, string granted) =>
        new($"<tr class=\"totals\">\\s*<th[^>]*>[^<]*</th>\\s*<td[^>]*>{Regex.Escape(requested)}</td>\\s*<td[^>]*>{Regex.Escape(granted)}</td>");

    private static string VersionIn(string html) =>
        Regex.Match(html, "name=\"Input.Version\" value=\"(\\d+)\"") is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no version in the form");

    private async Task<(Guid Organisation, HttpClient Client)> OwnerAsync()
    {
        var (organisation, owner) = await app.OrganisationWithOwnerAsync();
        return (organisation.Id, owner);
    }

    private async Task<Guid> StepAsync(Guid organisation, string title)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var step = new ActionStep { OrganisationId = organisation, Title = title };
        db.ActionSteps.Add(step);
        await db.SaveChangesAsync();
        return step.Id;
    }

    private async Task<Voucher> SingleVoucherAsync(Guid organisation)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Vouchers.IgnoreQueryFilters().AsNoTracking().SingleAsync(v => v.OrganisationId == organisation);
    }

    private async Task<int> CountAsync(Guid organisation)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Vouchers.IgnoreQueryFilters().CountAsync(v => v.OrganisationId == organisation);
    }
}
