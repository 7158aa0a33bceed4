using System.Globalization;
using System.Net;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Rounds;

/// <summary>A round's title and departments refuse the characters comments refuse (StorableText), and nothing is stored.</summary>
public sealed class RoundNameInputTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static DateOnly Today => LocalizationSetup.Today(TimeProvider.System);

    public static TheoryData<string> Unstorable => ["Werk\u0007plaats", "Werkplaats\u202Eteertsinimda", "Werkplaats\uFFFE", "\uFFFFKantoor", "Kantoor\u2066x\u2069", "Kan\u0000toor"];

    private static Dictionary<string, string> Form(string title = "Voorjaarsmeting", string departments = "Werkplaats\nKantoor") => new()
    {
        ["Input.Title"] = title,
        ["Input.OpensOn"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Input.ClosesOn"] = Today.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Input.Roles"] = "Employee",
        ["Input.Languages"] = "nl",
        ["Input.Departments"] = departments,
        ["Input.AnonymityThreshold"] = "5",
    };

    private async Task<(Organisation Organisation, HttpClient Client)> HrAsync()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        return (organisation, await app.LoggedInClientAsync(owner.Email!));
    }

    private async Task<int> RoundsAsync(Guid organisationId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Rounds.IgnoreQueryFilters().CountAsync(r => r.OrganisationId == organisationId);
    }

    [Theory]
    [MemberData(nameof(Unstorable))]
    public async Task A_title_with_a_control_noncharacter_or_bidi_character_is_refused(string title)
    {
        var (organisation, client) = await HrAsync();
        var url = $"/o/{organisation.Id}/rounds/new?instrument=leerrijk-teamscan";

        var response = await client.PostFormAsync(url, Form(title: title), url);

        var html = await response.TextAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"got {(int)response.StatusCode}");
        Assert.Contains("teken dat we niet kunnen opslaan", html, StringComparison.Ordinal);
        Assert.Equal(0, await RoundsAsync(organisation.Id));
    }

    [Theory]
    [MemberData(nameof(Unstorable))]
    public async Task A_department_with_a_control_noncharacter_or_bidi_character_is_refused(string department)
    {
        var (organisation, client) = await HrAsync();
        var url = $"/o/{organisation.Id}/rounds/new?instrument=leerrijk-teamscan";

        var response = await client.PostFormAsync(url, Form(departments: "Werkplaats\n" + department), url);

        Assert.Contains("teken dat we niet kunnen opslaan", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await RoundsAsync(organisation.Id));
    }

    [Fact]
    public async Task Ordinary_names_in_other_scripts_are_still_accepted()
    {
        var (organisation, client) = await HrAsync();
        var url = $"/o/{organisation.Id}/rounds/new?instrument=leerrijk-teamscan";

        var response = await client.PostFormAsync(url, Form(title: "Meting Çelik & Zn. 🙂", departments: "Ünal's ploeg\r\nWerkplaats"), url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await RoundsAsync(organisation.Id));
    }
}
