using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Responses;
using Leerrijk.Web.Features.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Reports;

/// <summary>
/// The folder takes the answers of responses this instance has just stored from memory instead of reading them back.
/// That shortcut must give exactly the statistics reading back gives, and must not keep anonymous answers around.
/// </summary>
public sealed class FoldingFromMemoryTests(NoBackgroundFoldingApp app) : IClassFixture<NoBackgroundFoldingApp>
{
    [Fact]
    public async Task Answers_folded_from_memory_give_the_same_statistics_rows_as_answers_read_back()
    {
        var inMemory = await app.CreateRoundAsync();
        var readBack = await app.CreateRoundAsync();
        var instrument = app.Services.GetRequiredService<InstrumentCatalog>().Find(inMemory.InstrumentId)!;
        var random = new Random(5);
        var bodies = Enumerable.Range(0, 14).Select(i => new
        {
            role = i % 3 == 0 ? "manager" : "employee",
            department = (i % 4) switch { 0 => null, 1 => "Kantoor", _ => "Werkplaats" },
            answers = instrument.Items.Where(_ => random.Next(10) > 0)
                .ToDictionary(item => item.Id, _ => random.Next(8) == 0 ? (int?)null : random.Next(1, 6)),
        }).ToList();
        var folder = app.Services.GetRequiredService<StatisticsFolder>();
        var recent = app.Services.GetRequiredService<RecentAnswers>();
        using var found = new AnswersFound(app.Services);

        await SendAsync(inMemory, bodies);
        Assert.Equal(14, await folder.FoldAllAsync());
        Assert.Equal((14, 0), found.TakeCounts());

        // The same answers to a second round, but as after a restart: nothing held, so the folder reads them back.
        await SendAsync(readBack, bodies);
        recent.Forget();
        Assert.Equal(14, await folder.FoldAllAsync());
        Assert.Equal((0, 14), found.TakeCounts());

        var rows = await StatisticsAsync(inMemory.Id);
        Assert.NotEmpty(rows);
        Assert.Equal(rows, await StatisticsAsync(readBack.Id));
    }

    [Fact]
    public async Task Answers_of_responses_erased_before_they_were_folded_are_not_kept_after_the_next_run()
    {
        var round = await app.CreateRoundAsync();
        var instrument = app.Services.GetRequiredService<InstrumentCatalog>().Find(round.InstrumentId)!;
        var recent = app.Services.GetRequiredService<RecentAnswers>();
        await SendAsync(round, [new { role = "employee", department = (string?)null, answers = instrument.Items.ToDictionary(i => i.Id, _ => (int?)3) }]);
        Assert.Equal(1, recent.Count);

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            Assert.Equal(1, await db.Responses.IgnoreQueryFilters().Where(r => r.RoundId == round.Id).ExecuteDeleteAsync());
        }

        Assert.Equal(0, await app.Services.GetRequiredService<StatisticsFolder>().FoldAllAsync());
        Assert.Equal(0, recent.Count);
    }

    private async Task SendAsync<T>(Round round, IEnumerable<T> bodies)
    {
        using var client = app.CreateClient();
        foreach (var body in bodies)
        {
            var json = System.Text.Json.JsonSerializer.SerializeToNode(body)!.AsObject();
            json["id"] = Guid.NewGuid();
            var response = await client.PostAsJsonAsync($"/api/v1/s/{round.Code}/responses", json);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    private async Task<Dictionary<string, string>> StatisticsAsync(Guid roundId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var rows = await db.RoundStatistics.IgnoreQueryFilters().AsNoTracking().Where(s => s.RoundId == roundId).ToListAsync();
        return rows.ToDictionary(r => $"{r.InstrumentId}/{r.Attribute}/{r.Value}", r => r.DataJson);
    }

    /// <summary>Counts the folder's leerrijk.statistics.answers_found of this app only (meters are per app instance).</summary>
    private sealed class AnswersFound : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _counts = new();

        public AnswersFound(IServiceProvider services)
        {
            var meters = services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == "leerrijk.statistics.answers_found")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "source")
                    {
                        _counts.AddOrUpdate((string)tag.Value!, value, (_, sum) => sum + value);
                    }
                }
            });
            _listener.Start();
        }

        /// <summary>(from memory, read back) since the last call.</summary>
        public (long Memory, long Database) TakeCounts() =>
            (_counts.TryRemove("memory", out var memory) ? memory : 0, _counts.TryRemove("database", out var database) ? database : 0);

        public void Dispose() => _listener.Dispose();
    }
}
