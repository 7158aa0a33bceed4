using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace Leerrijk.Web.Features.Responses;

/// <summary>
/// Writes one validated response with its answers and comments, atomically. On PostgreSQL that is one round trip of
/// three prepared statements (the answers as arrays through <c>unnest</c>), because a campaign link can bring a
/// thousand submissions a second and change tracking 26 entities cost more CPU than the database's own work
/// (bench/README.md). SQLite, one writer at a time on one machine, keeps EF Core's ordinary path.
/// </summary>
public static class ResponseWriter
{
    /// <summary>Inserts the response; a repeated id fails with <see cref="DbUpdateException"/> on both databases.</summary>
    public static async Task InsertAsync(LeerrijkDbContext db, SurveyResponse response, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            // A replay is normal traffic (a device resending what was not acknowledged), and a key violation through
            // SaveChanges is logged by EF Core as two errors with stack traces. SQLite is one writer on one machine, so
            // looking first costs an in-process key lookup; two copies arriving at once still meet the key.
            if (await db.Responses.IgnoreQueryFilters().AnyAsync(r => r.Id == response.Id, cancellationToken))
            {
                throw new DbUpdateException("A response with this id exists.");
            }

            db.Responses.Add(response);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var sql = PostgresSql.For(db.Model);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            // A batch runs as one implicit transaction in PostgreSQL (one Sync): all three statements or none.
            await using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(Command(
                sql.Response,
                response.Id, response.OrganisationId, response.RoundId, response.SubmittedOn, response.Language, response.Role,
                (object?)response.Department ?? DBNull.Value, (object?)response.YearsEmployed ?? DBNull.Value, response.ContentHash, response.Folded));
            batch.BatchCommands.Add(Command(
                sql.Answers,
                response.Id, response.OrganisationId,
                response.Answers.Select(a => a.InstrumentId).ToArray(),
                response.Answers.Select(a => a.ItemId).ToArray(),
                response.Answers.Select(a => a.Value).ToArray()));
            if (response.Comments.Count > 0)
            {
                batch.BatchCommands.Add(Command(
                    sql.Comments,
                    response.Id, response.OrganisationId, response.RoundId,
                    response.Comments.Select(c => c.QuestionId).ToArray(),
                    response.Comments.Select(c => c.Text).ToArray()));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new DbUpdateException("A response with this id exists.", ex);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value switch
            {
                int?[] ints => new NpgsqlParameter { Value = ints, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
                string[] texts => new NpgsqlParameter { Value = texts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                _ => new NpgsqlParameter { Value = value },
            });
        }

        return command;
    }

    /// <summary>The statements, with table and column names read from the EF Core model so a rename cannot drift.</summary>
    private sealed record PostgresSql(string Response, string Answers, string Comments)
    {
        private static PostgresSql? _cached;

        public static PostgresSql For(IModel model) => _cached ??= Build(model);

        private static PostgresSql Build(IModel model)
        {
            static (string Table, Func<string, string> Column) Names(IModel model, Type type)
            {
                var entity = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
                var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
                return (
                    Quote(entity.GetTableName()!),
                    property => Quote(entity.FindProperty(property)!.GetColumnName(table)!));
            }

            var (responses, r) = Names(model, typeof(SurveyResponse));
            var (answers, a) = Names(model, typeof(ResponseAnswer));
            var (comments, c) = Names(model, typeof(ResponseComment));
            return new PostgresSql(
                $"INSERT INTO {responses} ({r("Id")}, {r("OrganisationId")}, {r("RoundId")}, {r("SubmittedOn")}, {r("Language")}, {r("Role")}, {r("Department")}, {r("YearsEmployed")}, {r("ContentHash")}, {r("Folded")}) " +
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                $"INSERT INTO {answers} ({a("ResponseId")}, {a("OrganisationId")}, {a("InstrumentId")}, {a("ItemId")}, {a("Value")}) " +
                "SELECT $1, $2, i, t, v FROM unnest($3::text[], $4::text[], $5::integer[]) AS x(i, t, v)",
                $"INSERT INTO {comments} ({c("ResponseId")}, {c("OrganisationId")}, {c("RoundId")}, {c("QuestionId")}, {c("Text")}) " +
                "SELECT $1, $2, $3, q, t FROM unnest($4::text[], $5::text[]) AS x(q, t)");
        }

        private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
