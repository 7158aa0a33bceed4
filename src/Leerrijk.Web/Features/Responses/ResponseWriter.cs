using System.Data.Common;
using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Leerrijk.Web.Features.Responses;

/// <summary>
/// Writes validated responses with their answers and comments in one transaction and says which were new. A response
/// whose id is already stored is skipped (<c>ON CONFLICT DO NOTHING</c>), not an error, so one replay in a batch does
/// not fail the others and a retry after a commit whose reply was lost stores nothing twice. EF Core's change
/// tracking is bypassed on purpose: at a thousand submissions a second tracking 26 entities each cost more CPU than
/// the database's own work (bench/README.md).
/// </summary>
public static class ResponseWriter
{
    /// <summary>Inserts the responses whose ids are new, all or nothing, and returns those ids.</summary>
    public static Task<HashSet<Guid>> InsertAsync(LeerrijkDbContext db, IReadOnlyList<SurveyResponse> responses, CancellationToken cancellationToken) =>
        db.Database.IsNpgsql() ? InsertPostgresAsync(db, responses, cancellationToken) : InsertSqliteAsync(db, responses, cancellationToken);

    /// <summary>
    /// PostgreSQL: one statement, so one round trip and one commit for the whole batch. The answers and comments join
    /// the responses' <c>RETURNING</c>, so only the new responses get rows; the foreign keys are checked at the end of
    /// the statement, when the responses exist.
    /// </summary>
    private static async Task<HashSet<Guid>> InsertPostgresAsync(LeerrijkDbContext db, IReadOnlyList<SurveyResponse> responses, CancellationToken cancellationToken)
    {
        var sql = Statements.For(db.Model);
        var answers = responses.SelectMany(r => r.Answers).ToList();
        var comments = responses.SelectMany(r => r.Comments).ToList();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var command = new NpgsqlCommand(sql.PostgresBatch, connection);
            Add(command, responses.Select(r => r.Id).ToArray(), NpgsqlDbType.Uuid);
            Add(command, responses.Select(r => r.OrganisationId).ToArray(), NpgsqlDbType.Uuid);
            Add(command, responses.Select(r => r.RoundId).ToArray(), NpgsqlDbType.Uuid);
            Add(command, responses.Select(r => r.SubmittedOn).ToArray(), NpgsqlDbType.Date);
            Add(command, responses.Select(r => r.Language).ToArray(), NpgsqlDbType.Text);
            Add(command, responses.Select(r => r.Role).ToArray(), NpgsqlDbType.Text);
            Add(command, responses.Select(r => r.Department).ToArray(), NpgsqlDbType.Text);
            Add(command, responses.Select(r => r.YearsEmployed).ToArray(), NpgsqlDbType.Text);
            Add(command, responses.Select(r => r.ContentHash).ToArray(), NpgsqlDbType.Text);
            Add(command, responses.Select(r => r.Folded).ToArray(), NpgsqlDbType.Boolean);
            Add(command, answers.Select(a => a.ResponseId).ToArray(), NpgsqlDbType.Uuid);
            Add(command, answers.Select(a => a.InstrumentId).ToArray(), NpgsqlDbType.Text);
            Add(command, answers.Select(a => a.ItemId).ToArray(), NpgsqlDbType.Text);
            Add(command, answers.Select(a => a.Value).ToArray(), NpgsqlDbType.Integer);
            Add(command, comments.Select(c => c.ResponseId).ToArray(), NpgsqlDbType.Uuid);
            Add(command, comments.Select(c => c.QuestionId).ToArray(), NpgsqlDbType.Text);
            Add(command, comments.Select(c => c.Text).ToArray(), NpgsqlDbType.Text);

            var inserted = new HashSet<Guid>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                inserted.Add(reader.GetGuid(0));
            }

            return inserted;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static void Add<T>(NpgsqlCommand command, T[] values, NpgsqlDbType type) =>
        command.Parameters.Add(new NpgsqlParameter { Value = values, NpgsqlDbType = NpgsqlDbType.Array | type });

    /// <summary>
    /// SQLite: one transaction, so one fsync for the whole batch (with <c>synchronous=FULL</c> that fsync is what limits a
    /// single writer). Prepared statements are reused for every row; parameters come from EF Core's own type mappings,
    /// so ids and dates are stored exactly as EF Core stores and reads them.
    /// </summary>
    private static async Task<HashSet<Guid>> InsertSqliteAsync(LeerrijkDbContext db, IReadOnlyList<SurveyResponse> responses, CancellationToken cancellationToken)
    {
        var sql = Statements.For(db.Model);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var dbTransaction = transaction.GetDbTransaction();
            await using var response = Prepare(db, sql.SqliteResponse, dbTransaction);
            await using var answer = Prepare(db, sql.SqliteAnswer, dbTransaction);
            await using var comment = Prepare(db, sql.SqliteComment, dbTransaction);
            var inserted = new HashSet<Guid>();
            foreach (var r in responses)
            {
                Bind(db, response, r, nameof(SurveyResponse.Id), nameof(SurveyResponse.OrganisationId), nameof(SurveyResponse.RoundId), nameof(SurveyResponse.SubmittedOn),
                    nameof(SurveyResponse.Language), nameof(SurveyResponse.Role), nameof(SurveyResponse.Department), nameof(SurveyResponse.YearsEmployed),
                    nameof(SurveyResponse.ContentHash), nameof(SurveyResponse.Folded));
                if (await response.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    continue; // stored before: the caller tells a replay from a conflict
                }

                inserted.Add(r.Id);
                foreach (var a in r.Answers)
                {
                    Bind(db, answer, a, nameof(ResponseAnswer.ResponseId), nameof(ResponseAnswer.OrganisationId), nameof(ResponseAnswer.InstrumentId), nameof(ResponseAnswer.ItemId), nameof(ResponseAnswer.Value));
                    await answer.ExecuteNonQueryAsync(cancellationToken);
                }

                foreach (var c in r.Comments)
                {
                    Bind(db, comment, c, nameof(ResponseComment.ResponseId), nameof(ResponseComment.OrganisationId), nameof(ResponseComment.RoundId), nameof(ResponseComment.QuestionId), nameof(ResponseComment.Text));
                    await comment.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return inserted;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DbCommand Prepare(LeerrijkDbContext db, string sql, DbTransaction transaction)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Replaces the command's parameters with the entity's values, converted by the property's EF Core type mapping.</summary>
    private static void Bind<T>(LeerrijkDbContext db, DbCommand command, T entity, params string[] properties)
    {
        var columns = Columns<T>.For(db.Model, properties);
        command.Parameters.Clear();
        for (var i = 0; i < columns.Length; i++)
        {
            var (property, mapping, name) = columns[i];
            command.Parameters.Add(mapping.CreateParameter(command, name, property.PropertyInfo!.GetValue(entity), property.IsNullable));
        }
    }

    /// <summary>Each bound property's model entry, type mapping and parameter name, looked up once per type (the model does not change).</summary>
    private static class Columns<T>
    {
        private static (IProperty Property, RelationalTypeMapping Mapping, string Name)[]? _cached;

        public static (IProperty Property, RelationalTypeMapping Mapping, string Name)[] For(IModel model, string[] properties) =>
            _cached ??= [.. properties.Select((name, i) =>
            {
                var property = model.FindEntityType(typeof(T))!.FindProperty(name)!;
                return (property, property.GetRelationalTypeMapping(), "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            })];
    }

    /// <summary>The statements, with table and column names read from the EF Core model so a rename cannot drift.</summary>
    private sealed record Statements(string PostgresBatch, string SqliteResponse, string SqliteAnswer, string SqliteComment)
    {
        private static Statements? _cached;

        public static Statements For(IModel model) => _cached ??= Build(model);

        private static Statements Build(IModel model)
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
            var responseColumns = $"{r("Id")}, {r("OrganisationId")}, {r("RoundId")}, {r("SubmittedOn")}, {r("Language")}, {r("Role")}, {r("Department")}, {r("YearsEmployed")}, {r("ContentHash")}, {r("Folded")}";
            var answerColumns = $"{a("ResponseId")}, {a("OrganisationId")}, {a("InstrumentId")}, {a("ItemId")}, {a("Value")}";
            var commentColumns = $"{c("ResponseId")}, {c("OrganisationId")}, {c("RoundId")}, {c("QuestionId")}, {c("Text")}";
            return new Statements(
                $"WITH new AS (INSERT INTO {responses} ({responseColumns}) " +
                "SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::boolean[]) " +
                $"ON CONFLICT ({r("Id")}) DO NOTHING RETURNING {r("Id")} AS id, {r("OrganisationId")} AS organisation, {r("RoundId")} AS round), " +
                $"answers AS (INSERT INTO {answers} ({answerColumns}) " +
                "SELECT new.id, new.organisation, x.i, x.t, x.v FROM unnest($11::uuid[], $12::text[], $13::text[], $14::integer[]) AS x(r, i, t, v) JOIN new ON new.id = x.r), " +
                $"comments AS (INSERT INTO {comments} ({commentColumns}) " +
                "SELECT new.id, new.organisation, new.round, x.q, x.t FROM unnest($15::uuid[], $16::text[], $17::text[]) AS x(r, q, t) JOIN new ON new.id = x.r) " +
                "SELECT id FROM new",
                $"INSERT INTO {responses} ({responseColumns}) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9) ON CONFLICT ({r("Id")}) DO NOTHING",
                $"INSERT INTO {answers} ({answerColumns}) VALUES ($p0, $p1, $p2, $p3, $p4)",
                $"INSERT INTO {comments} ({commentColumns}) VALUES ($p0, $p1, $p2, $p3, $p4)");
        }

        private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
