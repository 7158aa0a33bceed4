using System.Text.Json;
using Leerrijk.Scoring.Statistics;

namespace Leerrijk.Web.Features.Reports;

/// <summary>
/// The one way responses are added into a round's statistics: per instrument each response is scored once, and that
/// result goes into every group it counts in and into its cell. The background folder adds batches with it to the
/// stored rows; a report adds the unfolded tail with it to what it read, in memory, writing nothing.
/// </summary>
/// <remarks>Pure: no database, no clock. Not thread-safe.</remarks>
public sealed class StatisticsFold
{
    private readonly Dictionary<(string Instrument, string Attribute, string Value), Aggregate> _aggregates = [];

    private readonly Dictionary<string, CellCounts> _cells = new(StringComparer.Ordinal);

    /// <param name="models">The round's instrument and module by id; answers to anything else are left out.</param>
    public StatisticsFold(IReadOnlyDictionary<string, ScoringModel> models) => Models = models;

    /// <summary>The scoring model of the round's instrument and of its module, by instrument id.</summary>
    public IReadOnlyDictionary<string, ScoringModel> Models { get; }

    /// <summary>Every group's statistics so far, by instrument, attribute and value.</summary>
    public IReadOnlyDictionary<(string Instrument, string Attribute, string Value), Aggregate> Aggregates => _aggregates;

    /// <summary>The cell counts so far, by instrument.</summary>
    public IReadOnlyDictionary<string, CellCounts> Cells => _cells;

    /// <summary>Starts from a stored row (statistics folded before); rows of instruments not in <see cref="Models"/> are skipped.</summary>
    public void Load(RoundStatistic row)
    {
        if (!Models.TryGetValue(row.InstrumentId, out var model))
        {
            return;
        }

        if (row.Attribute == CellCounts.Attribute)
        {
            _cells[row.InstrumentId] = CellCounts.FromJson(model, row.DataJson);
        }
        else
        {
            _aggregates[(row.InstrumentId, row.Attribute, row.Value)] = Read(model, row.DataJson);
        }
    }

    /// <summary>Adds one response with its answers (answers of other responses are ignored).</summary>
    public void Add(GroupedResponse response, IEnumerable<StoredAnswer> answers)
    {
        var own = answers.Where(a => a.ResponseId == response.Id).ToList();
        foreach (var (instrumentId, model) in Models)
        {
            var scored = ScoredResponse.Of(model, ToScoringResponse(model, instrumentId, own));
            foreach (var (attribute, value) in Groups(response))
            {
                if (!_aggregates.TryGetValue((instrumentId, attribute, value), out var aggregate))
                {
                    _aggregates[(instrumentId, attribute, value)] = aggregate = Aggregate.Empty(model);
                }

                aggregate.Add(scored);
            }

            if (!_cells.TryGetValue(instrumentId, out var cells))
            {
                _cells[instrumentId] = cells = new CellCounts(model);
            }

            cells.Add(CellCounts.Key(response.Role, response.Department, response.YearsEmployed), scored);
        }
    }

    /// <summary>Adds responses with their answers.</summary>
    public void AddAll(IEnumerable<GroupedResponse> responses, IEnumerable<StoredAnswer> answers)
    {
        var answersByResponse = answers.ToLookup(a => a.ResponseId);
        foreach (var response in responses)
        {
            Add(response, answersByResponse[response.Id]);
        }
    }

    /// <summary>The groups a response counts in: the whole round, and one per background attribute.</summary>
    public static IEnumerable<(string Attribute, string Value)> Groups(GroupedResponse response) =>
    [
        (RoundStatistic.WholeRound, ""),
        (GroupAttribute.Role, response.Role),
        (GroupAttribute.Department, response.Department ?? ""),
        (GroupAttribute.Years, response.YearsEmployed ?? ""),
    ];

    /// <summary>A group's statistics as stored in <see cref="RoundStatistic.DataJson"/>.</summary>
    public static string ToJson(Aggregate aggregate) => JsonSerializer.Serialize(aggregate.ToData());

    private static Aggregate Read(ScoringModel model, string json) =>
        string.IsNullOrEmpty(json) ? Aggregate.Empty(model) : Aggregate.FromData(model, JsonSerializer.Deserialize<AggregateData>(json)!);

    /// <summary>
    /// One response's answers to one instrument for the scoring engine. Items the instrument no longer has are left
    /// out rather than stopping the statistics: a wording change must not make a round unreadable.
    /// </summary>
    private static Response ToScoringResponse(ScoringModel model, string instrumentId, IEnumerable<StoredAnswer> answers) =>
        new(answers
            .Where(a => a.InstrumentId == instrumentId && model.TryGetItem(a.ItemId, out _))
            .Select(a => new ItemAnswer(a.ItemId, a.Value is { } point ? Answer.Of(point) : Answer.DontKnow)));
}

/// <summary>A response's background, as the statistics group it.</summary>
public sealed record GroupedResponse(Guid Id, Guid RoundId, Guid OrganisationId, string Role, string? Department, string? YearsEmployed);

/// <summary>One stored answer, as read for folding or for the tail.</summary>
public sealed record StoredAnswer(Guid ResponseId, string InstrumentId, string ItemId, int? Value);
