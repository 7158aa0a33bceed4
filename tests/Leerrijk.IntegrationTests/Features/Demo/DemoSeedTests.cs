using System.Net;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Demo;

public sealed class DemoApp : LeerrijkAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Demo:Seed"] = "true" };
}

public sealed class DemoSeedTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task The_demo_owner_logs_in_and_sees_the_demo_organisation()
    {
        var client = await app.LoggedInClientAsync("eigenaar@demo.leerrijk.nl", DemoSeeder.Password);

        var html = await client.GetHtmlAsync("/organisations");

        Assert.Contains(DemoSeeder.OrganisationName, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_demo_account_can_log_in_and_only_the_admin_reaches_administration()
    {
        foreach (var account in DemoSeeder.Accounts)
        {
            var client = await app.LoggedInClientAsync(account.Email, DemoSeeder.Password);
            var admin = await client.GetAsync("/admin/users");
            var expected = account.PlatformRole == "Admin" ? HttpStatusCode.OK : HttpStatusCode.Redirect;
            Assert.True(admin.StatusCode == expected, $"{account.Email} on /admin/users gave {(int)admin.StatusCode}");
        }
    }

    [Fact]
    public async Task The_admin_grants_a_platform_role()
    {
        var user = await app.CreateUserAsync();
        var admin = await app.LoggedInClientAsync("admin@demo.leerrijk.nl", DemoSeeder.Password);

        var response = await admin.PostFormAsync("/admin/users", new() { ["userId"] = user.Id.ToString(), ["role"] = "ProgrammeManager", ["grant"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.True(await users.IsInRoleAsync((await users.FindByIdAsync(user.Id.ToString()))!, "ProgrammeManager"));
    }
}
