using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.ActionPlan;

/// <summary>
/// Two people open the plan and both save the same step or indicator: the first save wins, the second is told it
/// changed meanwhile, sees what is stored now, keeps what they typed, and saves over it only by saving again.
/// </summary>
public sealed partial class ConcurrencyTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static readonly DateOnly Today = Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(TimeProvider.System);

    [Fact]
    public async Task The_second_of_two_saves_of_a_step_is_refused_with_the_current_values_and_the_own_input_kept()
    {
        var (organisation, first, second) = await TwoEditorsAsync();
        var step = await SeedAsync(new ActionStep { OrganisationId = organisation, Title = "Meelopen", Owner = "Jan" });
        var plan = $"/o/{organisation}/plan";
        var firstPage = await first.GetHtmlAsync(plan);
        var secondPage = await second.GetHtmlAsync(plan);

        var saved = await first.PostLoadedFormAsync($"{plan}?handler=Update", firstPage, StepForm(step.Id, VersionIn(firstPage, "stepId", step.Id), "Petra", "Eerst Petra"));
        var refused = await second.PostLoadedFormAsync($"{plan}?handler=Update", secondPage, StepForm(step.Id, VersionIn(secondPage, "stepId", step.Id), "Karim", "Karim neemt het over"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.TextAsync();
        Assert.Contains("Iemand anders heeft ‘Meelopen’ intussen gewijzigd", html, StringComparison.Ordinal);
        Assert.Contains("<dd>Petra</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd>Eerst Petra</dd>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Karim\"", html, StringComparison.Ordinal);
        Assert.Contains(">Karim neemt het over</textarea>", html, StringComparison.Ordinal);
        Assert.Equal(("Petra", "Eerst Petra", 1), await StoredStepAsync(step.Id));

        // Saving again from the form that showed both versions is a choice made knowingly: it goes through.
        var again = await second.PostLoadedFormAsync($"{plan}?handler=Update", html, StepForm(step.Id, VersionIn(html, "stepId", step.Id), "Karim", "Karim neemt het over"));

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(("Karim", "Karim neemt het over", 2), await StoredStepAsync(step.Id));
    }

    [Fact]
    public async Task A_step_form_without_its_version_changes_nothing()
    {
        var (organisation, first, _) = await TwoEditorsAsync();
        var step = await SeedAsync(new ActionStep { OrganisationId = organisation, Title = "Meelopen", Owner = "Jan" });
        var plan = $"/o/{organisation}/plan";

        var response = await first.PostFormAsync($"{plan}?handler=Update", new() { ["stepId"] = step.Id.ToString(), ["Input.Owner"] = "Petra", ["Input.Status"] = "Started" }, plan);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Het formulier was niet compleet", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(("Jan", (string?)null, 0), await StoredStepAsync(step.Id));
    }

    [Fact]
    public async Task The_second_of_two_saves_of_an_indicator_is_refused_and_a_delete_over_a_newer_version_deletes_nothing()
    {
        var (organisation, first, second) = await TwoEditorsAsync();
        var indicator = await SeedAsync(new PlanIndicator
        {
            OrganisationId = organisation,
            Kind = IndicatorKind.Custom,
            Name = "Werkoverleggen met leerpunt",
            Unit = IndicatorUnit.Number,
            Baseline = 2,
            BaselineOn = Today.AddDays(-30),
            Target = 10,
            TargetOn = Today.AddDays(300),
        });
        var plan = $"/o/{organisation}/plan";
        var firstPage = await first.GetHtmlAsync(plan);
        var secondPage = await second.GetHtmlAsync(plan);

        var saved = await first.PostLoadedFormAsync($"{plan}?handler=UpdateIndicator", firstPage, IndicatorForm(indicator, VersionIn(firstPage, "indicatorId", indicator.Id, "EditIndicator"), "Werkoverleggen", "12"));
        var refused = await second.PostLoadedFormAsync($"{plan}?handler=UpdateIndicator", secondPage, IndicatorForm(indicator, VersionIn(secondPage, "indicatorId", indicator.Id, "EditIndicator"), "Overleggen met een leerpunt", "8"));
        var deleted = await second.PostLoadedFormAsync($"{plan}?handler=DeleteIndicator", secondPage, new()
        {
            ["indicatorId"] = indicator.Id.ToString(),
            ["EditIndicator.Version"] = VersionIn(secondPage, "indicatorId", indicator.Id, "EditIndicator"),
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.TextAsync();
        Assert.Contains("Iemand anders heeft ‘Werkoverleggen’ intussen gewijzigd", html, StringComparison.Ordinal);
        Assert.Contains("<dd>Werkoverleggen</dd>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Overleggen met een leerpunt\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"8\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Contains("Er is nog niets opgeslagen of verwijderd", await deleted.TextAsync(), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var stored = await db.PlanIndicators.IgnoreQueryFilters().SingleAsync(i => i.Id == indicator.Id);
        Assert.Equal(("Werkoverleggen", 12m, 1), (stored.Name, stored.Target!.Value, stored.Version));

        // With the current version the delete goes through, and takes the measurements with it.
        db.IndicatorMeasurements.Add(new IndicatorMeasurement { OrganisationId = organisation, IndicatorId = indicator.Id, MeasuredOn = Today, Value = 4 });
        await db.SaveChangesAsync();
        var delete = await second.PostFormAsync($"{plan}?handler=DeleteIndicator", new() { ["indicatorId"] = indicator.Id.ToString(), ["EditIndicator.Version"] = "1" }, plan);
        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        Assert.False(await db.PlanIndicators.IgnoreQueryFilters().AnyAsync(i => i.Id == indicator.Id));
        Assert.False(await db.IndicatorMeasurements.IgnoreQueryFilters().AnyAsync(m => m.IndicatorId == indicator.Id));
    }

    private static Dictionary<string, string> StepForm(Guid stepId, string version, string owner, string note) => new()
    {
        ["stepId"] = stepId.ToString(),
        ["Input.Version"] = version,
        ["Input.Owner"] = owner,
        ["Input.Status"] = "Started",
        ["Input.Note"] = note,
    };

    private static Dictionary<string, string> IndicatorForm(PlanIndicator indicator, string version, string name, string target) => new()
    {
        ["indicatorId"] = indicator.Id.ToString(),
        ["EditIndicator.Version"] = version,
        ["EditIndicator.Name"] = name,
        ["EditIndicator.Baseline"] = "2",
        ["EditIndicator.BaselineOn"] = indicator.BaselineOn!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["EditIndicator.Target"] = target,
        ["EditIndicator.TargetOn"] = indicator.TargetOn!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>The version a page's form for one step or indicator carries, as the browser would send it.</summary>
    private static string VersionIn(string html, string idField, Guid id, string prefix = "Input")
    {
        var match = Regex.Match(html, $"name=\"{idField}\" value=\"{id}\">\\s*<input type=\"hidden\" name=\"{prefix}.Version\" value=\"(\\d+)\"");
        Assert.True(match.Success, $"no edit form with a version for {id}");
        return match.Groups[1].Value;
    }

    private async Task<(Guid Organisation, HttpClient First, HttpClient Second)> TwoEditorsAsync()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var colleague = await app.CreateUserAsync();
        await app.AddMemberAsync(organisation.Id, colleague.Id, OrganisationRole.Hr);
        return (organisation.Id, await app.LoggedInClientAsync(owner.Email!), await app.LoggedInClientAsync(colleague.Email!));
    }

    private async Task<T> SeedAsync<T>(T entity)
        where T : class
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        db.Add(entity);
        await db.SaveChangesAsync();
        return entity;
    }

    private async Task<(string? Owner, string? Note, int Version)> StoredStepAsync(Guid id)
    {
        using var scope = app.Services.CreateScope();
        var step = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().ActionSteps.IgnoreQueryFilters().SingleAsync(s => s.Id == id);
        return (step.Owner, step.Note, step.Version);
    }
}
