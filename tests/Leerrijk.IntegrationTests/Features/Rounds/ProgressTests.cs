using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Leerrijk.IntegrationTests.Features.Rounds;

/// <summary>While a round runs, HR sees the total and the rate, and group counts only through the anonymity rule.</summary>
public sealed partial class ProgressTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Fact]
    public async Task Group_counts_below_k_read_fewer_than_k_and_a_sibling_is_hidden_against_subtraction()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var round = await app.CreateRoundAsync(organisation.Id, owner.Id, r =>
        {
            r.Roles = ["Employee", "Manager", "Hr"];
            r.Languages = ["nl"];
            r.ExpectedRespondents = 20;
        });

        var api = app.CreateClient();
        async Task Answer(string role, string department)
        {
            var response = await api.PostAsJsonAsync($"/api/v1/s/{round.Code}/responses", new
            {
                id = Guid.NewGuid(),
                role,
                department,
                answers = new Dictionary<string, int?> { ["fout-melden"] = 4 },
            });
            response.EnsureSuccessStatusCode();
        }

        for (var i = 0; i < 5; i++)
        {
            await Answer("employee", "Werkplaats");
        }

        for (var i = 0; i < 2; i++)
        {
            await Answer("employee", "Kantoor");
        }

        for (var i = 0; i < 5; i++)
        {
            await Answer("manager", "Kantoor");
        }

        await Answer("hr", "Kantoor");

        var client = await app.LoggedInClientAsync(owner.Email!);
        var html = await client.GetHtmlAsync($"/o/{organisation.Id}/rounds/{round.Id}");

        Assert.Contains("13 mensen hebben de scan ingestuurd.", html, StringComparison.Ordinal);
        Assert.Contains("Dat is 65% van de 20 mensen die u vroeg.", html, StringComparison.Ordinal);
        var roles = Rows(html, "Per rol");
        // HR (1) is hidden, and so is the smallest shown role (Manager, 5), so HR cannot be worked out as 13 − 7 − 5.
        Assert.Equal(["medewerker: 7", "leidinggevende: niet getoond", "HR: niet getoond"], roles);
        var departments = Rows(html, "Per afdeling");
        Assert.Equal(["Werkplaats: 5", "Kantoor: 8", "Afdeling niet genoemd: 0"], departments);
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
