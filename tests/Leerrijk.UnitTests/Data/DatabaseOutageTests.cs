using Leerrijk.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Leerrijk.UnitTests.Data;

/// <summary>Which failures are "the database is away for a moment" (503, try again) and which stay a 500.</summary>
public sealed class DatabaseOutageTests
{
    public static TheoryData<Exception> Outages => new()
    {
        new RetryLimitExceededException("retries used up", new NpgsqlException("connection refused")),
        new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"),
        new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03"),
        new PostgresException("could not write init file", "FATAL", "FATAL", "XX000"), // a full disk met at connect
        new InvalidOperationException("wrapped", new System.Net.Sockets.SocketException(111)),
        new SqliteException("database is locked", 5),
        new SqliteException("database or disk is full", 13),
        new TimeoutException("no answer in time"),
        // A failover cluster without a primary for a moment: every host known to be down or a standby, ...
        new NpgsqlException("No suitable host was found."),
        // ... or the hosts tried and the old primary refusing connections, ...
        new NpgsqlException("Unable to connect to a suitable host. Check inner exception for more details.", new AggregateException(
            new NpgsqlException("Failed to connect to 127.0.0.1:5501", new System.Net.Sockets.SocketException(111)))),
        // ... or a write reaching the promoted standby before pg_auto_failover opens it for writes (or a demoted primary).
        new PostgresException("cannot execute INSERT in a read-only transaction", "ERROR", "ERROR", "25006"),
    };

    public static TheoryData<Exception> Faults => new()
    {
        new InvalidOperationException("a bug"),
        new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505"),
        new PostgresException("syntax error", "ERROR", "ERROR", "42601"),
        new PostgresException("unexpected chunk number", "ERROR", "ERROR", "XX000"), // a real internal error
        new SqliteException("constraint failed", 19),
        new NullReferenceException(),
        // Every host reached and refusing the password is a configuration error, not a failover.
        new NpgsqlException("Unable to connect to a suitable host. Check inner exception for more details.", new AggregateException(
            new PostgresException("password authentication failed", "FATAL", "FATAL", "28P01"),
            new PostgresException("database \"leerrijk\" does not exist", "FATAL", "FATAL", "3D000"))),
        new NpgsqlException("some other driver failure"),
    };

    [Theory]
    [MemberData(nameof(Outages))]
    public void A_database_that_is_briefly_away_is_503(Exception exception) =>
        Assert.Equal(503, DatabaseOutage.StatusCodeFor(exception));

    [Theory]
    [MemberData(nameof(Faults))]
    public void Anything_else_stays_500(Exception exception) =>
        Assert.Equal(500, DatabaseOutage.StatusCodeFor(exception));
}
