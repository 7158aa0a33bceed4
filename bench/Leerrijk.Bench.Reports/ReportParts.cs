using System.Diagnostics;
using System.Globalization;
using System.Text;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Responses;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.Bench.Reports;

/// <summary>
/// The steps of <see cref="ReportQueries.BuildAsync"/>, timed one by one. The queries are copied from it (its
/// previous-round lookup and comment query are private); keep them in step when it changes. Group labels are not
/// translated here, which the report page does through the localizer: a few dictionary look-ups.
/// </summary>
internal static class ReportParts
{
    public static async Task<List<(string Part, double Ms)>> TimeAsync(IServiceProvider services, Guid organisationId, Guid roundId)
    {
        var db = services.GetRequiredService<LeerrijkDbContext>();
        var catalog = services.GetRequiredService<InstrumentCatalog>();
        var today = LocalizationSetup.Today(TimeProvider.System);
        var ct = CancellationToken.None;
        var times = new List<(string, double)>();
        var watch = Stopwatch.StartNew();
        void Lap(string part)
        {
            times.Add((part, watch.Elapsed.TotalMilliseconds));
            watch.Restart();
        }

        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId && r.OrganisationId == organisationId, ct);
        var instrument = catalog.Find(round.InstrumentId)!;
        var module = round.ModuleId is null ? null : catalog.Find(round.ModuleId);
        Lap("round");

        var data = await RoundData.LoadAsync(db, catalog, round, ct);
        Lap("data");

        // Not a step of its own: the unfolded tail's rows as RoundData reads them (without its snapshot transaction),
        // to tell reading the tail from adding it up in memory. Left out of the sum.
        var tail = await db.Responses.AsNoTracking()
            .Where(r => r.RoundId == round.Id && !r.Folded)
            .Select(r => new { r.Id, r.RoundId, r.OrganisationId, r.Role, r.Department, r.YearsEmployed })
            .ToListAsync(ct);
        var tailIds = tail.Select(r => r.Id).ToList();
        if (tailIds.Count > 0)
        {
            await db.Set<ResponseAnswer>().AsNoTracking()
                .Where(a => tailIds.Contains(a.ResponseId))
                .Select(a => new { a.ResponseId, a.InstrumentId, a.ItemId, a.Value })
                .ToListAsync(ct);
        }

        Lap("tailrows");

        var candidates = await db.Rounds.AsNoTracking()
            .Where(r => r.OrganisationId == round.OrganisationId && r.InstrumentId == round.InstrumentId && r.Id != round.Id && r.ClosesOn < round.OpensOn)
            .OrderByDescending(r => r.ClosesOn)
            .Take(5)
            .ToListAsync(ct);
        var previousRound = candidates.FirstOrDefault(r => r.StatusOn(today) == RoundStatus.Closed);
        var previous = previousRound is null ? null : new PreviousRound(previousRound, await RoundData.LoadAsync(db, catalog, previousRound, ct));
        Lap("previous");

        var comments = round.StatusOn(today) == RoundStatus.Closed
            ? await db.Set<ResponseComment>().AsNoTracking()
                .Where(c => c.RoundId == round.Id)
                .OrderBy(c => c.ResponseId)
                .Take(ReportQueries.MaxComments)
                .Select(c => c.Text)
                .ToListAsync(ct)
            : [];
        Lap("comments");

        ReportBuilder.Build(round, instrument, module, data, previous, comments, new ReportTexts("nl", (_, value) => value), today);
        Lap("builder");
        return times;
    }

    /// <summary>
    /// The database's plan for the report's queries that touch response rows, for reading where time goes:
    /// EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, EXPLAIN QUERY PLAN on SQLite. The LINQ is copied from RoundData and
    /// ReportQueries; EF Core turns it into the same SQL with the same parameters (tenant filter included).
    /// </summary>
    public static async Task<string> ExplainAsync(IServiceProvider services, Guid organisationId, Guid roundId)
    {
        var db = services.GetRequiredService<LeerrijkDbContext>();
        var postgres = db.Database.IsNpgsql();
        var tailIds = await db.Responses.AsNoTracking().Where(r => r.RoundId == roundId && !r.Folded).Select(r => r.Id).ToListAsync();
        var queries = new (string Name, IQueryable Query)[]
        {
            ("statistics rows", db.RoundStatistics.AsNoTracking().Where(s => s.RoundId == roundId)),
            ("unfolded tail", db.Responses.AsNoTracking().Where(r => r.RoundId == roundId && !r.Folded)
                .Select(r => new { r.Id, r.RoundId, r.OrganisationId, r.Role, r.Department, r.YearsEmployed })),
            ("answers of the tail", db.Set<ResponseAnswer>().AsNoTracking().Where(a => tailIds.Contains(a.ResponseId))
                .Select(a => new { a.ResponseId, a.InstrumentId, a.ItemId, a.Value })),
            ("comments", db.Set<ResponseComment>().AsNoTracking()
                .Where(c => c.RoundId == roundId)
                .OrderBy(c => c.ResponseId)
                .Take(ReportQueries.MaxComments)
                .Select(c => c.Text)),
        };

        var text = new StringBuilder();
        await db.Database.OpenConnectionAsync();
        try
        {
            foreach (var (name, query) in queries)
            {
                await using var command = query.CreateDbCommand();
                text.Append(CultureInfo.InvariantCulture, $"-- {name} ({tailIds.Count} unfolded in the round)\n{command.CommandText}\n");
                command.CommandText = (postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + command.CommandText;
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var line = Convert.ToString(reader.GetValue(reader.FieldCount - 1), CultureInfo.InvariantCulture) ?? "";
                    text.Append("   ").AppendLine(line.Length > 240 ? line[..240] + " …" : line);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return text.ToString();
    }
}
