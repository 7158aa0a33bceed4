using Leerrijk.Scoring.Instruments;
using Leerrijk.Scoring.Statistics;
using Leerrijk.UnitTests.Features.Anonymity;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Rounds;

namespace Leerrijk.UnitTests.Features.Reports;

/// <summary>
/// The attacker test of the issue: for generated organisations (3–60 respondents, up to three background attributes,
/// groups of one to three people included), build the report and try to recover any hidden group's figures by
/// adding and subtracting everything it shows. Independent of the code under test: group sizes and the n behind
/// every figure are counted here from the generated answers, and recoverable sets are found by trying subsets.
/// </summary>
public sealed class ReportAttackerTests
{
    private static readonly Instrument Teamscan = InstrumentLoader.LoadFolder(RepositoryPaths.Of("content", "instruments")).Single(i => i.Id == "leerrijk-teamscan");
    private static readonly ScoringModel Model = InstrumentScoring.ModelOf(Teamscan);
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void No_report_shows_or_lets_anyone_compute_a_figure_about_fewer_than_k_people()
    {
        var random = new Random(5_2026);
        var checkedFigures = 0;
        var shownGroupFigures = 0;
        for (var organisation = 0; organisation < 2000; organisation++)
        {
            var (round, people) = Generate(random);
            var report = Build(round, people);
            checkedFigures += Attack(round, people, report, organisation);
            shownGroupFigures += report.Breakdowns.Sum(b => b.Groups.Sum(g => g.Scores.Count(s => s is not null)));
        }

        // The generator must produce reports that show something, or the test proves nothing.
        Assert.True(checkedFigures > 10000, $"{checkedFigures} figures checked");
        Assert.True(shownGroupFigures > 4000, $"{shownGroupFigures} group figures shown");
    }

    private sealed record Person(Guid Id, string Role, string? Department, string? Years, Dictionary<string, int?> Answers)
    {
        public string Cell => $"{Role}|{Department}|{Years}";
    }

    private static (Round Round, List<Person> People) Generate(Random random)
    {
        var k = random.Next(3, 8);
        var count = random.Next(3, 61);
        string[] roles = random.Next(3) switch { 0 => ["Employee"], 1 => ["Employee", "Manager"], _ => ["Employee", "Manager", "Owner", "Hr"] };
        string[] departments = random.Next(3) switch { 0 => [], 1 => ["Werkplaats", "Kantoor"], _ => ["Werkplaats", "Kantoor", "Buiten"] };
        var years = random.Next(2) == 0;

        // Skewed weights make groups of one to three people common.
        string Pick(string[] values) => values[(int)Math.Floor(Math.Pow(random.NextDouble(), 2.5) * values.Length)];
        var people = Enumerable.Range(0, count).Select(_ => new Person(
            Guid.NewGuid(),
            Pick(roles),
            departments.Length == 0 || random.Next(8) == 0 ? null : Pick(departments),
            !years || random.Next(6) == 0 ? null : Pick(["lt1", "1-5", "5-10", "10plus"]),
            Teamscan.Items.Where(_ => random.Next(10) > 0).ToDictionary(i => i.Id, _ => random.Next(7) == 0 ? (int?)null : random.Next(1, 6)))).ToList();
        var round = new Round
        {
            Id = Guid.NewGuid(),
            Title = "Meting",
            InstrumentId = Teamscan.Id,
            OpensOn = Today.AddDays(-14),
            ClosesOn = Today.AddDays(-1),
            Roles = [.. roles],
            Departments = [.. departments],
            Languages = ["nl"],
            AnonymityThreshold = k,
        };
        return (round, people);
    }

    private static RoundReport Build(Round round, List<Person> people)
    {
        var data = RoundData.FromResponses(
            new Dictionary<string, ScoringModel> { [Teamscan.Id] = Model },
            people.Select(p => new GroupedResponse(p.Id, round.Id, round.OrganisationId, p.Role, p.Department, p.Years)).ToList(),
            people.SelectMany(p => p.Answers.Select(a => new StoredAnswer(p.Id, Teamscan.Id, a.Key, a.Value))).ToList());
        var comments = people.Select((p, i) => $"opmerking {i}").ToList();
        return ReportBuilder.Build(round, Teamscan, null, data, null, comments, new ReportTexts("nl", (_, v) => v), Today);
    }

    /// <summary>Checks every figure of the report; returns how many figures were checked.</summary>
    private static int Attack(Round round, List<Person> people, RoundReport report, int organisation)
    {
        var k = round.AnonymityThreshold;
        var context = $"organisation {organisation}: k={k}, {people.Count} people, cells {string.Join(", ", people.GroupBy(p => p.Cell).Select(g => $"{g.Key}={g.Count()}"))}";
        var checkedFigures = 0;

        // The n behind each figure, counted here: respondents, and per dimension those whose score counts.
        var dimensionIds = Teamscan.Dimensions.Select(d => d.Id).ToList();
        var scored = people.ToDictionary(p => p.Id, p => Scorer.Score(Model, Scoring(p)));
        bool Counts(Person p, int figure) => figure < 0 || scored[p.Id].ScoreOf(dimensionIds[figure]) is not null;

        if (people.Count < k)
        {
            Assert.Empty(report.Dimensions);
            Assert.Empty(report.Breakdowns);
            return 1;
        }

        if (people.Count < 2 * k)
        {
            Assert.Empty(report.Breakdowns);
            Assert.Empty(report.Gaps);
        }

        Assert.Equal(people.Count >= Math.Max(k, 10), report.CommentsShown);

        for (var figure = -1; figure < dimensionIds.Count; figure++)
        {
            // Shown sets of people for this figure: the whole company and every shown group, as the report lists them.
            var sets = new List<Func<Person, bool>>();
            var dimension = figure < 0 ? null : report.Dimensions.First(d => d.Id == dimensionIds[figure]);
            if (figure < 0 || dimension!.Score is not null)
            {
                var n = people.Count(p => Counts(p, figure));
                Assert.True(n >= k, $"{context}: whole-company figure {figure} shown for {n} people");
                sets.Add(_ => true);
                checkedFigures++;
            }

            foreach (var breakdown in report.Breakdowns)
            {
                foreach (var group in breakdown.Groups.Where(g => figure < 0 ? g.Respondents is not null : g.Scores[figure] is not null))
                {
                    bool Member(Person p) => Value(p, breakdown.Attribute) == group.Value;
                    var n = people.Count(p => Member(p) && Counts(p, figure));
                    Assert.True(n >= k, $"{context}: {breakdown.Attribute}={group.Value} figure {figure} shown for {n} people");
                    sets.Add(Member);
                    checkedFigures++;
                }
            }

            if (figure >= 0 && report.Gaps.Any(g => g.DimensionId == dimensionIds[figure]))
            {
                bool Leader(Person p) => p.Role is "Owner" or "Manager" or "Hr";
                var leaders = people.Count(p => Leader(p) && Counts(p, figure));
                var employees = people.Count(p => p.Role == "Employee" && Counts(p, figure));
                Assert.True(leaders >= k && employees >= k, $"{context}: gap on figure {figure} with {leaders} leaders and {employees} employees");
                sets.Add(Leader);
                sets.Add(p => p.Role == "Employee");
                checkedFigures++;
            }

            var cells = people.Where(p => Counts(p, figure)).GroupBy(p => p.Cell).ToDictionary(g => g.Key, g => g.ToList());
            var recovered = SmallestRecoverable(cells, sets, k);
            Assert.True(recovered is null, $"{context}: figure {figure}: the cells {string.Join(", ", recovered ?? [])} ({recovered?.Sum(c => cells[c].Count)} people) can be computed from the shown figures");
        }

        return checkedFigures;
    }

    private static string? Value(Person p, string attribute) => attribute switch
    {
        GroupAttribute.Role => p.Role,
        GroupAttribute.Department => p.Department,
        GroupAttribute.Years => p.Years,
        _ => throw new ArgumentOutOfRangeException(nameof(attribute)),
    };

    private static Response Scoring(Person p) =>
        new(p.Answers.Select(a => new ItemAnswer(a.Key, a.Value is { } v ? Answer.Of(v) : Answer.DontKnow)));

    /// <summary>
    /// Tries every set of cells holding 1 to k − 1 people and asks whether its indicator is a linear combination of
    /// the shown sets (adding it to them does not raise the rank). Returns such a set, or null.
    /// </summary>
    private static List<string>? SmallestRecoverable(Dictionary<string, List<Person>> cells, List<Func<Person, bool>> sets, int k)
    {
        var keys = cells.Keys.Order(StringComparer.Ordinal).ToList();
        var rows = sets.Select(set => keys.Select(c => set(cells[c][0]) ? 1.0 : 0.0).ToArray()).ToList();
        var rank = MatrixRank.Of(rows);
        var small = keys.Where(c => cells[c].Count < k).ToList();
        var chosen = new List<string>();

        List<string>? Search(int from, int people)
        {
            if (chosen.Count > 0 && MatrixRank.Of([.. rows, keys.Select(c => chosen.Contains(c) ? 1.0 : 0.0).ToArray()]) == rank)
            {
                return [.. chosen];
            }

            for (var i = from; i < small.Count; i++)
            {
                var n = cells[small[i]].Count;
                if (people + n >= k)
                {
                    continue;
                }

                chosen.Add(small[i]);
                var found = Search(i + 1, people + n);
                chosen.RemoveAt(chosen.Count - 1);
                if (found is not null)
                {
                    return found;
                }
            }

            return null;
        }

        return Search(0, 0);
    }
}
