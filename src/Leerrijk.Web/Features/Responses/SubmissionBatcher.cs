using System.Threading.Channels;
using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Responses;

/// <summary>
/// Group commit for submissions (ADR 0026): responses that arrive while a batch is being written wait and go together
/// in the next one, one transaction and one durable commit for all of them. Each is acknowledged only after that
/// commit. There is no timer: under light load a batch is one response and nothing waits; under a campaign's peak
/// the batches grow by themselves, because the commit (an fsync) is the slow part and the queue fills meanwhile.
/// </summary>
public sealed class SubmissionBatcher : IAsyncDisposable, IDisposable
{
    /// <summary>Settings key: the most responses in one transaction; 1 writes every response on its own.</summary>
    public const string MaxBatchKey = "Submissions:MaxBatch";

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly IServiceScopeFactory _scopes;
    private readonly WriterQueue _writerQueue;
    private readonly RecentAnswers _recent;
    private readonly ResponseMetrics _metrics;
    private readonly ILogger<SubmissionBatcher> _logger;
    private readonly int _maxBatch;
    private readonly Task[] _writers;

    public SubmissionBatcher(
        IServiceScopeFactory scopes, IConfiguration configuration, WriterQueue writerQueue, RecentAnswers recent, ResponseMetrics metrics,
        ILogger<SubmissionBatcher> logger)
    {
        _scopes = scopes;
        _writerQueue = writerQueue;
        _recent = recent;
        _metrics = metrics;
        _logger = logger;
        _maxBatch = Math.Max(1, configuration.GetValue(MaxBatchKey, 256));

        // SQLite has one writer at a time, so a second loop would only wait for the lock. On PostgreSQL the others send
        // their batches while one waits for its commit to reach the disk, and each batch is one statement that one
        // backend works through on one core, so several batches keep both cores busy. Four loops kept the machine 88 %
        // busy where two left a fifth of it idle (bench/README.md, "Four writers on PostgreSQL").
        var writers = DatabaseSetup.ProviderFor(configuration) == DatabaseProvider.Sqlite ? 1 : 4;
        _writers = Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    /// <summary>
    /// Writes the response with the next batch. True when it was stored now, false when its id was stored before (the
    /// caller tells a replay from a conflict). Throws what the database threw when it could not be written.
    /// </summary>
    public Task<bool> WriteAsync(SurveyResponse response)
    {
        var pending = new Pending(response, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The app is stopping; the response was not written.");
        }

        return pending.Written.Task;
    }

    private async Task WriteLoopAsync()
    {
        var carried = new List<Pending>();
        while (carried.Count > 0 || await _queue.Reader.WaitToReadAsync())
        {
            // Two copies of one id never share a batch: the second waits for the next, where it meets the first as a
            // stored row and becomes a replay or a conflict like any repeat.
            var batch = new List<Pending>();
            var ids = new HashSet<Guid>();
            var later = new List<Pending>();
            foreach (var pending in carried)
            {
                (ids.Add(pending.Response.Id) ? batch : later).Add(pending);
            }

            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var pending))
            {
                (ids.Add(pending.Response.Id) ? batch : later).Add(pending);
            }

            carried = later;
            if (batch.Count > 0)
            {
                await WriteBatchAsync(batch);
            }
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            var responses = batch.ConvertAll(p => p.Response);
            using var turn = await _writerQueue.WaitAsync();

            // The execution strategy retries the whole batch on a fresh connection after a database restart. That is
            // safe: a retry after a commit whose reply was lost finds every id stored and inserts nothing.
            var inserted = await db.Database.CreateExecutionStrategy().ExecuteAsync(
                responses, (list, ct) => ResponseWriter.InsertAsync(db, list, ct), CancellationToken.None);
            _metrics.RecordBatch(batch.Count);
            _recent.Remember(responses.Where(r => inserted.Contains(r.Id)));
            foreach (var pending in batch)
            {
                pending.Written.TrySetResult(inserted.Contains(pending.Response.Id));
            }
        }
        catch (Exception ex) when (batch.Count > 1 && !DatabaseOutage.IsOutage(ex))
        {
            // One response the database refuses (its round deleted a moment ago, say) must not cost the others their
            // answers: each is written again on its own and gets its own outcome.
            _logger.LogWarning(ex, "A batch of {Count} responses failed; writing each on its own", batch.Count);
            foreach (var pending in batch)
            {
                await WriteBatchAsync([pending]);
            }
        }
        catch (Exception ex)
        {
            // The database is away (or refused this one response): nothing was committed, and every waiting request
            // answers as it would have alone, 503 "try again" for an outage.
            foreach (var pending in batch)
            {
                pending.Written.TrySetException(ex);
            }
        }
    }

    /// <summary>Writes what is still queued, then stops; the host disposes this after the server has finished its requests.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    /// <summary>The same for a host disposed synchronously (the container refuses a singleton that is only async-disposable).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed record Pending(SurveyResponse Response, TaskCompletionSource<bool> Written);
}
