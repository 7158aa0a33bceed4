using System.Net;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Menukaart;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.ActionPlan;

/// <summary>From the report's first steps to an action plan on the dashboard, with owner, dates and status.</summary>
public sealed class PlanTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Fact]
    public async Task A_first_step_from_the_report_goes_into_the_plan_and_its_progress_shows_on_the_dashboard()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var round = await app.CreateRoundAsync(organisation.Id, owner.Id);
        await app.SeedResponsesAsync(round, 30, seed: 9);
        var client = await app.LoggedInClientAsync(owner.Email!);
        var report = await client.GetHtmlAsync($"/o/{organisation.Id}/rounds/{round.Id}/report");
        Assert.Contains("Eerste stappen voor uw bedrijf", report, StringComparison.Ordinal);
        var slug = System.Text.RegularExpressions.Regex.Match(report, "name=\"slug\" value=\"([^\"]+)\"").Groups[1].Value;
        var title = app.Services.GetRequiredService<MenukaartFiles>().Interventions.Single(i => i.Slug == slug).Title.Nl;

        var add = await client.PostFormAsync($"/o/{organisation.Id}/plan?handler=Add", new() { ["slug"] = slug, ["roundId"] = round.Id.ToString() }, $"/o/{organisation.Id}/plan");
        var again = await client.PostFormAsync($"/o/{organisation.Id}/plan?handler=Add", new() { ["slug"] = slug, ["roundId"] = round.Id.ToString() }, $"/o/{organisation.Id}/plan");

        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var step = await db.ActionSteps.SingleAsync(s => s.OrganisationId == organisation.Id);
        Assert.Equal((slug, round.Id, title), (step.InterventionSlug, step.RoundId!.Value, step.Title));

        var update = await client.PostFormAsync($"/o/{organisation.Id}/plan?handler=Update", new()
        {
            ["stepId"] = step.Id.ToString(),
            ["Input.Version"] = step.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Owner"] = "Petra (werkplaats)",
            ["Input.StartOn"] = "2026-12-01",
            ["Input.Status"] = "Started",
            ["Input.Note"] = "Eerste keer ging goed.",
            ["Input.FollowUpOn"] = "2027-06-01",
        }, $"/o/{organisation.Id}/plan");

        Assert.Equal(HttpStatusCode.Redirect, update.StatusCode);
        var dashboard = await client.GetHtmlAsync($"/o/{organisation.Id}");
        Assert.Contains($"{title} – bezig – Petra (werkplaats)", dashboard, StringComparison.Ordinal);
        var plan = await client.GetHtmlAsync($"/o/{organisation.Id}/plan");
        Assert.Contains("Eerste keer ging goed.", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_message_and_changes_nothing()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var client = await app.LoggedInClientAsync(owner.Email!);

        var unknown = await client.PostFormAsync($"/o/{organisation.Id}/plan?handler=Add", new() { ["slug"] = "bestaat-niet" }, $"/o/{organisation.Id}/plan");
        var empty = await client.PostFormAsync($"/o/{organisation.Id}/plan?handler=Create", new() { ["Input.Title"] = " " }, $"/o/{organisation.Id}/plan");
        var tooLong = await client.PostFormAsync($"/o/{organisation.Id}/plan?handler=Create", new() { ["Input.Title"] = new string('x', 201) }, $"/o/{organisation.Id}/plan");
        var badDate = await client.PostFormAsync($"/o/{organisation.Id}/plan?handler=Create", new() { ["Input.Title"] = "Stap", ["Input.StartOn"] = "31-31-2026" }, $"/o/{organisation.Id}/plan");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, badDate.StatusCode);
        using var scope = app.Services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().ActionSteps.CountAsync(s => s.OrganisationId == organisation.Id));
    }
}
