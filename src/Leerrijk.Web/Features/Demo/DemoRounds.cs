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
            // Every language the teamscan is translated into (content/languages.yaml and its translation files), so a
            // new respondent language can be tried on the demo round without changing this code.
            Languages = [.. teamscan.Languages],
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
    public static IEnumerable<SubmittedResponse> Responses(Instrument teamscan) =>
        Responses(teamscan, ClosedRoundRespondents, seed: 20261123, shift: 0, weakDimension: "leren-van-buiten", Departments);

    /// <summary>
    /// Answers for a demo company: <paramref name="shift"/> moves the whole company up or down (a follow-up round that
    /// improved), <paramref name="weakDimension"/> is its weak spot. Each person has a general attitude and one per
    /// dimension, and each answer is that plus a little noise: items of one dimension then agree with each other as in
    /// real data (Cronbach's alpha around 0.8), so the report's reliability figures look like a real company's.
    /// </summary>
    public static IEnumerable<SubmittedResponse> Responses(
        Instrument instrument, int count, int seed, double shift, string weakDimension, IReadOnlyList<string> departments)
    {
        var random = new Random(seed);
        for (var n = 0; n < count; n++)
        {
            var share = (double)n / count;
            var role = share switch { < 0.77 => "Employee", < 0.93 => "Manager", < 0.98 => "Hr", _ => "Owner" };
            var id = new Guid(random.NextInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture) + random.NextInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
            var language = random.Next(10) == 0 ? "en" : "nl";
            var department = departments[random.Next(departments.Count)];
            var years = ResponseRules.YearsBands[random.Next(ResponseRules.YearsBands.Count)];
            var general = Normal(random) * 0.55;
            var perDimension = instrument.Dimensions.ToDictionary(d => d.Id, _ => Normal(random) * 0.45, StringComparer.Ordinal);
            var answers = new Dictionary<string, int?>(StringComparer.Ordinal);
            foreach (var item in instrument.Items)
            {
                var lean = 3.4 + shift + (role == "Employee" ? 0 : 0.5) + (item.Dimension == weakDimension ? -0.9 : 0);
                var point = Math.Clamp((int)Math.Round(lean + general + perDimension[item.Dimension] + (Normal(random) * 0.45)), instrument.ScaleMin, instrument.ScaleMax);
                answers[item.Id] = random.Next(16) == 0 ? null : item.Reverse ? instrument.ScaleMax + instrument.ScaleMin - point : point;
            }

            yield return new SubmittedResponse(id, language, role, department, years, answers, null, null);
        }
    }

    /// <summary>A standard normal draw (Box–Muller), reproducible from the seeded generator.</summary>
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
