using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Data;

/// <summary>
/// A transaction that reads one consistent snapshot and writes nothing. On PostgreSQL that is REPEATABLE READ. On SQLite
/// it is a deferred transaction, which in WAL mode reads one snapshot and takes no lock a writer waits for: every other
/// transaction Microsoft.Data.Sqlite begins is IMMEDIATE and takes the database's one write lock, so a report read
/// that way held up submissions, and sat in SQLite's busy handler behind them (ADR 0027).
/// </summary>
public static class ReadSnapshot
{
    /// <summary>Begins the snapshot on <paramref name="db"/>; disposing the result ends it without writing anything.</summary>
    public static async Task<IAsyncDisposable> BeginAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            return await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        // Only the synchronous call takes "deferred"; a deferred BEGIN touches no file (SQLite locks at the first read).
#pragma warning disable CA1849
        var transaction = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
#pragma warning restore CA1849
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        return new SqliteSnapshot(db, transaction);
    }

    private sealed class SqliteSnapshot(DbContext db, SqliteTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.UseTransactionAsync(null);
            await transaction.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }
}
