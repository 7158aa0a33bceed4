using System.Globalization;
using Leerrijk.Scoring.Instruments;

namespace Leerrijk.Bench.Reports;

/// <summary>One generated response, in the shape the tables store it.</summary>
internal sealed record GeneratedResponse(
    Guid Id,
    DateOnly SubmittedOn,
    string Language,
    string Role,
    string? Department,
    string? YearsEmployed,
    string ContentHash,
    int?[] Values,
    IReadOnlyList<(string QuestionId, string Text)> Comments);

/// <summary>
/// Deterministic, plausible teamscan responses: mostly employees, some managers and owners; three departments and
/// the four years bands, each sometimes not stated; answers driven by a personal and a per-dimension level, so
/// items of one dimension agree as in real data (Cronbach's alpha is computed on them); about 8 % "don't know";
/// about a third leave an open answer. <c>shift</c> moves a whole company up or down the scale, so companies differ as
/// norm groups expect (the programme bench uses it; zero elsewhere).
/// </summary>
internal sealed class ResponseGenerator(Instrument instrument, DateOnly opensOn, int seed, double shift = 0)
{
    public static readonly IReadOnlyList<string> Roles = ["Employee", "Manager", "Owner"];
    public static readonly IReadOnlyList<string> Departments = ["Werkplaats", "Kantoor", "Buitendienst"];
    private static readonly string[] YearsBands = ["lt1", "1-5", "5-10", "10plus"];

    private static readonly string[] Sentences =
    [
        "Samen naar een storing kijken en daarna bespreken wat we ervan leren.",
        "Meer tijd om nieuwe machines eerst rustig uit te proberen.",
        "Een vaste collega bij wie ik met vragen terecht kan.",
        "De werkoverleggen gaan te vaak alleen over planning, niet over wat beter kan.",
        "Ik leer het meest van meelopen met de monteurs van de buitendienst.",
        "Als er iets misgaat, wordt eerst gezocht naar wie het deed. Dat helpt niet.",
        "Graag een opleidingsbudget dat je zelf mag besteden.",
        "Feedback van de klant wordt niet met ons gedeeld.",
        "Het ontwikkelgesprek is een goed moment, maar het gebeurt maar één keer per jaar.",
        "Kennis zit bij een paar mensen in het hoofd; schrijf het op.",
        "Leveranciers laten ons nieuwe technieken zien, dat mag vaker.",
        "Stagiairs van school brengen frisse ideeën mee.",
    ];

    public IEnumerable<GeneratedResponse> Generate(int count)
    {
        var random = new Random(seed);

        // Ids are random (as a respondent's device makes them) but loaded in id order, so the loaders append to the
        // primary-key indexes instead of splitting pages at random: minutes instead of an hour for 12 million answers.
        var ids = new Guid[count];
        var bytes = new byte[16];
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(bytes);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            ids[i] = new Guid(bytes);
        }

        Array.Sort(ids, (a, b) => string.CompareOrdinal(a.ToString("D"), b.ToString("D")));

        var dimensionOf = instrument.Items.Select(item => instrument.Dimensions.ToList().FindIndex(d => d.Id == item.Dimension)).ToArray();
        var dimensionShift = instrument.Dimensions.Select((_, d) => (d % 3 - 1) * 0.35).ToArray();
        var levels = new double[instrument.Dimensions.Count];
        var hashBytes = new byte[32];
        foreach (var id in ids)
        {
            var role = Pick(random, Roles, [0.80, 0.15, 0.05]);
            var department = random.NextDouble() < 0.05 ? null : Pick(random, Departments, [0.5, 0.3, 0.2]);
            var years = random.NextDouble() < 0.08 ? null : Pick(random, YearsBands, [0.12, 0.35, 0.25, 0.28]);
            var lean = role == "Employee" ? 0 : 0.35;
            var person = 3.3 + shift + lean + Normal(random) * 0.55;
            for (var d = 0; d < levels.Length; d++)
            {
                levels[d] = person + dimensionShift[d] + Normal(random) * 0.45;
            }

            var values = new int?[instrument.Items.Count];
            for (var i = 0; i < values.Length; i++)
            {
                if (random.NextDouble() < 0.08)
                {
                    continue;
                }

                var point = Math.Clamp((int)Math.Round(levels[dimensionOf[i]] + Normal(random) * 0.7), instrument.ScaleMin, instrument.ScaleMax);
                values[i] = instrument.Items[i].Reverse ? instrument.ScaleMax + instrument.ScaleMin - point : point;
            }

            var comments = new List<(string, string)>(2);
            foreach (var (question, share) in instrument.OpenQuestions.Zip([0.30, 0.15]))
            {
                if (random.NextDouble() < share)
                {
                    var text = Sentences[random.Next(Sentences.Length)];
                    comments.Add((question.Id, random.NextDouble() < 0.4 ? text + " " + Sentences[random.Next(Sentences.Length)] : text));
                }
            }

            random.NextBytes(hashBytes);
            var hash = Convert.ToHexStringLower(hashBytes);
            yield return new GeneratedResponse(
                id,
                opensOn.AddDays(random.Next(19)),
                random.NextDouble() < 0.85 ? "nl" : "en",
                role,
                department,
                years,
                hash,
                values,
                comments);
        }
    }

    private static string Pick(Random random, IReadOnlyList<string> values, double[] weights)
    {
        var u = random.NextDouble() * weights.Sum();
        for (var i = 0; i < values.Count; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return values[i];
            }
        }

        return values[^1];
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{instrument.Id} from {opensOn:yyyy-MM-dd}, seed {seed}, shift {shift:0.00}");
}
