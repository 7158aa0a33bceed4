using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FsCheck.Xunit;
using Leerrijk.Web.Features.Responses;

namespace Leerrijk.UnitTests.Features.Responses;

/// <summary>
/// Stored responses carry the hash of what was submitted, and a replay is told from a conflict by hashing again, so
/// the hash must stay byte for byte what it was when those responses were stored.
/// </summary>
public sealed class ResponseHashTests
{
    /// <summary>How the hash was computed until December 2026: the serializer's output for an anonymous object.</summary>
    private static string AsFirstStored(SurveyResponse r)
    {
        var canonical = JsonSerializer.Serialize(new
        {
            r.RoundId,
            r.Language,
            r.Role,
            r.Department,
            r.YearsEmployed,
            Answers = r.Answers.OrderBy(a => a.InstrumentId, StringComparer.Ordinal).ThenBy(a => a.ItemId, StringComparer.Ordinal).Select(a => new { a.InstrumentId, a.ItemId, a.Value }),
            Comments = r.Comments.OrderBy(c => c.QuestionId, StringComparer.Ordinal).Select(c => new { c.QuestionId, c.Text }),
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static SurveyResponse Response(
        Guid roundId, string language, string role, string? department, string? years, (string, string, int?)[] answers, (string, string)[] comments)
    {
        var response = new SurveyResponse { Id = Guid.NewGuid(), RoundId = roundId, Language = language, Role = role, Department = department, YearsEmployed = years };
        response.Answers.AddRange(answers.Select(a => new ResponseAnswer { ResponseId = response.Id, InstrumentId = a.Item1, ItemId = a.Item2, Value = a.Item3 }));
        response.Comments.AddRange(comments.Select(c => new ResponseComment { ResponseId = response.Id, QuestionId = c.Item1, Text = c.Item2 }));
        return response;
    }

    [Property(MaxTest = 500)]
    public void Any_response_hashes_as_it_did_when_responses_were_first_stored(
        Guid roundId, string language, string role, string department, string years, bool noDepartment, bool noYears,
        (string, string, int?)[] answers, (string, string)[] comments)
    {
        // The generated strings include control characters and quotes: whatever the old form did with them (including
        // refusing them), the new one must do the same.
        var response = Response(roundId, language, role, noDepartment ? null : department, noYears ? null : years, answers ?? [], comments ?? []);
        string? expected = null, actual = null;
        Type? expectedError = null, actualError = null;
        try
        {
            expected = AsFirstStored(response);
        }
        catch (Exception ex)
        {
            expectedError = ex.GetType();
        }

        try
        {
            actual = ResponseHash.Of(response);
        }
        catch (Exception ex)
        {
            actualError = ex.GetType();
        }

        Assert.Equal(expectedError, actualError);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_typical_teamscan_response_with_Dutch_text_hashes_as_before()
    {
        var answers = Enumerable.Range(1, 24).Select(i => ("leerrijk-teamscan", $"item-{i:00}", i % 6 == 0 ? (int?)null : 1 + (i % 5))).Reverse().ToArray();
        var response = Response(
            Guid.Parse("6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"), "nl", "Employee", "Werkplaats & \"magazijn\"", "2-5",
            answers, [("wat-helpt", "Samen naar een storing kijken <daarna> bespreken, café ’s avonds é ü 😀\n"), ("wat-kan-beter", "")]);

        Assert.Equal(AsFirstStored(response), ResponseHash.Of(response));

        // What the serializer gave for this response on .NET 10.0.12 on 2026-12-06: if a later runtime serialized
        // differently, the reference above would move with it, but the stored hashes would not.
        Assert.Equal("1dcd4286870b5d47b9547be55a7ad80f3eaacd527ee6d091d636aee66ae3d56a", ResponseHash.Of(response));
    }
}
