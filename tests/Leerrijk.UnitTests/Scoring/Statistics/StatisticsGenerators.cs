using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Leerrijk.Scoring.Statistics;

namespace Leerrijk.UnitTests.Scoring.Statistics;

/// <summary>A random scoring model with three groups of responses to it (for merge properties).</summary>
public sealed record Scenario(ScoringModel Model, Response[] A, Response[] B, Response[] C, int Seed)
{
    public Response[] All => [.. A, .. B, .. C];

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"scale {Model.Min}..{Model.Max}, share {Model.MinAnsweredShare}; ");
        foreach (var dimension in Model.DimensionIds)
        {
            var items = Model.ItemsOf(dimension).Select(i => i.Reversed ? i.Id + "(R)" : i.Id);
            text.Append(CultureInfo.InvariantCulture, $"{dimension}=[{string.Join(",", items)}] ");
        }

        foreach (var (name, group) in new[] { ("A", A), ("B", B), ("C", C) })
        {
            text.Append(CultureInfo.InvariantCulture, $"| {name}: ");
            text.Append(string.Join("; ", group.Select(Describe)));
        }

        return text.ToString();
    }

    private static string Describe(Response response) =>
        string.Join(" ", response.Answers.Select(a => a.ItemId + "=" + a.Answer.ToString()));
}

/// <summary>FsCheck generators for the statistics properties (register with <c>[Property(Arbitrary = ...)]</c>).</summary>
public static class StatisticsGenerators
{
    public static Arbitrary<Scenario> Scenarios() => ScenarioGen.ToArbitrary();

    private static Gen<Scenario> ScenarioGen =>
        from model in ModelGen
        from a in ResponsesGen(model)
        from b in ResponsesGen(model)
        from c in ResponsesGen(model)
        from seed in Gen.Choose(0, int.MaxValue)
        select new Scenario(model, a, b, c, seed);

    private static Gen<ScoringModel> ModelGen =>
        from min in Gen.Elements(-2, 0, 1, 1)
        from points in Gen.Choose(2, 7)
        from share in Gen.Elements(0.5, 0.75, 0.75, 1.0)
        from sizes in Gen.Choose(1, 5).ArrayOf().Select(s => s.Length == 0 ? new[] { 3 } : s.Take(3).ToArray())
        from reversed in Gen.Elements(false, false, true).ArrayOf(sizes.Sum())
        select BuildModel(min, min + points - 1, share, sizes, reversed);

    private static ScoringModel BuildModel(int min, int max, double share, int[] sizes, bool[] reversed)
    {
        var dimensions = sizes.Select((_, d) => "d" + d.ToString(CultureInfo.InvariantCulture)).ToArray();
        var items = new List<ItemDefinition>();
        for (var d = 0; d < sizes.Length; d++)
        {
            for (var i = 0; i < sizes[d]; i++)
            {
                var id = dimensions[d] + "i" + i.ToString(CultureInfo.InvariantCulture);
                items.Add(new ItemDefinition(id, dimensions[d], reversed[items.Count]));
            }
        }

        return new ScoringModel(min, max, dimensions, items, share);
    }

    private static Gen<Response[]> ResponsesGen(ScoringModel model) =>
        from count in Gen.Choose(0, 12)
        from responses in ResponseGen(model).ArrayOf(count)
        select responses;

    /// <summary>Each item: usually a point, sometimes don't-know, sometimes skipped.</summary>
    private static Gen<Response> ResponseGen(ScoringModel model) =>
        Gen.CollectToArray(model.Items, item =>
                Gen.Frequency(
                    (14, Gen.Choose(model.Min, model.Max).Select(p => (ItemAnswer?)new ItemAnswer(item.Id, p))),
                    (3, Gen.Constant((ItemAnswer?)new ItemAnswer(item.Id, Answer.DontKnow))),
                    (3, Gen.Constant((ItemAnswer?)null))))
            .Select(answers => new Response(answers.Where(a => a is not null).Select(a => a!.Value)));
}

/// <summary>Comparison helpers.</summary>
internal static class Close
{
    /// <summary>Both null, or both numbers within a relative tolerance (absolute near 0).</summary>
    public static bool Enough(double? expected, double? actual, double tolerance = 1e-9)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null;
        }

        return Math.Abs(expected.Value - actual.Value) <= tolerance * Math.Max(1.0, Math.Abs(expected.Value));
    }

    public static void Equal(double? expected, double? actual, double tolerance = 1e-9)
    {
        Assert.True(Enough(expected, actual, tolerance), $"Expected {Show(expected)}, got {Show(actual)}.");
    }

    private static string Show(double? value) =>
        value?.ToString("R", CultureInfo.InvariantCulture) ?? "null";
}
