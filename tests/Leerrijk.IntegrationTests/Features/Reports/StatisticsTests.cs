using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Scoring.Statistics;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Reports;

/// <summary>
/// Reports read folded statistics plus the unfolded tail; whatever the folder has done, the figures must equal
/// the statistics of all responses computed from scratch, each response counted once.
/// </summary>
public sealed class StatisticsTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Fact]
    public async Task Folded_unfolded_and_half_folded_rounds_give_the_same_statistics_as_counting_from_scratch()
    {
        var round = await app.CreateRoundAsync();
        var random = new Random(7);
        var instrument = app.Services.GetRequiredService<InstrumentCatalog>().Find(round.InstrumentId)!;
        var sent = new List<(string Role, string? Department, Dictionary<string, int?> Answers)>();
        async Task SendAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var answers = instrument.Items.Where(_ => random.Next(10) > 0)
                    .ToDictionary(item => item.Id, _ => random.Next(8) == 0 ? (int?)null : random.Next(1, 6));
                var role = random.Next(3) == 0 ? "Manager" : "Employee";
                var department = random.Next(4) switch { 0 => null, 1 => "Kantoor", _ => "Werkplaats" };
                var response = await app.CreateClient().PostAsJsonAsync($"/api/v1/s/{round.Code}/responses", new { id = Guid.NewGuid(), role, department, answers });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                sent.Add((role, department, answers));
            }
        }

        var folder = app.Services.GetRequiredService<StatisticsFolder>();
        await SendAsync(15);
        await AssertMatchesAsync(round, instrument, sent);
        await folder.FoldAllAsync();
        await SendAsync(12);
        await AssertMatchesAsync(round, instrument, sent);
        await folder.FoldAllAsync();
        await AssertMatchesAsync(round, instrument, sent);
        Assert.Equal(0, await folder.FoldAllAsync());
    }

    [Fact]
    public async Task Folding_while_responses_arrive_counts_each_response_once()
    {
        var round = await app.CreateRoundAsync();
        var folder = app.Services.GetRequiredService<StatisticsFolder>();
        using var stop = new CancellationTokenSource();
        var folding = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await folder.FoldAllAsync();
            }
        });

        await Parallel.ForEachAsync(Enumerable.Range(0, 60), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (i, ct) =>
        {
            var response = await app.CreateClient().PostAsJsonAsync(
                $"/api/v1/s/{round.Code}/responses", new { id = Guid.NewGuid(), role = "employee", answers = new Dictionary<string, int?> { ["fout-melden"] = 1 + (i % 5) } }, ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        });
        await stop.CancelAsync();
        await folding;

        var data = await LoadAsync(round);
        Assert.Equal(60, data.Whole(round.InstrumentId).Respondents);
        await folder.FoldAllAsync();
        var folded = await LoadAsync(round);
        Assert.Equal(60, folded.Whole(round.InstrumentId).Respondents);
        Assert.Equal([12L, 12, 12, 12, 12], folded.Whole(round.InstrumentId).SummarizeItem("fout-melden").Distribution.Counts);
    }

    [Fact]
    public async Task A_report_reads_its_snapshot_while_another_connection_is_in_the_middle_of_a_write()
    {
        var round = await app.CreateRoundAsync();
        await app.SeedResponsesAsync(round, 12, seed: 3);

        // As the submission batcher is under load. On SQLite this holds the database's one write lock, which a report
        // read begun IMMEDIATE waited for until busy_timeout (5 s) and then failed with "database is locked".
        await using (await HoldAWriteAsync(round))
        {
            var data = await LoadAsync(round);

            Assert.Equal(12, data.Whole(round.InstrumentId).Respondents);
        }
    }

    private async Task<IAsyncDisposable> HoldAWriteAsync(Round round)
    {
        DbConnection connection = app.Database.Provider == DatabaseProvider.Postgres
            ? new Npgsql.NpgsqlConnection(app.Database.ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = app.Database.Provider == DatabaseProvider.Postgres
            ? $"BEGIN; UPDATE \"Rounds\" SET \"Title\" = \"Title\" WHERE \"Id\" = '{round.Id}';"
            : "BEGIN IMMEDIATE;";
        await command.ExecuteNonQueryAsync();
        return connection; // closing it rolls the write back
    }

    private async Task AssertMatchesAsync(Round round, Instrument instrument, List<(string Role, string? Department, Dictionary<string, int?> Answers)> sent)
    {
        var model = InstrumentScoring.ModelOf(instrument);
        Response Scoring(Dictionary<string, int?> answers) =>
            new(answers.Select(a => new ItemAnswer(a.Key, a.Value is { } p ? Answer.Of(p) : Answer.DontKnow)));
        var data = await LoadAsync(round);

        Assert.Equal(Json(Aggregate.Of(model, sent.Select(s => Scoring(s.Answers)))), Json(data.Whole(instrument.Id)));
        var roles = data.Groups(instrument.Id, GroupAttribute.Role);
        foreach (var role in new[] { "Employee", "Manager" })
        {
            Assert.Equal(Json(Aggregate.Of(model, sent.Where(s => s.Role == role).Select(s => Scoring(s.Answers)))), Json(roles[role]));
        }

        var departments = data.Groups(instrument.Id, GroupAttribute.Department);
        Assert.Equal(sent.Count(s => s.Department is null), departments[""].Respondents);
        Assert.Equal(Json(Aggregate.Of(model, sent.Where(s => s.Department == "Kantoor").Select(s => Scoring(s.Answers)))), Json(departments["Kantoor"]));
    }

    private async Task<RoundData> LoadAsync(Round round)
    {
        using var scope = app.Services.CreateScope();
        return await RoundData.LoadAsync(
            scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>(), scope.ServiceProvider.GetRequiredService<InstrumentCatalog>(), round, default);
    }

    private static string Json(Aggregate aggregate) => JsonSerializer.Serialize(aggregate.ToData());
}
