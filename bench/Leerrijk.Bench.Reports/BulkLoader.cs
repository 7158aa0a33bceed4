using System.Globalization;
using Leerrijk.Web.Features.Responses;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace Leerrijk.Bench.Reports;

/// <summary>Where generated responses go: one round of one organisation, one instrument.</summary>
internal sealed record LoadTarget(Guid OrganisationId, Guid RoundId, string InstrumentId, IReadOnlyList<string> ItemIds);

/// <summary>How many rows a load wrote.</summary>
internal sealed record LoadCount(long Responses, long Answers, long Comments)
{
    public long Rows => Responses + Answers + Comments;
}

/// <summary>A table and its columns as the app's EF Core model names them, quoted, so a rename cannot drift.</summary>
internal sealed record TableNames(string Table, IReadOnlyList<string> Columns)
{
    public static TableNames Of<T>(IModel model, params string[] properties)
    {
        var entity = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return new TableNames(
            Quote(entity.GetTableName()!),
            properties.Select(p => Quote(entity.FindProperty(p)!.GetColumnName(store)!)).ToList());
    }

    public string ColumnList => string.Join(", ", Columns);

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>Bulk-loads generated responses straight into the app's three response tables, all unfolded.</summary>
internal abstract class BulkLoader(IModel model)
{
    protected TableNames Responses { get; } = TableNames.Of<SurveyResponse>(
        model, "Id", "OrganisationId", "RoundId", "SubmittedOn", "Language", "Role", "Department", "YearsEmployed", "ContentHash", "Folded");

    protected TableNames Answers { get; } = TableNames.Of<ResponseAnswer>(model, "ResponseId", "OrganisationId", "InstrumentId", "ItemId", "Value");

    protected TableNames Comments { get; } = TableNames.Of<ResponseComment>(model, "ResponseId", "OrganisationId", "RoundId", "QuestionId", "Text");

    /// <summary>Synchronous on purpose: one connection, one row after another, and no task per value written.</summary>
    /// <param name="target">The round the responses belong to.</param>
    /// <param name="responses">Called once per table; must give the same responses every time (the generator is seeded).</param>
    public abstract LoadCount Load(LoadTarget target, Func<IEnumerable<GeneratedResponse>> responses);
}

/// <summary>PostgreSQL: binary COPY of each table, all in one transaction.</summary>
internal sealed class PostgresLoader(IModel model, string connectionString) : BulkLoader(model)
{
    public override LoadCount Load(LoadTarget target, Func<IEnumerable<GeneratedResponse>> responses) => LoadMany([(target, responses)]);

    /// <summary>
    /// Several rounds in one transaction, one COPY per table for all of them: the national bench loads 100,000 small
    /// rounds, where a transaction (and its fsync) and three COPY round trips per round would cost more than the rows.
    /// </summary>
    public LoadCount LoadMany(IReadOnlyList<(LoadTarget Target, Func<IEnumerable<GeneratedResponse>> Responses)> rounds)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();

        // The rows are consistent by construction (every answer's response is in the same load); skipping the
        // foreign-key triggers saves one index probe per answer row. Only this loading connection is affected.
        using (var replica = new NpgsqlCommand("SET LOCAL session_replication_role = replica", connection, transaction))
        {
            replica.ExecuteNonQuery();
        }

        long responseCount = 0, answerCount = 0, commentCount = 0;
        using (var copy = connection.BeginBinaryImport($"COPY {Responses.Table} ({Responses.ColumnList}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (target, responses) in rounds)
            {
                foreach (var r in responses())
                {
                    copy.StartRow();
                    copy.Write(r.Id, NpgsqlDbType.Uuid);
                    copy.Write(target.OrganisationId, NpgsqlDbType.Uuid);
                    copy.Write(target.RoundId, NpgsqlDbType.Uuid);
                    copy.Write(r.SubmittedOn, NpgsqlDbType.Date);
                    copy.Write(r.Language, NpgsqlDbType.Varchar);
                    copy.Write(r.Role, NpgsqlDbType.Varchar);
                    WriteNullable(copy, r.Department);
                    WriteNullable(copy, r.YearsEmployed);
                    copy.Write(r.ContentHash, NpgsqlDbType.Varchar);
                    copy.Write(false, NpgsqlDbType.Boolean);
                    responseCount++;
                }
            }

            copy.Complete();
        }

        using (var copy = connection.BeginBinaryImport($"COPY {Answers.Table} ({Answers.ColumnList}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (target, responses) in rounds)
            {
                foreach (var r in responses())
                {
                    for (var i = 0; i < r.Values.Length; i++)
                    {
                        copy.StartRow();
                        copy.Write(r.Id, NpgsqlDbType.Uuid);
                        copy.Write(target.OrganisationId, NpgsqlDbType.Uuid);
                        copy.Write(target.InstrumentId, NpgsqlDbType.Varchar);
                        copy.Write(target.ItemIds[i], NpgsqlDbType.Varchar);
                        if (r.Values[i] is { } value)
                        {
                            copy.Write(value, NpgsqlDbType.Integer);
                        }
                        else
                        {
                            copy.WriteNull();
                        }

                        answerCount++;
                    }
                }
            }

            copy.Complete();
        }

        using (var copy = connection.BeginBinaryImport($"COPY {Comments.Table} ({Comments.ColumnList}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (target, responses) in rounds)
            {
                foreach (var r in responses())
                {
                    foreach (var (question, text) in r.Comments)
                    {
                        copy.StartRow();
                        copy.Write(r.Id, NpgsqlDbType.Uuid);
                        copy.Write(target.OrganisationId, NpgsqlDbType.Uuid);
                        copy.Write(target.RoundId, NpgsqlDbType.Uuid);
                        copy.Write(question, NpgsqlDbType.Varchar);
                        copy.Write(text, NpgsqlDbType.Varchar);
                        commentCount++;
                    }
                }
            }

            copy.Complete();
        }

        transaction.Commit();
        return new LoadCount(responseCount, answerCount, commentCount);
    }

    private static void WriteNullable(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, NpgsqlDbType.Varchar);
        }
    }
}

/// <summary>
/// SQLite: prepared multi-row INSERTs, a transaction per <see cref="ResponsesPerTransaction"/> responses, on a
/// connection of its own with the app's pragmas plus a large page cache for the load.
/// </summary>
internal sealed class SqliteLoader(IModel model, string connectionString) : BulkLoader(model)
{
    private const int ResponsesPerTransaction = 25_000;

    public override LoadCount Load(LoadTarget target, Func<IEnumerable<GeneratedResponse>> responses)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        connection.Open();
        Execute(connection, null, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; PRAGMA cache_size=-1048576;");

        // As for PostgreSQL: the rows are consistent by construction, so the per-row foreign-key checks are skipped.
        Execute(connection, null, "PRAGMA foreign_keys=OFF;");
        CheckStorageFormat(connection, target);

        using var responseRows = new SqliteRowBatcher(connection, Responses, 50);
        using var answerRows = new SqliteRowBatcher(connection, Answers, 240);
        using var commentRows = new SqliteRowBatcher(connection, Comments, 100);
        var organisation = Text(target.OrganisationId);
        var round = Text(target.RoundId);
        long responseCount = 0, answerCount = 0, commentCount = 0;
        SqliteTransaction? transaction = null;
        foreach (var r in responses())
        {
            if (transaction is null)
            {
                transaction = connection.BeginTransaction();
                responseRows.Transaction = answerRows.Transaction = commentRows.Transaction = transaction;
            }

            var id = Text(r.Id);
            responseRows.Add(
                id, organisation, round, r.SubmittedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Language, r.Role,
                r.Department, r.YearsEmployed, r.ContentHash, 0L);
            for (var i = 0; i < r.Values.Length; i++)
            {
                answerRows.Add(id, organisation, target.InstrumentId, target.ItemIds[i], r.Values[i]);
            }

            foreach (var (question, text) in r.Comments)
            {
                commentRows.Add(id, organisation, round, question, text);
                commentCount++;
            }

            responseCount++;
            answerCount += r.Values.Length;
            if (responseCount % ResponsesPerTransaction == 0)
            {
                Commit();
            }
        }

        Commit();
        return new LoadCount(responseCount, answerCount, commentCount);

        void Commit()
        {
            if (transaction is null)
            {
                return;
            }

            responseRows.Flush();
            answerRows.Flush();
            commentRows.Flush();
            transaction.Commit();
            transaction.Dispose();
            transaction = null;
        }
    }

    /// <summary>EF Core stores a Guid as upper-case TEXT and a DateOnly as yyyy-MM-dd; the rows written here must match.</summary>
    private static void CheckStorageFormat(SqliteConnection connection, LoadTarget target)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Id\", \"OpensOn\" FROM \"Rounds\" WHERE \"Id\" = $id";
        command.Parameters.AddWithValue("$id", Text(target.RoundId));
        using var reader = command.ExecuteReader();
        if (!reader.Read() || !DateOnly.TryParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new InvalidOperationException("The round written by EF Core is not found by its upper-case id, or its date is not yyyy-MM-dd: the loader's formats are wrong.");
        }
    }

    private static string Text(Guid id) => id.ToString("D").ToUpperInvariant();

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>Rows for one table, sent <c>rowsPerStatement</c> at a time through one prepared INSERT; the rest one by one.</summary>
internal sealed class SqliteRowBatcher : IDisposable
{
    private readonly SqliteCommand _many;
    private readonly SqliteCommand _one;
    private readonly int _columns;
    private readonly int _rowsPerStatement;
    private int _buffered;

    public SqliteRowBatcher(SqliteConnection connection, TableNames table, int rowsPerStatement)
    {
        _columns = table.Columns.Count;
        _rowsPerStatement = rowsPerStatement;
        _many = Command(connection, table, rowsPerStatement);
        _one = Command(connection, table, 1);
    }

    public SqliteTransaction? Transaction
    {
        get => _many.Transaction;
        set
        {
            _many.Transaction = value;
            _one.Transaction = value;
        }
    }

    public void Add(params object?[] values)
    {
        var first = _buffered * _columns;
        for (var c = 0; c < _columns; c++)
        {
            _many.Parameters[first + c].Value = values[c] ?? DBNull.Value;
        }

        if (++_buffered == _rowsPerStatement)
        {
            _many.ExecuteNonQuery();
            _buffered = 0;
        }
    }

    /// <summary>Writes the rows still buffered, one statement each.</summary>
    public void Flush()
    {
        for (var row = 0; row < _buffered; row++)
        {
            for (var c = 0; c < _columns; c++)
            {
                _one.Parameters[c].Value = _many.Parameters[row * _columns + c].Value;
            }

            _one.ExecuteNonQuery();
        }

        _buffered = 0;
    }

    public void Dispose()
    {
        _many.Dispose();
        _one.Dispose();
    }

    private static SqliteCommand Command(SqliteConnection connection, TableNames table, int rows)
    {
        var command = connection.CreateCommand();
        var values = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Enumerable.Range(0, table.Columns.Count).Select(c => $"$p{r * table.Columns.Count + c}")) + ")");
        command.CommandText = $"INSERT INTO {table.Table} ({table.ColumnList}) VALUES {string.Join(", ", values)}";
        for (var i = 0; i < rows * table.Columns.Count; i++)
        {
            command.Parameters.Add(new SqliteParameter(string.Create(CultureInfo.InvariantCulture, $"$p{i}"), DBNull.Value));
        }

        return command;
    }
}
