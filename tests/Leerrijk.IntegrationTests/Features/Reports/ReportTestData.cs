using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Responses;
using Leerrijk.Web.Features.Rounds;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Reports;

internal static class ReportTestData
{
    /// <summary>Stores responses with exactly these roles, departments and answers (null: "don't know"), then closes the round.</summary>
    public static async Task StoreResponsesAsync(
        this LeerrijkAppFactory app, Round round, IReadOnlyList<(string Role, string? Department, Dictionary<string, int?> Answers)> people)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        foreach (var (role, department, answers) in people)
        {
            var id = Guid.NewGuid();
            db.Responses.Add(new SurveyResponse
            {
                Id = id,
                OrganisationId = round.OrganisationId,
                RoundId = round.Id,
                SubmittedOn = round.OpensOn,
                Role = role,
                Department = department,
                ContentHash = "test",
                Answers = [.. answers.Select(a => new ResponseAnswer { ResponseId = id, OrganisationId = round.OrganisationId, InstrumentId = round.InstrumentId, ItemId = a.Key, Value = a.Value })],
            });
        }

        db.Rounds.Attach(round);
        round.ClosedAtUtc = DateTime.UtcNow;
        await db.SaveChangesAsync();
    }
}
