using System.Data.Common;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Responses;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Leerrijk.IntegrationTests.Features.Responses;

/// <summary>
/// Group commit (ADR 0026): submissions that arrive together are written in one transaction. Whatever the
/// interleaving of new submissions, replays and conflicting replays, exactly the acknowledged set is stored, once.
/// </summary>
public sealed class GroupCommitTests(LoggedAppFactory app) : IClassFixture<LoggedAppFactory>
{
    private static DateOnly Today => LocalizationSetup.Today(TimeProvider.System);

    private Task<Round> RoundAsync() => app.CreateRoundAsync(r =>
    {
        r.OpensOn = Today;
        r.ClosesOn = Today.AddDays(14);
        r.Roles = ["Employee", "Manager"];
    });

    /// <summary>One of three contents per id: the variant decides the first answer, so a different variant is a conflict.</summary>
    private static object Body(Guid id, int variant) => new
    {
        id,
        language = "nl",
        role = "employee",
        answers = new Dictionary<string, int?> { ["fout-melden"] = variant + 1, ["feedback"] = 5, ["fout-leren"] = null },
        open = new Dictionary<string, string> { ["wat-helpt"] = "Samen kijken naar wat misging." },
    };

    [Fact]
    public async Task Any_interleaving_of_submissions_replays_and_conflicts_stores_exactly_the_acknowledged_set_once()
    {
        var round = await RoundAsync();
        var largestBatch = 0;
        using var listener = BatchSizes(size => Interlocked.Exchange(ref largestBatch, Math.Max(Volatile.Read(ref largestBatch), size)));
        var client = app.CreateClient();
        var stored = new Dictionary<Guid, int>(); // id -> variant acknowledged with 201

        for (var scenario = 0; scenario < 25; scenario++)
        {
            // A seeded scenario: a few ids, many sends, most ids sent more than once, some with other content.
            var seed = 20261204 + scenario;
            var random = new Random(seed);
            var ids = Enumerable.Range(0, random.Next(2, 8)).Select(_ => Guid.NewGuid()).ToArray();
            var sends = Enumerable.Range(0, random.Next(10, 40))
                .Select(_ => (Id: ids[random.Next(ids.Length)], Variant: random.Next(10) < 7 ? 0 : random.Next(3)))
                .ToArray();

            var answers = await Task.WhenAll(sends.Select(async send =>
                (send.Id, send.Variant, (await client.PostAsJsonAsync($"/api/v1/s/{round.Code}/responses", Body(send.Id, send.Variant))).StatusCode)));

            foreach (var group in answers.GroupBy(a => a.Id))
            {
                var created = group.Where(a => a.StatusCode == HttpStatusCode.Created).ToList();
                Assert.True(created.Count == 1, $"seed {seed}: id sent {group.Count()} times got {created.Count} × 201");
                var variant = created[0].Variant;
                stored[group.Key] = variant;
                foreach (var (_, sentVariant, status) in group.Where(a => a.StatusCode != HttpStatusCode.Created))
                {
                    var expected = sentVariant == variant ? HttpStatusCode.OK : HttpStatusCode.Conflict;
                    Assert.True(status == expected, $"seed {seed}: variant {sentVariant} after {variant} got {(int)status}, not {(int)expected}");
                }
            }
        }

        // The database holds each acknowledged id once, with the content of its 201, whole, and nothing else.
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var rows = await db.Responses.IgnoreQueryFilters().Include(r => r.Answers).Include(r => r.Comments).Where(r => r.RoundId == round.Id).ToListAsync();
        Assert.Equal(stored.Keys.Order(), rows.Select(r => r.Id).Order());
        Assert.All(rows, r =>
        {
            Assert.Equal(3, r.Answers.Count);
            Assert.Single(r.Comments);
            Assert.Equal(stored[r.Id] + 1, r.Answers.Single(a => a.ItemId == "fout-melden").Value);
        });

        // The property is only about group commit if responses were in fact written together.
        Assert.True(largestBatch > 1, $"every batch held one response (largest {largestBatch}); the interleavings did not exercise group commit");
    }

    [Fact]
    public async Task A_response_the_database_refuses_fails_alone_and_the_others_in_its_batch_are_stored()
    {
        var round = await RoundAsync();
        var batcher = app.Services.GetRequiredService<SubmissionBatcher>();
        var good = Enumerable.Range(0, 20).Select(_ => Response(round, Guid.NewGuid(), twice: false)).ToList();
        var broken = Response(round, Guid.NewGuid(), twice: true);
        app.Logs.Clear();

        // The responses table is locked while they are queued, so they are written together once it is free. Each
        // writer loop (four on PostgreSQL) takes what is queued when it wakes and then waits for the lock; so the first
        // responses may go in batches of their own, but everything queued behind them, the broken one in the middle
        // of it, forms the next batch.
        const int brokenAt = 5;
        Task<bool>[] writes;
        await using (await LockResponsesAsync())
        {
            writes = [.. good.Take(brokenAt).Select(batcher.WriteAsync), batcher.WriteAsync(broken), .. good.Skip(brokenAt).Select(batcher.WriteAsync)];
        }

        await Assert.ThrowsAnyAsync<Exception>(() => writes[brokenAt]);
        Assert.All(await Task.WhenAll(writes.Where((_, i) => i != brokenAt)), Assert.True);
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("writing each on its own", StringComparison.Ordinal));
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        Assert.Equal(good.Count, await db.Responses.IgnoreQueryFilters().CountAsync(r => r.RoundId == round.Id));
        Assert.False(await db.Set<ResponseAnswer>().IgnoreQueryFilters().AnyAsync(a => a.ResponseId == broken.Id));
    }

    [Fact]
    public async Task Two_copies_of_one_id_queued_together_are_stored_once_and_the_second_is_reported_as_stored_before()
    {
        var round = await RoundAsync();
        var batcher = app.Services.GetRequiredService<SubmissionBatcher>();
        var id = Guid.NewGuid();

        Task<bool>[] writes;
        await using (await LockResponsesAsync())
        {
            writes = [.. Enumerable.Range(0, 4).Select(_ => batcher.WriteAsync(Response(round, id, twice: false)))];
        }

        var outcomes = await Task.WhenAll(writes);
        Assert.Single(outcomes, written => written);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        Assert.Equal(1, await db.Responses.IgnoreQueryFilters().CountAsync(r => r.Id == id));
    }

    private static SurveyResponse Response(Round round, Guid id, bool twice)
    {
        ResponseAnswer Answer(string item) => new() { ResponseId = id, OrganisationId = round.OrganisationId, InstrumentId = round.InstrumentId, ItemId = item, Value = 4 };
        return new SurveyResponse
        {
            Id = id,
            OrganisationId = round.OrganisationId,
            RoundId = round.Id,
            SubmittedOn = Today,
            Role = "Employee",
            ContentHash = id.ToString("N", CultureInfo.InvariantCulture),
            // The same item twice breaks the answers' primary key after the response row itself was written.
            Answers = twice ? [Answer("fout-melden"), Answer("fout-melden")] : [Answer("fout-melden"), Answer("feedback")],
        };
    }

    /// <summary>Holds a write lock on the responses table until disposed, on either database.</summary>
    private async Task<IAsyncDisposable> LockResponsesAsync()
    {
        DbConnection connection = app.Database.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(app.Database.ConnectionString)
            : new SqliteConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = app.Database.Provider == DatabaseProvider.Postgres
                ? "LOCK TABLE \"Responses\" IN EXCLUSIVE MODE"
                : "UPDATE \"Responses\" SET \"Folded\" = \"Folded\" WHERE 0"; // takes SQLite's write lock
            await command.ExecuteNonQueryAsync();
        }

        return new Lock(connection, transaction);
    }

    private sealed class Lock(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
        }
    }

    /// <summary>Listens to this app's batch sizes only; other apps in the test process have their own meters.</summary>
    private MeterListener BatchSizes(Action<int> record)
    {
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "leerrijk.submissions.batch_size" && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => record(value));
        listener.Start();
        return listener;
    }
}
