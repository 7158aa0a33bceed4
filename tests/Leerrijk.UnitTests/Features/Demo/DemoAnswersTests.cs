using Leerrijk.Scoring.Instruments;
using Leerrijk.Scoring.Statistics;
using Leerrijk.Web.Features.Demo;

namespace Leerrijk.UnitTests.Features.Demo;

/// <summary>The demo's generated answers behave like a real company's: items of one dimension agree (alpha ≥ 0.7).</summary>
public sealed class DemoAnswersTests
{
    [Fact]
    public void Every_dimension_of_the_demo_round_is_reliable_as_in_real_data()
    {
        var teamscan = InstrumentLoader.LoadFolder(RepositoryPaths.Of("content", "instruments")).Single(i => i.Id == "leerrijk-teamscan");
        var model = InstrumentScoring.ModelOf(teamscan);
        var responses = DemoRounds.Responses(teamscan)
            .Select(r => Response.Of(r.Answers!.Where(a => a.Value is not null).Select(a => (a.Key, Answer.Of(a.Value!.Value))).ToArray()))
            .ToList();

        var aggregate = Aggregate.Of(model, responses);

        foreach (var dimension in teamscan.Dimensions)
        {
            var alpha = aggregate.Summarize(dimension.Id).Alpha;
            Assert.True(alpha is >= 0.7, $"{dimension.Id}: alpha {alpha}");
        }
    }
}
