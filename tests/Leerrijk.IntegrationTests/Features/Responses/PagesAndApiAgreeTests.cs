using System.Net;
using System.Net.Http.Json;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Responses;

/// <summary>
/// The answering pages and the JSON API follow one set of response rules: the same edge case (case, hyphens,
/// spaces, a point off the scale, a comment too long) is accepted on both, in the same stored form, or refused on both.
/// </summary>
public sealed class PagesAndApiAgreeTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private Leerrijk.Scoring.Instruments.Instrument Teamscan => app.Services.GetRequiredService<InstrumentCatalog>().Find("leerrijk-teamscan")!;

    private string FirstItem => Teamscan.ItemsOf(Teamscan.Dimensions[0].Id).First().Id;

    private Task<Round> RoundAsync() => app.CreateRoundAsync(r => r.Roles = ["Employee", "Manager", "WorksCouncil"]);

    [Theory]
    [InlineData("Employee", "Werkplaats", "1-5", true, "Employee", "Werkplaats", "1-5")]
    [InlineData("employee", "werkplaats", "10PLUS", true, "Employee", "Werkplaats", "10plus")]
    [InlineData(" Manager ", "  Kantoor ", " lt1 ", true, "Manager", "Kantoor", "lt1")]
    [InlineData("works-council", "", "", true, "WorksCouncil", null, null)]
    [InlineData("WorksCouncil", "   ", null, true, "WorksCouncil", null, null)]
    [InlineData("owner", "Werkplaats", null, false, null, null, null)]
    [InlineData(null, "Werkplaats", null, false, null, null, null)]
    [InlineData("Employee", "Kelder", null, false, null, null, null)]
    [InlineData("Employee", "Werk-plaats", null, false, null, null, null)]
    [InlineData("Employee", null, "1–5", false, null, null, null)]
    public async Task Role_department_and_years_are_accepted_and_stored_alike_or_refused_on_both(
        string? role, string? department, string? years, bool accepted, string? storedRole, string? storedDepartment, string? storedYears)
    {
        var pageRound = await RoundAsync();
        var apiRound = await RoundAsync();

        var fields = new Dictionary<string, string>();
        if (role is not null)
        {
            fields["Role"] = role;
        }

        if (department is not null)
        {
            fields["Department"] = department;
        }

        if (years is not null)
        {
            fields["YearsEmployed"] = years;
        }

        var page = await app.CreateBrowserClient().PostFormAsync($"/s/{pageRound.Code}", fields);
        var api = await PostAsync(apiRound, role, department, years, new() { [FirstItem] = 4 });

        Assert.Equal(accepted ? HttpStatusCode.Redirect : HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(accepted ? HttpStatusCode.Created : HttpStatusCode.BadRequest, api.StatusCode);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var draft = await db.ResponseDrafts.SingleOrDefaultAsync(d => d.RoundId == pageRound.Id);
        var response = await db.Responses.SingleOrDefaultAsync(r => r.RoundId == apiRound.Id);
        Assert.Equal(accepted, draft is not null);
        Assert.Equal(accepted, response is not null);
        if (accepted)
        {
            Assert.Equal((storedRole, storedDepartment, storedYears), (draft!.Role, draft.Department, draft.YearsEmployed));
            Assert.Equal((storedRole, storedDepartment, storedYears), (response!.Role, response.Department, response.YearsEmployed));
        }
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(5, true)]
    [InlineData(null, true)]
    [InlineData(0, false)]
    [InlineData(6, false)]
    [InlineData(-1, false)]
    public async Task A_point_off_the_scale_is_refused_on_both_and_a_point_on_it_accepted_on_both(int? point, bool accepted)
    {
        var pageRound = await RoundAsync();
        var apiRound = await RoundAsync();
        var client = await StartAsync(pageRound);
        var screen = Teamscan.ItemsOf(Teamscan.Dimensions[0].Id).ToDictionary(i => "a." + i.Id, _ => "4");
        screen["a." + FirstItem] = point?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "dk";
        screen["action"] = "next";

        var page = await client.PostFormAsync($"/s/{pageRound.Code}/1", screen);
        var api = await PostAsync(apiRound, "employee", null, null, new() { [FirstItem] = point });

        Assert.Equal(accepted ? HttpStatusCode.Redirect : HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(accepted ? HttpStatusCode.Created : HttpStatusCode.BadRequest, api.StatusCode);
    }

    public static TheoryData<string, bool, string?> Comments => new()
    {
        { "  Samen klussen.  ", true, "Samen klussen." },
        { new string('a', 4000), true, new string('a', 4000) },
        { "   ", true, null },
        { new string('a', 4001), false, null },
        { "bel\u0007", false, null },
    };

    [Theory]
    [MemberData(nameof(Comments))]
    public async Task A_comment_is_stored_alike_or_refused_on_both(string text, bool accepted, string? stored)
    {
        var pageRound = await RoundAsync();
        var apiRound = await RoundAsync();
        var question = Teamscan.OpenQuestions[0].Id;
        var client = await StartAsync(pageRound);
        var screen = Teamscan.ItemsOf(Teamscan.Dimensions[0].Id).ToDictionary(i => "a." + i.Id, _ => "4");
        screen["action"] = "next";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/s/{pageRound.Code}/1", screen)).StatusCode);

        var final = Teamscan.Dimensions.Count + 1;
        var page = await client.PostFormAsync($"/s/{pageRound.Code}/{final}", new() { ["o." + question] = text, ["action"] = "next" });
        var api = await PostAsync(apiRound, "employee", null, null, new() { [FirstItem] = 4 }, new() { [question] = text });

        Assert.Equal(accepted ? HttpStatusCode.Redirect : HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(accepted ? HttpStatusCode.Created : HttpStatusCode.BadRequest, api.StatusCode);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var comments = await db.Set<Leerrijk.Web.Features.Responses.ResponseComment>()
            .Where(c => c.RoundId == pageRound.Id || c.RoundId == apiRound.Id)
            .ToListAsync();
        Assert.Equal(stored, comments.SingleOrDefault(c => c.RoundId == pageRound.Id)?.Text);
        Assert.Equal(stored, comments.SingleOrDefault(c => c.RoundId == apiRound.Id)?.Text);
        Assert.Equal(accepted, await db.Responses.AnyAsync(r => r.RoundId == pageRound.Id));
    }

    private async Task<HttpClient> StartAsync(Round round)
    {
        var client = app.CreateBrowserClient();
        var started = await client.PostFormAsync($"/s/{round.Code}", new() { ["Role"] = "Employee" });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        return client;
    }

    private Task<HttpResponseMessage> PostAsync(
        Round round, string? role, string? department, string? years, Dictionary<string, int?> answers, Dictionary<string, string>? open = null) =>
        app.CreateClient().PostAsJsonAsync($"/api/v1/s/{round.Code}/responses", new
        {
            id = Guid.NewGuid(),
            language = "nl",
            role,
            department,
            yearsEmployed = years,
            answers,
            open,
        });
}
