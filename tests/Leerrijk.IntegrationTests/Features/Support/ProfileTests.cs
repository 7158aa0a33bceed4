using System.Net;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Support;

/// <summary>An admin adds a support organisation with its first coordinator; the coordinator sets its profile and its people.</summary>
public sealed class ProfileTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Fact]
    public async Task An_admin_adds_a_support_organisation_whose_coordinator_fills_in_the_profile_and_adds_an_adviser()
    {
        var admin = await app.CreateUserAsync();
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(admin.Id.ToString()))!, PlatformRoles.Admin);
        }

        var coordinator = await app.CreateUserAsync();
        var adviser = await app.CreateUserAsync();
        var name = "Loket " + Guid.NewGuid().ToString("N")[..8];
        var adminClient = await app.LoggedInClientAsync(admin.Email!);

        var unknown = await adminClient.PostFormAsync("/admin/support", new() { ["Input.Name"] = name, ["Input.Kind"] = "Leerwerkloket", ["Input.CoordinatorEmail"] = "niemand@example.test" }, formPageUrl: "/admin/support");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("Er is geen account met dit e-mailadres.", await unknown.TextAsync(), StringComparison.Ordinal);
        var created = await adminClient.PostFormAsync("/admin/support", new() { ["Input.Name"] = name, ["Input.Kind"] = "Leerwerkloket", ["Input.CoordinatorEmail"] = coordinator.Email! }, formPageUrl: "/admin/support");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        Guid supportId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            supportId = await db.SupportOrganisations.Where(s => s.Name == name).Select(s => s.Id).SingleAsync();
            Assert.Equal(SupportRole.Coordinator, await db.SupportMemberships.Where(m => m.SupportOrganisationId == supportId && m.UserId == coordinator.Id).Select(m => m.Role).SingleAsync());
        }

        var client = await app.LoggedInClientAsync(coordinator.Email!);
        var profile = $"/support/{supportId}/profile";
        var badRegion = await client.PostFormFieldsAsync($"{profile}?handler=Save", [("Input.Name", name), ("Input.Kind", "Leerwerkloket"), ("Input.LabourMarketRegionIds", "atlantis")], formPageUrl: profile);
        Assert.Equal(HttpStatusCode.OK, badRegion.StatusCode);
        var saved = await client.PostFormFieldsAsync(
            $"{profile}?handler=Save",
            [("Input.Name", name), ("Input.Kind", "RegionalNetwork"), ("Input.ProvinceIds", "overijssel"), ("Input.LabourMarketRegionIds", "twente"), ("Input.LabourMarketRegionIds", "regio-zwolle"), ("Input.SbiSections", "C")],
            formPageUrl: profile);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.TextAsync());
        var added = await client.PostFormAsync($"{profile}?handler=AddMember", new() { ["NewMember.Email"] = adviser.Email!, ["NewMember.Role"] = "Adviser" }, formPageUrl: profile);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var again = await client.PostFormAsync($"{profile}?handler=AddMember", new() { ["NewMember.Email"] = adviser.Email!, ["NewMember.Role"] = "Adviser" }, formPageUrl: profile);
        Assert.Contains("Deze persoon hoort al bij uw organisatie.", await again.TextAsync(), StringComparison.Ordinal);

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            var support = await db.SupportOrganisations.SingleAsync(s => s.Id == supportId);
            Assert.Equal(SupportKind.RegionalNetwork, support.Kind);
            Assert.Equal(["overijssel"], support.ProvinceIds);
            Assert.Equal(["twente", "regio-zwolle"], support.LabourMarketRegionIds);
            Assert.Equal(["C"], support.SbiSections);
            Assert.Equal(2, await db.SupportMemberships.CountAsync(m => m.SupportOrganisationId == supportId));
            var last = await db.SupportMemberships.Where(m => m.SupportOrganisationId == supportId && m.Role == SupportRole.Coordinator).Select(m => m.Id).SingleAsync();
            var refused = await client.PostFormAsync($"{profile}?handler=RemoveMember", new() { ["membershipId"] = last.ToString() }, formPageUrl: profile);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Equal(2, await db.SupportMemberships.CountAsync(m => m.SupportOrganisationId == supportId));
        }

        // The adviser reads the profile but may not change it; an outsider does not find it.
        var adviserClient = await app.LoggedInClientAsync(adviser.Email!);
        Assert.Equal(HttpStatusCode.OK, (await adviserClient.GetAsync(profile)).StatusCode);
        var forbidden = await adviserClient.PostFormAsync($"{profile}?handler=Save", new() { ["Input.Name"] = "Overgenomen", ["Input.Kind"] = "Leerwerkloket" }, formPageUrl: profile);
        Assert.True(forbidden.IsAccessDenied(), $"an adviser saving the profile gave {(int)forbidden.StatusCode}");
        var outsider = await app.LoggedInClientAsync((await app.CreateUserAsync()).Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(profile)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await outsider.GetAsync("/admin/support")).StatusCode);
    }
}
