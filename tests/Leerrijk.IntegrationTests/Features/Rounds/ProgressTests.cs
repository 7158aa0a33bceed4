using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Responses;
using Leerrijk.Web.Features.Rounds;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Rounds;

/// <summary>
/// While a round runs, HR sees the live total and the rate, and group counts only from a published snapshot that
/// passes the same rule as the report (per breakdown and across role and department, with k' = k + readers).
/// </summary>
public sealed partial class ProgressTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Fact]
    public async Task Role_and_department_counts_together_do_not_tell_how_many_of_a_role_took_part_in_a_small_department()
    {
        // The example: 5 employees in Werkplaats, 2 in Kantoor, 5 managers and 1 HR in Kantoor. Before,
        // the page showed employees 7 next to Werkplaats 5, so 2 employees in Kantoor. k = 4 with one reader makes
        // k' = 5, so each breakdown on its own would still show those two counts: only the guard across them stops it.
        var (client, organisationId, round) = await RoundAsync(threshold: 4);
        await StoreAsync(round, Yesterday(), [.. Enumerable.Repeat(("Employee", "Werkplaats"), 5), .. Enumerable.Repeat(("Employee", "Kantoor"), 2),
            .. Enumerable.Repeat(("Manager", "Kantoor"), 5), ("Hr", "Kantoor")]);

        var html = await client.GetHtmlAsync($"/o/{organisationId}/rounds/{round.Id}");

        Assert.Contains("13 mensen hebben de scan ingestuurd.", html, StringComparison.Ordinal);
        Assert.Contains("Dat is 65% van de 20 mensen die u vroeg.", html, StringComparison.Ordinal);
        Assert.Contains("De aantallen per groep tellen de antwoorden tot en met", html, StringComparison.Ordinal);
        var roles = Rows(html, "Per rol");
        var departments = Rows(html, "Per afdeling");
        Assert.Equal(["medewerker: 7", "leidinggevende: niet getoond", "HR: niet getoond"], roles);
        Assert.Equal(["Werkplaats: niet getoond", "Kantoor: niet getoond", "Afdeling niet genoemd: niet getoond"], departments);
    }

    [Fact]
    public async Task The_group_counts_do_not_change_when_one_response_arrives_today()
    {
        var (client, organisationId, round) = await RoundAsync();
        await StoreAsync(round, Yesterday(), [.. Enumerable.Repeat(("Employee", "Werkplaats"), 9), .. Enumerable.Repeat(("Manager", "Kantoor"), 8)]);
        var before = await client.GetHtmlAsync($"/o/{organisationId}/rounds/{round.Id}");

        var response = await app.CreateClient().PostAsJsonAsync($"/api/v1/s/{round.Code}/responses", new
        {
            id = Guid.NewGuid(),
            role = "hr",
            department = "Kantoor",
            answers = new Dictionary<string, int?> { ["fout-melden"] = 4 },
        });
        response.EnsureSuccessStatusCode();
        var after = await client.GetHtmlAsync($"/o/{organisationId}/rounds/{round.Id}");

        Assert.Contains("17 mensen hebben de scan ingestuurd.", before, StringComparison.Ordinal);
        Assert.Contains("18 mensen hebben de scan ingestuurd.", after, StringComparison.Ordinal);
        Assert.Equal(["medewerker: 9", "leidinggevende: 8", "HR: 0"], Rows(before, "Per rol"));
        Assert.Equal(Rows(before, "Per rol"), Rows(after, "Per rol"));
        Assert.Equal(Rows(before, "Per afdeling"), Rows(after, "Per afdeling"));
    }

    private async Task<(HttpClient Client, Guid OrganisationId, Round Round)> RoundAsync(int threshold = 5)
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var round = await app.CreateRoundAsync(organisation.Id, owner.Id, r =>
        {
            r.Roles = ["Employee", "Manager", "Hr"];
            r.Languages = ["nl"];
            r.ExpectedRespondents = 20;
            r.OpensOn = r.OpensOn.AddDays(-3);
            r.AnonymityThreshold = threshold;
        });
        return (await app.LoggedInClientAsync(owner.Email!), organisation.Id, round);
    }

    private static DateOnly Yesterday() => Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(TimeProvider.System).AddDays(-1);

    private async Task StoreAsync(Round round, DateOnly day, IReadOnlyList<(string Role, string Department)> people)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        foreach (var (role, department) in people)
        {
            var id = Guid.NewGuid();
            db.Responses.Add(new SurveyResponse
            {
                Id = id,
                OrganisationId = round.OrganisationId,
                RoundId = round.Id,
                SubmittedOn = day,
                Role = role,
                Department = department,
                ContentHash = "test",
                Answers = [new ResponseAnswer { ResponseId = id, OrganisationId = round.OrganisationId, InstrumentId = round.InstrumentId, ItemId = "fout-melden", Value = 4 }],
            });
        }

        await db.SaveChangesAsync();
    }

    private static List<string> Rows(string html, string caption)
    {
        var table = html[html.IndexOf(caption, StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        return Row().Matches(table).Select(m => $"{m.Groups[1].Value.Trim()}: {m.Groups[2].Value.Trim()}").ToList();
    }

    [GeneratedRegex("<th scope=\"row\">([^<]*)</th><td>([^<]*)</td>")]
    private static partial Regex Row();
}
