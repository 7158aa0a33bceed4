using System.Net;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Organisations;

public sealed class OrganisationTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static Dictionary<string, string> Profile(string name = "Bakkerij De Korenschoof") => new()
    {
        ["Input.Name"] = name,
        ["Input.SbiSection"] = "C",
        ["Input.SizeClass"] = "Micro",
        ["Input.ProvinceId"] = "zeeland",
        ["Input.LabourMarketRegionId"] = "zeeland",
        ["Input.KvkNumber"] = "87654321",
    };

    [Fact]
    public async Task Creating_an_organisation_makes_the_creator_its_owner()
    {
        var user = await app.CreateUserAsync();
        var client = await app.LoggedInClientAsync(user.Email!);

        var response = await client.PostFormAsync("/organisations/new", Profile());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var dashboard = await client.GetHtmlAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Bakkerij De Korenschoof", dashboard, StringComparison.Ordinal);
        Assert.Contains("Uw rol: Eigenaar", dashboard, StringComparison.Ordinal);
        Assert.Contains("1 tot en met 9 medewerkers", dashboard, StringComparison.Ordinal);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var organisation = await db.Organisations.SingleAsync(o => o.Name == "Bakkerij De Korenschoof" && o.KvkNumber == "87654321");
        Assert.Equal(SizeClass.Micro, organisation.SizeClass);
        Assert.Equal("SBI2008", organisation.SectorScheme);
        Assert.True(await db.Memberships.AnyAsync(m => m.OrganisationId == organisation.Id && m.UserId == user.Id && m.Role == OrganisationRole.Owner));
    }

    [Fact]
    public async Task Invalid_profile_choices_are_refused_field_by_field()
    {
        var user = await app.CreateUserAsync();
        var client = await app.LoggedInClientAsync(user.Email!);
        var form = Profile("");
        form["Input.LabourMarketRegionId"] = "atlantis";
        form["Input.SbiSection"] = "Z";
        form["Input.KvkNumber"] = "12ab";
        form["Input.SizeClass"] = "Enorm";

        var response = await client.PostFormAsync("/organisations/new", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        Assert.Contains("Vul Naam van de organisatie in.", html, StringComparison.Ordinal);
        Assert.Contains("Kies een waarde uit de lijst.", html, StringComparison.Ordinal);
        Assert.Contains("Een KvK-nummer heeft precies 8 cijfers", html, StringComparison.Ordinal);
        Assert.Contains("is geen geldige waarde voor Aantal medewerkers", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_count_and_turnover_are_optional_read_as_typed_and_must_match_the_size()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var client = await app.LoggedInClientAsync(owner.Email!);
        var settings = $"/o/{organisation.Id}/settings";
        var form = Profile("Installatie Zestig BV");
        form["Input.SizeClass"] = "Medium";
        form["Input.Employees"] = "60";
        form["Input.Turnover"] = "6.500.000";
        var contradicting = new Dictionary<string, string>(form) { ["Input.Employees"] = "300", ["Input.Turnover"] = "veel" };

        var refused = await client.PostFormAsync(settings, contradicting);
        var refusedHtml = await refused.TextAsync();
        var saved = await client.PostFormAsync(settings, form);
        var shown = await client.GetHtmlAsync(settings);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("300 medewerkers hoort bij '250 of meer medewerkers', maar u koos '50 tot en met 249 medewerkers'.", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("Schrijf Jaaromzet als bedrag in euro", refusedHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var scope = app.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Organisations.AsNoTracking().SingleAsync(o => o.Id == organisation.Id);
        Assert.Equal((60, 6_500_000L, SizeClass.Medium), (stored.Employees, stored.TurnoverEuros, stored.SizeClass));
        Assert.Contains("value=\"60\"", shown, StringComparison.Ordinal);
        Assert.Contains("value=\"6500000\"", shown, StringComparison.Ordinal);

        form["Input.Employees"] = "";
        form["Input.Turnover"] = " ";
        await client.PostFormAsync(settings, form);
        var cleared = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Organisations.AsNoTracking().SingleAsync(o => o.Id == organisation.Id);
        Assert.Equal((null, null), (cleared.Employees, cleared.TurnoverEuros));
    }

    [Fact]
    public async Task The_owner_edits_the_profile_but_a_viewer_may_not()
    {
        var owner = await app.CreateUserAsync();
        var viewer = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        await app.AddMemberAsync(organisation.Id, viewer.Id, OrganisationRole.Viewer);
        var settings = $"/o/{organisation.Id}/settings";

        var ownerClient = await app.LoggedInClientAsync(owner.Email!);
        var saved = await ownerClient.PostFormAsync(settings, Profile("Nieuwe Naam BV"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Nieuwe Naam BV", await ownerClient.GetHtmlAsync($"/o/{organisation.Id}"), StringComparison.Ordinal);

        var viewerClient = await app.LoggedInClientAsync(viewer.Email!);
        var denied = await viewerClient.GetAsync(settings);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await viewerClient.GetAsync($"/o/{organisation.Id}")).StatusCode);
    }

    [Fact]
    public async Task My_organisations_lists_only_mine()
    {
        var me = await app.CreateUserAsync();
        var other = await app.CreateUserAsync();
        var mine = await app.CreateOrganisationAsync(me.Id, "Mijn Eigen Zaak");
        var theirs = await app.CreateOrganisationAsync(other.Id, "Andermans Zaak");

        var html = await (await app.LoggedInClientAsync(me.Email!)).GetHtmlAsync("/organisations");

        Assert.Contains(mine.Name, html, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Name, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_owner_cannot_be_removed_or_demoted()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var client = await app.LoggedInClientAsync(owner.Email!);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var membership = await db.Memberships.SingleAsync(m => m.OrganisationId == organisation.Id);
        var members = $"/o/{organisation.Id}/members";

        await client.PostFormAsync($"{members}?handler=Role", new() { ["membershipId"] = membership.Id.ToString(), ["role"] = "Viewer" }, members);
        await client.PostFormAsync($"{members}?handler=Remove", new() { ["membershipId"] = membership.Id.ToString() }, members);

        db.ChangeTracker.Clear();
        Assert.Equal(OrganisationRole.Owner, (await db.Memberships.SingleAsync(m => m.Id == membership.Id)).Role);
        Assert.Contains("minstens één eigenaar", await client.GetHtmlAsync(members), StringComparison.Ordinal);
    }
}
