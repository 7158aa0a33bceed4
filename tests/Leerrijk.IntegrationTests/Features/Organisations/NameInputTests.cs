using System.Net;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Organisations;

/// <summary>An organisation's name and an invited address refuse the characters comments refuse (StorableText), and nothing is stored.</summary>
public sealed class NameInputTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    public static TheoryData<string> Unstorable => ["Bakkerij\u0007 BV", "Bakkerij\u202EVB", "Bakkerij\uFFFE", "\uFFFFBakkerij", "Bak\u2067kerij"];

    private static Dictionary<string, string> Profile(string name) => new()
    {
        ["Input.Name"] = name,
        ["Input.SbiSection"] = "C",
        ["Input.SizeClass"] = "Micro",
        ["Input.ProvinceId"] = "zeeland",
        ["Input.LabourMarketRegionId"] = "zeeland",
    };

    private static LeerrijkDbContext Db(IServiceScope scope) => scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();

    [Theory]
    [MemberData(nameof(Unstorable))]
    public async Task A_new_organisation_with_such_a_name_is_refused(string name)
    {
        var user = await app.CreateUserAsync();
        var client = await app.LoggedInClientAsync(user.Email!);

        var response = await client.PostFormAsync("/organisations/new", Profile(name));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("teken dat we niet kunnen opslaan", await response.TextAsync(), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.False(await Db(scope).Memberships.IgnoreQueryFilters().AnyAsync(m => m.UserId == user.Id));
    }

    [Theory]
    [MemberData(nameof(Unstorable))]
    public async Task Renaming_an_organisation_to_such_a_name_is_refused(string name)
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id, "Bakkerij Oud");
        var client = await app.LoggedInClientAsync(owner.Email!);

        var response = await client.PostFormAsync($"/o/{organisation.Id}/settings", Profile(name));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("teken dat we niet kunnen opslaan", await response.TextAsync(), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.Equal("Bakkerij Oud", (await Db(scope).Organisations.IgnoreQueryFilters().SingleAsync(o => o.Id == organisation.Id)).Name);
    }

    [Theory]
    [InlineData("iemand\u202E@example.test")]
    [InlineData("iemand@exam\u0007ple.test")]
    public async Task Inviting_an_address_with_such_a_character_is_refused(string email)
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var client = await app.LoggedInClientAsync(owner.Email!);
        var members = $"/o/{organisation.Id}/members";

        var response = await client.PostFormAsync($"{members}?handler=Invite", new() { ["Invite.Email"] = email, ["Invite.Role"] = nameof(OrganisationRole.Hr) }, members);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var scope = app.Services.CreateScope();
        Assert.False(await Db(scope).Invitations.IgnoreQueryFilters().AnyAsync(i => i.OrganisationId == organisation.Id));
    }
}
