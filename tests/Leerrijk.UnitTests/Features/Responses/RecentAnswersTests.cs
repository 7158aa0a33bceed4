using Leerrijk.Web.Features.Responses;

namespace Leerrijk.UnitTests.Features.Responses;

/// <summary>The folder's shortcut holds committed answers briefly and boundedly, and hands each over once.</summary>
public sealed class RecentAnswersTests
{
    private static SurveyResponse Response(int answers = 2)
    {
        var response = new SurveyResponse { Id = Guid.NewGuid() };
        for (var i = 0; i < answers; i++)
        {
            response.Answers.Add(new ResponseAnswer { ResponseId = response.Id, InstrumentId = "teamscan", ItemId = $"item-{i}", Value = i + 1 });
        }

        return response;
    }

    [Fact]
    public void A_response_is_handed_over_once_with_its_own_answers()
    {
        var recent = new RecentAnswers();
        var first = Response(3);
        var second = Response(1);
        recent.Remember([first, second]);

        Assert.True(recent.TryTake(first.Id, out var answers));
        Assert.Equal(first.Answers, answers);
        Assert.False(recent.TryTake(first.Id, out var again));
        Assert.Empty(again);
        Assert.Equal(1, recent.Count);
    }

    [Fact]
    public void Beyond_its_capacity_it_drops_the_oldest_responses_first()
    {
        var recent = new RecentAnswers();
        var responses = Enumerable.Range(0, RecentAnswers.Capacity + 5).Select(_ => Response(0)).ToList();
        recent.Remember(responses.Take(RecentAnswers.Capacity));
        recent.Remember(responses.Skip(RecentAnswers.Capacity));

        Assert.Equal(RecentAnswers.Capacity, recent.Count);
        Assert.All(responses.Take(5), r => Assert.False(recent.TryTake(r.Id, out _)));
        Assert.True(recent.TryTake(responses[5].Id, out _));
        Assert.True(recent.TryTake(responses[^1].Id, out _));
    }

    [Fact]
    public void Responses_already_taken_leave_room_for_those_remembered_after_them()
    {
        // Taking leaves the id in the arrival order; it leaves with its turn, so the order never outgrows the capacity
        // and a response remembered later is not dropped early because of it.
        var recent = new RecentAnswers();
        var early = Enumerable.Range(0, RecentAnswers.Capacity).Select(_ => Response(0)).ToList();
        recent.Remember(early);
        Assert.All(early, r => Assert.True(recent.TryTake(r.Id, out _)));
        var late = Enumerable.Range(0, RecentAnswers.Capacity).Select(_ => Response(0)).ToList();
        recent.Remember(late);

        Assert.Equal(RecentAnswers.Capacity, recent.Count);
        Assert.All(late, r => Assert.True(recent.TryTake(r.Id, out _)));
    }

    [Fact]
    public void Forget_drops_everything_held()
    {
        var recent = new RecentAnswers();
        var response = Response();
        recent.Remember([response]);
        recent.Forget();

        Assert.Equal(0, recent.Count);
        Assert.False(recent.TryTake(response.Id, out _));
    }
}
