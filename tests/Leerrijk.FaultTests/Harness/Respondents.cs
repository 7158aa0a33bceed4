using System.Text.Json;
using Leerrijk.Scoring.Instruments;

namespace Leerrijk.FaultTests.Harness;

/// <summary>A generated response for the demo round, as the JSON endpoint takes it, with what the database should hold for it.</summary>
public sealed record GeneratedResponse(Guid Id, string Json, int Answers, int Comments);

/// <summary>Makes responses to the demo round (the teamscan), with item ids read from the instrument file, not copied here.</summary>
public sealed class Respondents
{
    public const string DemoCode = "DEMO";
    public static readonly string[] Roles = ["employee", "manager", "hr", "owner"];
    public static readonly string[] Departments = ["Werkplaats", "Montage", "Service", "Kantoor"];

    public static Instrument Teamscan { get; } = InstrumentLoader.Parse(
        "leerrijk-teamscan.yaml", File.ReadAllText(Path.Combine(Paths.Instruments, "leerrijk-teamscan.yaml")));

    public static GeneratedResponse Next(Random random)
    {
        var id = Guid.NewGuid();
        var answers = Teamscan.Items.ToDictionary(i => i.Id, _ => random.Next(10) == 0 ? (int?)null : random.Next(Teamscan.ScaleMin, Teamscan.ScaleMax + 1));
        var open = random.Next(3) == 0 && Teamscan.OpenQuestions.Count > 0
            ? new Dictionary<string, string> { [Teamscan.OpenQuestions[0].Id] = $"Meer samen leren ({random.Next(1000)})." }
            : new Dictionary<string, string>();
        var json = JsonSerializer.Serialize(new
        {
            id,
            language = "nl",
            role = Roles[random.Next(Roles.Length)],
            department = Departments[random.Next(Departments.Length)],
            answers,
            open,
        });
        return new GeneratedResponse(id, json, answers.Count, open.Count);
    }
}
