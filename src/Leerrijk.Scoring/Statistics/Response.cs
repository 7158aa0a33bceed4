using System.Globalization;

namespace Leerrijk.Scoring.Statistics;

/// <summary>An answer to one item: a point on the scale, or "don't know / not applicable" (missing data).</summary>
public readonly record struct Answer
{
    private Answer(int? point) => Point = point;

    /// <summary>"Don't know / not applicable": counted in distributions, excluded from every mean.</summary>
    public static Answer DontKnow => default;

    /// <summary>The point answered, or null for don't-know.</summary>
    public int? Point { get; }

    public bool IsDontKnow => Point is null;

    public static Answer Of(int point) => new(point);

    public static implicit operator Answer(int point) => new(point);

    public override string ToString() =>
        Point is { } point ? point.ToString(CultureInfo.InvariantCulture) : "don't know";
}

/// <summary>One item answered in a response.</summary>
public readonly record struct ItemAnswer(string ItemId, Answer Answer);

/// <summary>
/// One respondent's answers. Items that are absent were not answered (skipped / not shown); they count as missing
/// and, unlike don't-know, do not appear in distributions. The response is checked against a model when it is
/// scored or added (<see cref="InvalidResponseException"/>), not here.
/// </summary>
public sealed class Response
{
    public Response(IEnumerable<ItemAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        Answers = answers.ToArray();
    }

    public static Response Empty { get; } = new([]);

    public IReadOnlyList<ItemAnswer> Answers { get; }

    /// <summary>Convenience: <c>Response.Of(("q1", 4), ("q2", Answer.DontKnow))</c>.</summary>
    public static Response Of(params (string ItemId, Answer Answer)[] answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return new Response(answers.Select(a => new ItemAnswer(a.ItemId, a.Answer)));
    }
}

/// <summary>What is wrong with an answer in a response.</summary>
public enum ResponseProblem
{
    /// <summary>The item id is not in the scoring model.</summary>
    UnknownItem,

    /// <summary>The same item is answered more than once in one response.</summary>
    DuplicateItem,

    /// <summary>The point lies outside the scale Min..Max.</summary>
    OutOfScale,
}

/// <summary>A response does not fit the scoring model; <see cref="ItemId"/> and <see cref="Problem"/> say where and what.</summary>
public sealed class InvalidResponseException : Exception
{
    public InvalidResponseException(string itemId, ResponseProblem problem, string message)
        : base(message)
    {
        ItemId = itemId;
        Problem = problem;
    }

    public string ItemId { get; }

    public ResponseProblem Problem { get; }
}
