using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Leerrijk.Web.Features.Instruments;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Instruments;

/// <summary>
/// A round keeps the instrument version it started on. Here the teamscan file moved to version 2 (an item renamed
/// and reworded) while a version-1 round is open: that round is answered, submitted to and reported on version 1,
/// and a new round gets version 2.
/// </summary>
public sealed class InstrumentVersionTests(InstrumentVersionTests.Version2App app) : IClassFixture<InstrumentVersionTests.Version2App>
{
    private const string OldText = "Als ik een fout maak, kan ik dat gewoon zeggen.";
    private const string NewText = "Als ik een fout maak, durf ik dat te melden.";

    /// <summary>The app with content/instruments as it would be after the teamscan moved to version 2.</summary>
    public sealed class Version2App : LeerrijkAppFactory
    {
        private readonly string _folder = MakeFolder();

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Instruments:Folder"] = _folder };

        private static string MakeFolder()
        {
            var source = Path.Combine(AppContext.BaseDirectory, "content", "instruments");
            var folder = Directory.CreateTempSubdirectory("leerrijk-v2-").FullName;
            foreach (var file in Directory.GetFiles(source, "*.yaml"))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }

            var teamscan = File.ReadAllText(Path.Combine(source, "leerrijk-teamscan.yaml"));
            Directory.CreateDirectory(Path.Combine(folder, "archive"));
            File.WriteAllText(Path.Combine(folder, "archive", "leerrijk-teamscan.v1.yaml"), teamscan);
            File.WriteAllText(Path.Combine(folder, "leerrijk-teamscan.yaml"), teamscan
                .Replace("version: 1", "version: 2", StringComparison.Ordinal)
                .Replace("- id: fout-melden", "- id: fout-durven-melden", StringComparison.Ordinal)
                .Replace(OldText, NewText, StringComparison.Ordinal));
            return folder;
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing && Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_version_1_round_is_answered_in_version_1_words_while_a_new_round_gets_version_2()
    {
        var old = await app.CreateRoundAsync(r => r.InstrumentVersion = 1);
        var current = await app.CreateRoundAsync(r => r.InstrumentVersion = 2);

        Assert.Contains(OldText, await FirstScreenAsync(old.Code), StringComparison.Ordinal);
        Assert.Contains(NewText, await FirstScreenAsync(current.Code), StringComparison.Ordinal);
        Assert.Equal(2, app.Services.GetRequiredService<InstrumentCatalog>().Find("leerrijk-teamscan")!.Version);
    }

    [Fact]
    public async Task The_api_takes_version_1_item_ids_for_a_version_1_round_and_refuses_them_for_a_version_2_round()
    {
        var old = await app.CreateRoundAsync(r => r.InstrumentVersion = 1);
        var current = await app.CreateRoundAsync(r => r.InstrumentVersion = 2);

        var toOld = await app.CreateClient().PostAsJsonAsync($"/api/v1/s/{old.Code}/responses", Body("fout-melden"));
        var toCurrent = await app.CreateClient().PostAsJsonAsync($"/api/v1/s/{current.Code}/responses", Body("fout-melden"));

        Assert.Equal(HttpStatusCode.Created, toOld.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, toCurrent.StatusCode);
    }

    [Fact]
    public async Task The_report_of_a_version_1_round_scores_and_words_it_on_version_1()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var round = await app.CreateRoundAsync(organisation.Id, owner.Id, r => r.InstrumentVersion = 1);
        var responses = await app.SeedResponsesAsync(round, 24, seed: 7);
        var client = await app.LoggedInClientAsync(owner.Email!);

        var report = await client.GetFromJsonAsync<JsonElement>($"/api/v1/rounds/{round.Id}/report");

        var item = report.GetProperty("dimensions").EnumerateArray()
            .SelectMany(d => d.GetProperty("items").EnumerateArray())
            .Single(i => i.GetProperty("id").GetString() == "fout-melden");
        Assert.Equal(OldText, item.GetProperty("text").GetString());
        Assert.Equal(
            responses.Count(r => r.Answers.Single(a => a.ItemId == "fout-melden").Value is not null),
            item.GetProperty("n").GetInt32());
    }

    private async Task<string> FirstScreenAsync(string code)
    {
        var client = app.CreateBrowserClient();
        await client.PostFormAsync($"/s/{code}", new() { ["Role"] = "Employee", ["Department"] = "Werkplaats" });
        return await client.GetHtmlAsync($"/s/{code}/1");
    }

    private static object Body(string itemId) => new
    {
        id = Guid.NewGuid(),
        language = "nl",
        role = "employee",
        department = "werkplaats",
        answers = new Dictionary<string, int?> { [itemId] = 4, ["fout-leren"] = 3, ["feedback"] = 5 },
    };
}
