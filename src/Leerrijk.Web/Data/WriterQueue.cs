namespace Leerrijk.Web.Data;

/// <summary>
/// SQLite lets one connection write at a time, and a writer that finds the lock taken waits in SQLite's busy handler:
/// it sleeps in growing steps of up to 100 ms and then looks again. A writer that commits and at once begins again
/// (the statistics folder working through a backlog, batch after batch) takes the lock back before a sleeping one
/// wakes, so a batch of waiting submissions could sit out a whole fold run. The app's steady writers, the submission
/// batcher and the statistics folder, therefore queue here first, in arrival order, and each is woken the moment the
/// one before it is done; SQLite's busy handler stays for every other writer. On PostgreSQL, which locks rows and
/// not the database, everyone goes straight through.
/// </summary>
public sealed class WriterQueue(bool oneWriterAtATime)
{
    // SemaphoreSlim wakes its asynchronous waiters first in, first out.
    private readonly SemaphoreSlim? _turn = oneWriterAtATime ? new SemaphoreSlim(1, 1) : null;

    /// <summary>Waits for this writer's turn; disposing the result ends it.</summary>
    public async ValueTask<Turn> WaitAsync(CancellationToken cancellationToken = default)
    {
        if (_turn is null)
        {
            return default;
        }

        await _turn.WaitAsync(cancellationToken);
        return new Turn(_turn);
    }

    public readonly struct Turn(SemaphoreSlim? turn) : IDisposable
    {
        public void Dispose() => turn?.Release();
    }
}
