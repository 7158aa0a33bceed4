using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Leerrijk.Web.Data;

/// <summary>
/// The one rule for "the database is briefly away" (restarting, unreachable, busy): such a request gets 503 with
/// Retry-After and a plain "try again" message instead of a 500, because nothing is wrong with what the person
/// sent and trying again shortly will work. Everything else stays a 500.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>How long people and devices are asked to wait: about what a PostgreSQL restart takes.</summary>
    public const int RetryAfterSeconds = 10;

    /// <summary>
    /// SQL states that mean "not now" rather than "wrong" (a full disk, 53100, is already transient to Npgsql): the server is shutting down (57P01, 57P02) or not yet
    /// accepting connections (57P03), or a write reached a read-only server in a failover (25006: the promoted standby
    /// before it is opened for writes, or a demoted primary), which will take writes, or be left, in a moment. Npgsql
    /// does not count these as transient itself.
    /// </summary>
    public static readonly string[] PostgresRetryCodes =
        [PostgresErrorCodes.AdminShutdown, PostgresErrorCodes.CrashShutdown, PostgresErrorCodes.CannotConnectNow, PostgresErrorCodes.ReadOnlySqlTransaction];

    public static int StatusCodeFor(Exception exception) =>
        IsOutage(exception) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;

    public static bool IsOutage(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RetryLimitExceededException:
                case PostgresException pg when pg.IsTransient || PostgresRetryCodes.Contains(pg.SqlState) || FullAtConnect(pg):
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                case TimeoutException:
                // SQLITE_BUSY and SQLITE_LOCKED: another writer held the file longer than busy_timeout.
                // SQLITE_FULL: the disk is full; the write was rolled back whole and works once space is freed.
                case SqliteException { SqliteErrorCode: 5 or 6 or 13 }:
                case NpgsqlException npgsql when NoPrimary(npgsql):
                    return true;
                // Npgsql's multi-host "unable to connect to a suitable host" holds one failure per host.
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsOutage):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A new connection to a database whose disk is full fails while PostgreSQL writes its relation cache file, as an
    /// internal error (XX000) rather than 53100; the disk is the cause, so it is "try again" like any full disk. The
    /// server's own English text is the only way to tell it from a real internal error.
    /// </summary>
    private static bool FullAtConnect(PostgresException exception) =>
        exception.SqlState == PostgresErrorCodes.InternalError && exception.MessageText.StartsWith("could not write init file", StringComparison.Ordinal);

    /// <summary>
    /// With several hosts in the connection string and every one of them known to be down or a standby (during a
    /// failover, between the old primary going away and the standby's promotion), Npgsql skips them all and throws a
    /// plain NpgsqlException: not transient and without an inner exception, so only its fixed text tells it apart
    /// (Npgsql's messages are not translated). When it did try hosts it throws "Unable to connect to a suitable host"
    /// with their failures inside, which the AggregateException case judges one by one.
    /// </summary>
    private static bool NoPrimary(NpgsqlException exception) =>
        exception is not PostgresException && exception.Message.StartsWith("No suitable host was found", StringComparison.Ordinal);
}
