using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Leerrijk.Web.Data;

/// <summary>
/// Makes every SQLite connection durable: an acknowledged write must survive a power loss, which in WAL mode
/// needs <c>synchronous=FULL</c> (NORMAL may roll back the last commits). It is a per-connection setting,
/// so it is set each time a pooled connection opens.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
