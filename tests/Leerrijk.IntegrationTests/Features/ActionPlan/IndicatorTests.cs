using System.Globalization;
using System.Net;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Consent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.ActionPlan;

/// <summary>Indicators on the action plan: baseline, target and measurements, drawn as a chart; bad input refused; advisers by scope.</summary>
public sealed class IndicatorTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static readonly DateOnly Today = Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(TimeProvider.System);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Standard(string baseline = "20", string target = "50") => new()
    {
        ["NewIndicator.Kind"] = "DevelopmentPlanShare",
        ["NewIndicator.Baseline"] = baseline,
        ["NewIndicator.BaselineOn"] = Iso(Today.AddDays(-90)),
        ["NewIndicator.Target"] = target,
        ["NewIndicator.TargetOn"] = Iso(Today.AddDays(270)),
    };

    [Fact]
    public async Task An_indicator_with_two_measurements_is_drawn_with_a_dashed_target_and_a_solid_realisation_and_a_table()
    {
        var (organisation, client) = await OwnerAsync();
        var plan = $"/o/{organisation}/plan";

        var added = await client.PostFormAsync($"{plan}?handler=AddIndicator", Standard(), plan);
        var empty = await client.GetHtmlAsync(plan);
        var id = await SingleIndicatorAsync(organisation);
        var first = await client.PostFormAsync($"{plan}?handler=AddMeasurement", new() { ["indicatorId"] = id.ToString(), ["Measurement.MeasuredOn"] = Iso(Today.AddDays(-30)), ["Measurement.Value"] = "31,5" }, plan);
        var second = await client.PostFormAsync($"{plan}?handler=AddMeasurement", new() { ["indicatorId"] = id.ToString(), ["Measurement.MeasuredOn"] = Iso(Today.AddDays(-60)), ["Measurement.Value"] = "25" }, plan);
        var page = await client.GetHtmlAsync(plan);

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Contains("Nog geen meting.", empty, StringComparison.Ordinal);
        Assert.Contains("Medewerkers met een persoonlijk ontwikkelplan (POP)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Nog geen meting.", page, StringComparison.Ordinal);
        Assert.Contains("stroke-dasharray", page, StringComparison.Ordinal);
        Assert.Contains("class=\"realisation\"", page, StringComparison.Ordinal);
        Assert.Contains("Laatste meting: 31,5% op", page, StringComparison.Ordinal);
        Assert.Contains("<td>31,5%</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>25%</td>", page, StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        var values = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().IndicatorMeasurements.IgnoreQueryFilters()
            .Where(m => m.IndicatorId == id).OrderBy(m => m.MeasuredOn).Select(m => m.Value).ToListAsync();
        Assert.Equal([25m, 31.5m], values);
    }

    public static TheoryData<string, string, string, string> BadIndicators() => new()
    {
        { "NewIndicator.Baseline", "120", "", "Nulmeting moet tussen 0 en 100 liggen." },
        { "NewIndicator.Target", "-5", "", "Doel kan niet negatief zijn." },
        { "NewIndicator.Target", "veel", "", "Schrijf Doel als getal" },
        { "NewIndicator.Baseline", "33,333", "", "Nulmeting mag hoogstens 2 cijfers achter de komma hebben." },
        { "NewIndicator.BaselineOn", "future", "", "Datum nulmeting ligt in de toekomst" },
        { "NewIndicator.BaselineOn", "31-31-2026", "", "is geen geldige waarde" },
        { "NewIndicator.TargetOn", "before", "", "De doeldatum moet na de datum van de nulmeting liggen." },
        { "NewIndicator.TargetOn", "far", "", "Doel bereikt op moet tussen" },
        { "NewIndicator.Kind", "Custom", "NewIndicator.Unit=Number", "Vul Naam van de indicator in." },
        { "NewIndicator.Kind", "Custom", "NewIndicator.Name=Opleidingen", "Kies een waarde bij Eenheid." },
        { "NewIndicator.Kind", "Custom", "NewIndicator.Name=Opleidingen;NewIndicator.Unit=Number;NewIndicator.Target=2000000", "Doel moet tussen 0 en 1.000.000 liggen." },
        { "NewIndicator.Kind", "Nonsense", "", "is geen geldige waarde" },
        { "NewIndicator.Kind", "", "", "Kies een waarde bij Soort indicator." },
        { "NewIndicator.Baseline", "", "", "Vul Nulmeting in." },
        { "NewIndicator.Name", "Opleiding\u202Egnidielpo", "NewIndicator.Kind=Custom;NewIndicator.Unit=Number", "teken dat we niet kunnen opslaan" },
    };

    [Theory]
    [MemberData(nameof(BadIndicators))]
    public async Task A_bad_indicator_is_refused_beside_the_field_and_nothing_is_stored(string field, string value, string more, string message)
    {
        var (organisation, client) = await OwnerAsync();
        var plan = $"/o/{organisation}/plan";
        var form = Standard();
        form[field] = value switch
        {
            "future" => Iso(Today.AddDays(1)),
            "before" => Iso(Today.AddDays(-91)),
            "far" => Iso(Today.AddYears(11)),
            _ => value,
        };
        foreach (var pair in more.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            form[pair.Split('=')[0]] = pair.Split('=')[1];
        }

        var response = await client.PostFormAsync($"{plan}?handler=AddIndicator", form, plan);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync<PlanIndicator>(organisation));
    }

    [Fact]
    public async Task The_same_standard_indicator_twice_is_refused()
    {
        var (organisation, client) = await OwnerAsync();
        var plan = $"/o/{organisation}/plan";

        await client.PostFormAsync($"{plan}?handler=AddIndicator", Standard(), plan);
        var again = await client.PostFormAsync($"{plan}?handler=AddIndicator", Standard(), plan);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Deze indicator staat al in het plan.", await again.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync<PlanIndicator>(organisation));
    }

    [Theory]
    [InlineData("future", "30", "ligt in de toekomst")]
    [InlineData("before", "30", "De nulmeting is van")]
    [InlineData("", "30", "Vul Datum meting in.")]
    [InlineData("ok", "101", "Waarde moet tussen 0 en 100 liggen.")]
    [InlineData("ok", "", "Vul Waarde in.")]
    [InlineData("ok", "1.2.3", "Schrijf Waarde als getal")]
    [InlineData("twice", "30", "Er is al een meting op")]
    public async Task A_bad_measurement_is_refused_with_a_message_and_nothing_is_stored(string date, string value, string message)
    {
        var (organisation, client) = await OwnerAsync();
        var plan = $"/o/{organisation}/plan";
        await client.PostFormAsync($"{plan}?handler=AddIndicator", Standard(), plan);
        var id = await SingleIndicatorAsync(organisation);
        if (date == "twice")
        {
            await client.PostFormAsync($"{plan}?handler=AddMeasurement", new() { ["indicatorId"] = id.ToString(), ["Measurement.MeasuredOn"] = Iso(Today), ["Measurement.Value"] = "30" }, plan);
        }

        var day = date switch { "future" => Iso(Today.AddDays(1)), "before" => Iso(Today.AddDays(-91)), "" => "", _ => Iso(Today) };
        var response = await client.PostFormAsync($"{plan}?handler=AddMeasurement", new() { ["indicatorId"] = id.ToString(), ["Measurement.MeasuredOn"] = day, ["Measurement.Value"] = value }, plan);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(date == "twice" ? 1 : 0, await CountAsync<IndicatorMeasurement>(organisation));
    }

    [Fact]
    public async Task Unknown_indicators_and_measurements_are_not_found()
    {
        var (organisation, client) = await OwnerAsync();
        var plan = $"/o/{organisation}/plan";

        var measure = await client.PostFormAsync($"{plan}?handler=AddMeasurement", new() { ["indicatorId"] = Guid.NewGuid().ToString(), ["Measurement.MeasuredOn"] = Iso(Today), ["Measurement.Value"] = "3" }, plan);
        var update = await client.PostFormAsync($"{plan}?handler=UpdateIndicator", new() { ["indicatorId"] = Guid.NewGuid().ToString(), ["EditIndicator.Version"] = "0" }, plan);
        var delete = await client.PostFormAsync($"{plan}?handler=DeleteMeasurement", new() { ["measurementId"] = Guid.NewGuid().ToString() }, plan);

        Assert.Equal(HttpStatusCode.NotFound, measure.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
    }

    [Fact]
    public async Task Editing_keeps_kind_and_unit_and_refuses_a_baseline_after_the_first_measurement()
    {
        var (organisation, client) = await OwnerAsync();
        var plan = $"/o/{organisation}/plan";
        await client.PostFormAsync($"{plan}?handler=AddIndicator", Standard(), plan);
        var id = await SingleIndicatorAsync(organisation);
        await client.PostFormAsync($"{plan}?handler=AddMeasurement", new() { ["indicatorId"] = id.ToString(), ["Measurement.MeasuredOn"] = Iso(Today.AddDays(-10)), ["Measurement.Value"] = "30" }, plan);
        var form = new Dictionary<string, string>
        {
            ["indicatorId"] = id.ToString(),
            ["EditIndicator.Version"] = "0",
            ["EditIndicator.Kind"] = "Custom",
            ["EditIndicator.Unit"] = "Number",
            ["EditIndicator.Baseline"] = "22",
            ["EditIndicator.BaselineOn"] = Iso(Today.AddDays(-5)),
            ["EditIndicator.Target"] = "55",
            ["EditIndicator.TargetOn"] = Iso(Today.AddDays(200)),
        };

        var late = await client.PostFormAsync($"{plan}?handler=UpdateIndicator", form, plan);
        form["EditIndicator.BaselineOn"] = Iso(Today.AddDays(-20));
        var saved = await client.PostFormAsync($"{plan}?handler=UpdateIndicator", form, plan);

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("De nulmeting kan niet later liggen.", await late.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var scope = app.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().PlanIndicators.IgnoreQueryFilters().SingleAsync(i => i.Id == id);
        Assert.Equal((IndicatorKind.DevelopmentPlanShare, IndicatorUnit.Percent, 22m, 55m, Today.AddDays(-20), 1),
            (stored.Kind, stored.Unit, stored.Baseline!.Value, stored.Target!.Value, stored.BaselineOn!.Value, stored.Version));
    }

    [Fact]
    public async Task An_adviser_who_may_only_read_sees_the_indicators_but_gets_403_on_every_change()
    {
        var (organisation, owner) = await OwnerAsync();
        var plan = $"/o/{organisation}/plan";
        await owner.PostFormAsync($"{plan}?handler=AddIndicator", Standard(), plan);
        var id = await SingleIndicatorAsync(organisation);
        var (readerClient, _) = await app.ConsentedAdviserAsync(organisation, ConsentScope.ReadReports);
        var (workerClient, _) = await app.ConsentedAdviserAsync(organisation, ConsentScope.ReadReports | ConsentScope.WorkOnPlan);
        var measurement = new Dictionary<string, string> { ["indicatorId"] = id.ToString(), ["Measurement.MeasuredOn"] = Iso(Today), ["Measurement.Value"] = "40" };

        var page = await readerClient.GetHtmlAsync(plan);
        var add = await readerClient.PostFormAsync($"{plan}?handler=AddIndicator", Standard(), plan);
        var measure = await readerClient.PostFormAsync($"{plan}?handler=AddMeasurement", measurement, plan);
        var delete = await readerClient.PostFormAsync($"{plan}?handler=DeleteIndicator", new() { ["indicatorId"] = id.ToString(), ["EditIndicator.Version"] = "0" }, plan);
        var measuredByWorker = await workerClient.PostFormAsync($"{plan}?handler=AddMeasurement", measurement, plan);

        Assert.Contains("Medewerkers met een persoonlijk ontwikkelplan (POP)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=AddMeasurement", page, StringComparison.Ordinal);
        Assert.True(add.IsAccessDenied(), $"{(int)add.StatusCode} {add.Headers.Location}");
        Assert.True(measure.IsAccessDenied(), $"{(int)measure.StatusCode} {measure.Headers.Location}");
        Assert.True(delete.IsAccessDenied(), $"{(int)delete.StatusCode} {delete.Headers.Location}");
        Assert.Equal(HttpStatusCode.Redirect, measuredByWorker.StatusCode);
        Assert.Equal(1, await CountAsync<PlanIndicator>(organisation));
        Assert.Equal(1, await CountAsync<IndicatorMeasurement>(organisation));
    }

    private async Task<(Guid Organisation, HttpClient Client)> OwnerAsync()
    {
        var (organisation, owner) = await app.OrganisationWithOwnerAsync();
        return (organisation.Id, owner);
    }

    private async Task<Guid> SingleIndicatorAsync(Guid organisation)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().PlanIndicators.IgnoreQueryFilters()
            .Where(i => i.OrganisationId == organisation).Select(i => i.Id).SingleAsync();
    }

    private async Task<int> CountAsync<T>(Guid organisation)
        where T : class, IOrganisationScoped
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Set<T>().IgnoreQueryFilters().CountAsync(e => e.OrganisationId == organisation);
    }
}
