namespace Leerrijk.Web.Features.Responses;

/// <summary>
/// The answers of responses this app instance has just committed, kept for the statistics folder so it need not read
/// back from the database what it wrote a second ago: 24 answers per response, most of what folding cost PostgreSQL
/// per submission (bench/README.md, "Folding from memory"; ADR 0030). It is only a shortcut: whatever is not here
/// (stored by another instance, before a restart, by a bulk load straight into the database, or dropped from here)
/// the folder reads from the database, so nothing depends on it being complete. Answers are never changed after they
/// are stored, so a copy kept here is the same as the stored rows. Only answers are kept, never the open answers' text.
/// </summary>
/// <remarks>
/// Bounded twice, so anonymous answers do not linger in memory: at most <see cref="Capacity"/> responses (the oldest go
/// first), and the folder calls <see cref="Forget"/> whenever it has caught up, which drops what it did not need (a
/// response whose round was erased before it was folded, say).
/// </remarks>
public sealed class RecentAnswers
{
    /// <summary>About three seconds of the highest submission rate measured on two cores; beyond that the folder reads.</summary>
    public const int Capacity = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, IReadOnlyList<ResponseAnswer>> _answers = [];
    private readonly Queue<Guid> _order = new();

    /// <summary>Responses held now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _answers.Count;
            }
        }
    }

    /// <summary>Keeps the answers of responses that were committed just now (only those: a replay stored nothing).</summary>
    public void Remember(IEnumerable<SurveyResponse> committed)
    {
        lock (_lock)
        {
            foreach (var response in committed)
            {
                // An id is stored once, so it is added once; the queue therefore holds every key of the dictionary.
                if (_answers.TryAdd(response.Id, response.Answers))
                {
                    _order.Enqueue(response.Id);
                }
            }

            while (_order.Count > Capacity)
            {
                _answers.Remove(_order.Dequeue());
            }
        }
    }

    /// <summary>Hands over and drops the answers of a response if they are still held.</summary>
    public bool TryTake(Guid responseId, out IReadOnlyList<ResponseAnswer> answers)
    {
        lock (_lock)
        {
            if (_answers.Remove(responseId, out var held))
            {
                answers = held;
                return true;
            }
        }

        answers = [];
        return false;
    }

    /// <summary>Drops everything held.</summary>
    public void Forget()
    {
        lock (_lock)
        {
            _answers.Clear();
            _order.Clear();
        }
    }
}
