using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Features.Responses;
using Leerrijk.Web.Features.Rounds;

namespace Leerrijk.Web.Features.Demo;

/// <summary>
/// The demo organisation's rounds: an open one on code DEMO to try answering, and a closed one with generated
/// responses spread over roles and departments, so reports have something to show.
/// </summary>
public static class DemoRounds
{
    public const string OpenCode = "DEMO";
    public const int ClosedRoundRespondents = 44;

    private static readonly string[] Departments = ["Werkplaats", "Montage", "Service", "Kantoor"];

    public static IEnumerable<Round> Create(Guid organisationId, Guid ownerId, Instrument teamscan, DateOnly today)
    {
        Round Make(string code, string title, DateOnly opens, DateOnly closes, DateTime? closedAtUtc) => new()
        {
            OrganisationId = organisationId,
            Code = code,
            Title = title,
            InstrumentId = teamscan.Id,
            InstrumentVersion = teamscan.Version,
            InstrumentFingerprint = InstrumentFingerprint.Of(teamscan),
            OpensOn = opens,
            ClosesOn = closes,
            Roles = ["Employee", "Manager", "Hr", "Owner"],
            Departments = [.. Departments],
            Languages = ["nl", "en"],
            AnonymityThreshold = 5,
            CreatedByUserId = ownerId,
            ClosedAtUtc = closedAtUtc,
        };

        var closedOn = today.AddDays(-90);
        yield return Make(Round.NewCode(), "Voorjaarsmeting", today.AddDays(-120), closedOn, closedOn.ToDateTime(new TimeOnly(23, 59), DateTimeKind.Utc));
        yield return Make(OpenCode, "Najaarsmeting", today.AddDays(-7), today.AddDays(30), null);
    }

    /// <summary>
    /// Believable, reproducible answers: most people lean positive, managers somewhat more than employees (a perception
    /// gap the report should find), "learning from outside" is the weak spot, and now and then someone does not know.
    /// They are sent as respondents send them, so they enter through <see cref="ResponseSubmission"/> like anyone's.
    /// </summary>
    public static IEnumerable<SubmittedResponse> Responses(Instrument teamscan)
    {
        var random = new Random(20261123);
        for (var n = 0; n < ClosedRoundRespondents; n++)
        {
            var role = n switch { < 34 => "Employee", < 41 => "Manager", < 43 => "Hr", _ => "Owner" };
            var id = new Guid(random.NextInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture) + random.NextInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
            var language = random.Next(10) == 0 ? "en" : "nl";
            var department = Departments[random.Next(Departments.Length)];
            var years = ResponseRules.YearsBands[random.Next(ResponseRules.YearsBands.Count)];
            var answers = new Dictionary<string, int?>(StringComparer.Ordinal);
            foreach (var item in teamscan.Items)
            {
                var lean = 3.4 + (role == "Employee" ? 0 : 0.6) + (item.Dimension == "leren-van-buiten" ? -0.9 : 0);
                var point = Math.Clamp((int)Math.Round(lean + (random.NextDouble() * 2.4) - 1.2), 1, 5);
                answers[item.Id] = random.Next(14) == 0 ? null : item.Reverse ? 6 - point : point;
            }

            yield return new SubmittedResponse(id, language, role, department, years, answers, null, null);
        }
    }
}
