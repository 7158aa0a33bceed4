using Leerrijk.Scoring.Instruments;
using Leerrijk.Scoring.Statistics;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Anonymity;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Rounds;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Reports;

/// <summary>
/// A company's own result per dimension of a closed round, exactly as its report shows it: the first level of the
/// anonymity rule (k' = k + readers inside the company). Programme figures and norms are built from these and from
/// nothing finer, so a dimension the company's own report hides never reaches them.
/// </summary>
/// <remarks>Reads folded whole-round statistics only; a round with responses not folded yet is left out until it is.</remarks>
public sealed class CompanyScores(LeerrijkDbContext db, InstrumentCatalog catalog)
{
    /// <summary>The shown dimension results of the given rounds that are closed on <paramref name="today"/> and fully folded.</summary>
    public async Task<IReadOnlyList<CompanyRoundScores>> ReadAsync(IReadOnlyCollection<Guid> roundIds, DateOnly today, CancellationToken cancellationToken)
    {
        var result = new List<CompanyRoundScores>();
        foreach (var chunk in roundIds.Distinct().Chunk(500))
        {
            result.AddRange(await ReadChunkAsync(chunk, today, cancellationToken));
        }

        return result;
    }

    private async Task<IReadOnlyList<CompanyRoundScores>> ReadChunkAsync(Guid[] roundIds, DateOnly today, CancellationToken cancellationToken)
    {
        var rounds = (await db.Rounds.AsNoTracking().Where(r => roundIds.Contains(r.Id)).ToListAsync(cancellationToken))
            .Where(r => r.StatusOn(today) == RoundStatus.Closed)
            .ToList();
        var closedIds = rounds.Select(r => r.Id).ToList();
        var unfolded = (await db.Responses.AsNoTracking().Where(r => closedIds.Contains(r.RoundId) && !r.Folded)
            .Select(r => r.RoundId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var wholeRows = (await db.RoundStatistics.AsNoTracking()
            .Where(s => closedIds.Contains(s.RoundId) && s.Attribute == RoundStatistic.WholeRound)
            .ToListAsync(cancellationToken)).ToLookup(s => s.RoundId);
        var organisationIds = rounds.Select(r => r.OrganisationId).Distinct().ToList();
        var readers = await db.Memberships.Where(m => organisationIds.Contains(m.OrganisationId))
            .GroupBy(m => m.OrganisationId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        var result = new List<CompanyRoundScores>();
        foreach (var round in rounds.Where(r => !unfolded.Contains(r.Id)))
        {
            if (Score(round, wholeRows[round.Id].ToList(), readers.GetValueOrDefault(round.OrganisationId)) is { } scores)
            {
                result.Add(scores);
            }
        }

        return result;
    }

    private CompanyRoundScores? Score(Round round, IReadOnlyList<RoundStatistic> wholeRows, int readers)
    {
        if (catalog.Find(round.InstrumentId, round.InstrumentVersion) is not { } instrument)
        {
            return null;
        }

        var module = round.ModuleId is { } moduleId && round.ModuleVersion is { } moduleVersion ? catalog.Find(moduleId, moduleVersion) : null;
        var disclosure = EffectiveThreshold.Disclosure(round.AnonymityThreshold, readers);
        var dimensions = new List<DimensionScore>();
        var respondents = 0;
        foreach (var part in module is null ? [instrument] : new[] { instrument, module })
        {
            var aggregate = AggregateOf(part, wholeRows);
            if (part == instrument)
            {
                respondents = (int)aggregate.Respondents;
                if (!disclosure.MayShowTotal(respondents))
                {
                    return null;
                }
            }

            foreach (var shown in ReportBuilder.WholeRoundDimensions(part, aggregate, disclosure, "nl").Where(d => d.Score is not null))
            {
                var distribution = aggregate.Summarize(shown.Id).Distribution;
                dimensions.Add(new DimensionScore(part.Id, shown.Id, shown.N!.Value, shown.Score!.Value, AgreeShare(distribution)));
            }
        }

        return new CompanyRoundScores(round.Id, round.OrganisationId, instrument.Id, module?.Id, round.ClosedAtUtc is { } closedAt && DateOnly.FromDateTime(closedAt) < round.ClosesOn ? DateOnly.FromDateTime(closedAt) : round.ClosesOn, respondents, dimensions);
    }

    private static Aggregate AggregateOf(Instrument instrument, IReadOnlyList<RoundStatistic> wholeRows)
    {
        var fold = new StatisticsFold(new Dictionary<string, ScoringModel>(StringComparer.Ordinal) { [instrument.Id] = InstrumentScoring.ModelOf(instrument) });
        if (wholeRows.FirstOrDefault(s => s.InstrumentId == instrument.Id) is { } row)
        {
            fold.Load(row);
        }

        return fold.Aggregates.TryGetValue((instrument.Id, RoundStatistic.WholeRound, ""), out var aggregate)
            ? aggregate
            : Aggregate.Empty(InstrumentScoring.ModelOf(instrument));
    }

    /// <summary>
    /// The share of a dimension's answers on the two highest points of the scale (reverse-scored items turned round),
    /// in percent: the closest Leerrijk comes to the national monitor's "much autonomy" kind of figure.
    /// </summary>
    public static double? AgreeShare(Distribution distribution)
    {
        var answered = distribution.Answered;
        if (answered == 0 || distribution.Counts.Count < 2)
        {
            return null;
        }

        var top = distribution.Counts[^1] + distribution.Counts[^2];
        return 100.0 * top / answered;
    }
}

/// <summary>One closed round's shown results: the company, its instrument (and module), when it closed, and per dimension the figure its report shows.</summary>
public sealed record CompanyRoundScores(
    Guid RoundId, Guid OrganisationId, string InstrumentId, string? ModuleId, DateOnly ClosedOn, int Respondents, IReadOnlyList<DimensionScore> Dimensions);

/// <summary>A dimension's shown result: n, the 0–100 score and the share of agreeing answers.</summary>
public sealed record DimensionScore(string InstrumentId, string DimensionId, int N, double Score, double? AgreeSharePercent);
