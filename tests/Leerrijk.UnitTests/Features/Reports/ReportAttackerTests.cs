using Leerrijk.Scoring.Instruments;
using Leerrijk.Scoring.Statistics;
using Leerrijk.UnitTests.Features.Anonymity;
using Leerrijk.Web.Features.Anonymity;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Rounds;

namespace Leerrijk.UnitTests.Features.Reports;

/// <summary>
/// The attacker test of the issue: for generated organisations (3–60 respondents, up to three background attributes,
/// groups of one to three people included, one to three readers who answered themselves, sometimes an earlier
/// round), build the report and let one reader try to recover anything about fewer than k other people from
/// everything he can obtain at once: every figure of the page, print, PDF, XLSX and JSON (one report object), the
/// raw CSV rows when they are released, the trend with the earlier round, and his own answers. Independent of the
/// code under test: group sizes and the n behind every figure are counted here, recoverable sets are found by
/// ranks (<see cref="SetAttacker"/>).
/// </summary>
public sealed class ReportAttackerTests
{
    private static readonly Instrument Teamscan = InstrumentLoader.LoadFolder(RepositoryPaths.Of("content", "instruments")).Single(i => i.Id == "leerrijk-teamscan");
    private static readonly ScoringModel Model = InstrumentScoring.ModelOf(Teamscan);
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly string[] DimensionIds = Teamscan.Dimensions.Select(d => d.Id).ToArray();

    [Fact]
    public void No_report_shows_or_lets_anyone_compute_a_figure_about_fewer_than_k_people()
    {
        var random = new Random(5_2026);
        var checkedFigures = 0;
        var shownGroupFigures = 0;
        var released = 0;
        var releasedWithColumns = 0;
        var trends = 0;
        var recoveries = new List<string>();
        for (var organisation = 0; organisation < 2000; organisation++)
        {
            var firm = Generate(random);
            var report = Build(firm, firm.Readers);
            var attack = Attack(firm, report, report.RawRowsReleased ? report.RawRowAttributes : null, organisation);
            checkedFigures += attack.CheckedFigures;
            recoveries.AddRange(attack.Recoveries);
            shownGroupFigures += report.Breakdowns.Sum(b => b.Groups.Sum(g => g.Scores.Count(s => s is not null)));
            released += report.RawRowsReleased ? 1 : 0;
            releasedWithColumns += report.RawRowsReleased && report.RawRowAttributes.Count > 0 ? 1 : 0;
            trends += report.Trend is null ? 0 : 1;
        }

        Assert.True(recoveries.Count == 0, string.Join(Environment.NewLine, recoveries.Take(10)));

        // The generator must produce reports that show something, or the test proves nothing.
        Assert.True(checkedFigures > 10000, $"{checkedFigures} figures checked");
        Assert.True(shownGroupFigures > 2000, $"{shownGroupFigures} group figures shown");
        Assert.True(releasedWithColumns > 50, $"{released} raw exports released, {releasedWithColumns} with columns");
        Assert.True(trends > 100, $"{trends} trends");
    }

    [Fact]
    public void With_the_old_per_column_csv_rule_the_same_attacker_recovers_hidden_groups()
    {
        var random = new Random(5_2026);
        var recovered = 0;
        for (var organisation = 0; organisation < 2000; organisation++)
        {
            var firm = Generate(random);
            var report = Build(firm, firm.Readers);
            if (report.Status is ReportStatus.Full or ReportStatus.CompanyOnly)
            {
                recovered += Attack(firm, report, OldCsvColumns(firm.People, report.Threshold), organisation, linear: false).Recoveries.Count > 0 ? 1 : 0;
            }
        }

        Assert.True(recovered > 20, $"{recovered} organisations recovered");
    }

    [Fact]
    public void The_issues_department_of_2_among_17_is_read_from_the_old_csv_and_refused_now()
    {
        // Threshold 5, 17 respondents: Werkplaats 7, Kantoor 5, Buiten 2 and 3 who named no department. Buiten is
        // hidden, with the 3 it makes a hidden rest of 5, so Werkplaats and Kantoor are shown. The old rule added
        // "years employed" because each of its values held at least 5 people; Buiten's two are the only rows with
        // 10+ years outside Werkplaats.
        (string Department, string Years)[] cells =
        [
            .. Enumerable.Repeat(("Werkplaats", "1-5"), 4), .. Enumerable.Repeat(("Werkplaats", "10plus"), 3),
            .. Enumerable.Repeat(("Kantoor", "5-10"), 5), .. Enumerable.Repeat(("Buiten", "10plus"), 2), .. Enumerable.Repeat(((string)null!, "1-5"), 3),
        ];
        var people = cells.Select((c, i) => NewPerson(i == 0 ? "Owner" : "Employee", c.Department, c.Years, i == 0)).ToList();
        var firm = FirmOf(people, k: 5, roles: ["Employee", "Owner"], departments: ["Werkplaats", "Kantoor", "Buiten"], readers: 1);

        var old = Attack(firm, Build(firm, readers: 0), OldCsvColumns(people, 5), 0);
        var now = Build(firm, firm.Readers);

        Assert.Contains(old.Recoveries, r => r.Contains("raw rows", StringComparison.Ordinal));
        Assert.False(now.RawRowsReleased);
        Assert.Empty(Attack(firm, now, null, 0).Recoveries);
    }

    [Fact]
    public void With_the_reader_rule_switched_off_the_reader_recovers_the_others_in_his_group()
    {
        var random = new Random(12_2026);
        var recovered = 0;
        for (var organisation = 0; organisation < 500; organisation++)
        {
            var firm = Generate(random);
            var report = Build(firm, readers: 0);
            recovered += Attack(firm, report, report.RawRowsReleased ? report.RawRowAttributes : null, organisation).Recoveries.Count > 0 ? 1 : 0;
        }

        Assert.True(recovered > 20, $"{recovered} organisations recovered");
    }

    [Fact]
    public void An_owner_with_four_managers_does_not_see_the_leaders_group_of_five()
    {
        // 20 employees and 4 managers answered, and the owner who reads the report.
        var people = Enumerable.Range(0, 25).Select(i => NewPerson(i == 0 ? "Owner" : i < 5 ? "Manager" : "Employee", null, null, i == 0)).ToList();
        var firm = FirmOf(people, k: 5, roles: ["Employee", "Manager", "Owner"], departments: [], readers: 1);

        var report = Build(firm, firm.Readers);
        var unguarded = Build(firm, readers: 0);

        Assert.Empty(report.Gaps);
        Assert.Equal(6, report.Threshold);
        Assert.NotEmpty(unguarded.Gaps);
        Assert.Contains(Attack(firm, unguarded, null, 0).Recoveries, r => r.Contains("Manager", StringComparison.Ordinal));
        Assert.Empty(Attack(firm, report, null, 0).Recoveries);
    }

    private sealed record Person(Guid Id, string Role, string? Department, string? Years, Dictionary<string, int?> Answers, bool Reader)
    {
        /// <summary>The attacker's unknowns: people sharing every attribute, except that a reader is a column of his own.</summary>
        public string Column => Reader ? "reader " + Id.ToString("N")[..6] : $"{Role}|{Department}|{Years}";
    }

    private sealed record Firm(Round Round, List<Person> People, int Readers, Round? Earlier, List<Person> EarlierPeople);

    private sealed record AttackResult(int CheckedFigures, List<string> Recoveries);

    private static Person NewPerson(string role, string? department, string? years, bool reader) =>
        new(Guid.NewGuid(), role, department, years, Teamscan.Items.ToDictionary(i => i.Id, i => (int?)(1 + (i.Id.Length % 5))), reader);

    private static Firm FirmOf(List<Person> people, int k, string[] roles, string[] departments, int readers) =>
        new(RoundOf(k, roles, departments, Today.AddDays(-1)), people, readers, null, []);

    private static Round RoundOf(int k, string[] roles, string[] departments, DateOnly closes) => new()
    {
        Id = Guid.NewGuid(),
        Title = "Meting",
        InstrumentId = Teamscan.Id,
        OpensOn = closes.AddDays(-13),
        ClosesOn = closes,
        Roles = [.. roles],
        Departments = [.. departments],
        Languages = ["nl"],
        AnonymityThreshold = k,
    };

    private static Firm Generate(Random random)
    {
        var k = random.Next(3, 8);
        string[] roles = random.Next(3) switch { 0 => ["Employee"], 1 => ["Employee", "Manager"], _ => ["Employee", "Manager", "Owner", "Hr"] };
        string[] departments = random.Next(3) switch { 0 => [], 1 => ["Werkplaats", "Kantoor"], _ => ["Werkplaats", "Kantoor", "Buiten"] };
        var years = random.Next(2) == 0;

        // Skewed weights make groups of one to three people common.
        string Pick(string[] values) => values[(int)Math.Floor(Math.Pow(random.NextDouble(), 2.5) * values.Length)];
        List<Person> People(int count) => Enumerable.Range(0, count).Select(_ => new Person(
            Guid.NewGuid(),
            Pick(roles),
            departments.Length == 0 || random.Next(8) == 0 ? null : Pick(departments),
            !years || random.Next(6) == 0 ? null : Pick(["lt1", "1-5", "5-10", "10plus"]),
            Teamscan.Items.Where(_ => random.Next(10) > 0).ToDictionary(i => i.Id, _ => random.Next(7) == 0 ? (int?)null : random.Next(1, 6)),
            false)).ToList();

        // One to three members read the report; those who answered know their own row (in both rounds).
        var readers = random.Next(1, 4);
        var people = MarkReaders(People(random.Next(3, 61)), random.Next(0, readers + 1), random);
        var round = RoundOf(k, roles, departments, Today.AddDays(-1));
        if (random.Next(3) > 0)
        {
            return new Firm(round, people, readers, null, []);
        }

        var earlier = RoundOf(random.Next(3, 8), roles, departments, Today.AddDays(-200));
        return new Firm(round, people, readers, earlier, MarkReaders(People(random.Next(3, 61)), random.Next(0, readers + 1), random));
    }

    private static List<Person> MarkReaders(List<Person> people, int readers, Random random) =>
        people.Select((p, i) => i < readers ? p with { Reader = true } : p).OrderBy(_ => random.Next()).ToList();

    private static RoundData Data(Round round, List<Person> people) => RoundData.FromResponses(
        new Dictionary<string, ScoringModel> { [Teamscan.Id] = Model },
        people.Select(p => new GroupedResponse(p.Id, round.Id, round.OrganisationId, p.Role, p.Department, p.Years)).ToList(),
        people.SelectMany(p => p.Answers.Select(a => new StoredAnswer(p.Id, Teamscan.Id, a.Key, a.Value))).ToList());

    private static RoundReport Build(Firm firm, int readers)
    {
        var comments = firm.People.Select((p, i) => $"opmerking {i}").ToList();
        var previous = firm.Earlier is null ? null : new PreviousRound(firm.Earlier, Data(firm.Earlier, firm.EarlierPeople));
        return ReportBuilder.Build(firm.Round, Teamscan, null, Data(firm.Round, firm.People), previous, comments, new ReportTexts("nl", (_, v) => v), Today, readers);
    }

    /// <summary>The rule before issue #12: a column whenever every combination of the columns so far holds at least k.</summary>
    private static List<string> OldCsvColumns(List<Person> people, int k)
    {
        var columns = new List<string>();
        foreach (var attribute in new[] { GroupAttribute.Role, GroupAttribute.Department, GroupAttribute.Years })
        {
            var trial = columns.Append(attribute).ToList();
            var safe = people.GroupBy(p => string.Join("|", trial.Select(a => Value(p, a) ?? "")), StringComparer.Ordinal).All(g => g.Count() >= k);
            if (safe && people.Select(p => Value(p, attribute) ?? "").Distinct(StringComparer.Ordinal).Count() > 1)
            {
                columns.Add(attribute);
            }
        }

        return columns;
    }

    /// <summary>
    /// Everything one reader can obtain about the round, at once; returns what he recovered. rawColumns: the
    /// columns of the raw rows he holds, or null when they were not released.
    /// </summary>
    private static AttackResult Attack(Firm firm, RoundReport report, IReadOnlyList<string>? rawColumns, int organisation, bool linear = true)
    {
        var people = firm.People;
        var k = firm.Round.AnonymityThreshold;
        var context = $"organisation {organisation}: k={k}, k'={report.Threshold}, {people.Count} people, readers {string.Join(",", people.Where(p => p.Reader).Select(p => p.Role))}, cells {string.Join(", ", people.GroupBy(p => $"{p.Role}|{p.Department}|{p.Years}").Select(g => $"{g.Key}={g.Count()}"))}";
        var recoveries = new List<string>();
        var checkedFigures = 0;

        var scored = people.ToDictionary(p => p.Id, p => Scorer.Score(Model, Scoring(p)));
        bool Counts(Person p, int figure) => figure < 0 || scored[p.Id].ScoreOf(DimensionIds[figure]) is not null;

        if (people.Count < report.Threshold)
        {
            Assert.Empty(report.Dimensions);
            Assert.Empty(report.Breakdowns);
            Assert.False(report.RawRowsReleased);
        }

        if (people.Count < 2 * report.Threshold)
        {
            Assert.Empty(report.Breakdowns);
            Assert.Empty(report.Gaps);
        }

        Assert.Equal(people.Count >= Math.Max(report.Threshold, 10), report.CommentsShown);

        // Every set the report shows a figure of, per figure (−1: respondents), as a test on a person.
        var shownAnywhere = new List<(string Name, Func<Person, bool> Member)>();
        for (var figure = -1; figure < DimensionIds.Length; figure++)
        {
            var sets = new List<Func<Person, bool>>();
            var dimension = figure < 0 ? null : report.Dimensions.FirstOrDefault(d => d.Id == DimensionIds[figure]);
            if (report.Dimensions.Count > 0 && (figure < 0 || dimension!.Score is not null))
            {
                var n = people.Count(p => Counts(p, figure));
                Assert.True(n >= report.Threshold, $"{context}: whole-company figure {figure} shown for {n} people");
                sets.Add(_ => true);
                checkedFigures++;
            }

            foreach (var breakdown in report.Breakdowns)
            {
                foreach (var group in breakdown.Groups.Where(g => figure < 0 ? g.Respondents is not null : g.Scores[figure] is not null))
                {
                    bool Member(Person p) => Value(p, breakdown.Attribute) == group.Value;
                    var n = people.Count(p => Member(p) && Counts(p, figure));
                    Assert.True(n >= report.Threshold, $"{context}: {breakdown.Attribute}={group.Value} figure {figure} shown for {n} people");
                    sets.Add(Member);
                    shownAnywhere.Add(($"{breakdown.Attribute}={group.Value}", Member));
                    checkedFigures++;
                }
            }

            if (figure >= 0 && report.Gaps.Any(g => g.DimensionId == DimensionIds[figure]))
            {
                static bool Leader(Person p) => p.Role is "Owner" or "Manager" or "Hr";
                var leaders = people.Count(p => Leader(p) && Counts(p, figure));
                var employees = people.Count(p => p.Role == "Employee" && Counts(p, figure));
                Assert.True(leaders >= report.Threshold && employees >= report.Threshold, $"{context}: gap on figure {figure} with {leaders} leaders and {employees} employees");
                sets.Add(Leader);
                sets.Add(p => p.Role == "Employee");
                shownAnywhere.Add(("leaders", Leader));
                shownAnywhere.Add(("employees", p => p.Role == "Employee"));
                checkedFigures++;
            }

            // Linear algebra: shown figures are sums over their sets; each reader knows his own row.
            var counted = people.Where(p => Counts(p, figure)).ToList();
            var columns = counted.GroupBy(p => p.Column).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var known = sets.Select(set => (IReadOnlySet<string>)counted.Where(set).Select(p => p.Column).ToHashSet(StringComparer.Ordinal)).ToList();
            known.AddRange(counted.Where(p => p.Reader).Select(p => (IReadOnlySet<string>)new HashSet<string>([p.Column], StringComparer.Ordinal)));
            if (linear && sets.Count > 0 && SetAttacker.Recoverable(columns, known, c => c.StartsWith("reader", StringComparison.Ordinal), k) is { } recovered)
            {
                recoveries.Add($"{context}: figure {figure}: the cells {string.Join(", ", recovered)} ({recovered.Sum(c => columns[c])} people) can be computed from the shown figures");
            }
        }

        // Raw rows: a row's released columns, which shown groups it is in (matching the published means finds
        // each group's rows), or "that is my own row".
        if (rawColumns is not null)
        {
            var signatures = people.Select(p => (
                Signature: string.Join("|", rawColumns.Select(a => a + "=" + Value(p, a))) + " " + string.Join("", shownAnywhere.Select(s => s.Member(p) ? "1" : "0")),
                p.Reader));
            if (SetAttacker.SmallRowSet(signatures, k) is { } small)
            {
                recoveries.Add($"{context}: raw rows ({string.Join(",", rawColumns)}): {small.People} rows of '{small.Signature}' are known to be those people's answers");
            }
        }

        // The earlier round: its own people, its own unknowns; the trend shows its whole-company figures.
        if (report.Trend is { } trend)
        {
            var before = firm.EarlierPeople.ToDictionary(p => p.Id, p => Scorer.Score(Model, Scoring(p)));
            foreach (var row in trend.Dimensions.Where(d => d.Previous is not null))
            {
                var counted = firm.EarlierPeople.Where(p => before[p.Id].ScoreOf(row.Id) is not null).ToList();
                var earlierK = EffectiveThreshold.Of(firm.Earlier!.AnonymityThreshold, report.Readers);
                Assert.True(counted.Count >= earlierK, $"{context}: trend on {row.Id} with {counted.Count} earlier people");
                var columns = counted.GroupBy(p => p.Column).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
                List<IReadOnlySet<string>> known = [columns.Keys.ToHashSet(StringComparer.Ordinal), .. counted.Where(p => p.Reader).Select(p => (IReadOnlySet<string>)new HashSet<string>([p.Column], StringComparer.Ordinal))];
                if (SetAttacker.Recoverable(columns, known, c => c.StartsWith("reader", StringComparison.Ordinal), firm.Earlier.AnonymityThreshold) is { } recovered)
                {
                    recoveries.Add($"{context}: earlier round, {row.Id}: {string.Join(", ", recovered)}");
                }

                checkedFigures++;
            }
        }

        return new AttackResult(checkedFigures, recoveries);
    }

    private static string? Value(Person p, string attribute) => attribute switch
    {
        GroupAttribute.Role => p.Role,
        ReportBuilder.Perspective => p.Role is "Owner" or "Manager" or "Hr" ? ReportBuilder.Leaders : p.Role == "Employee" ? ReportBuilder.Employees : null,
        GroupAttribute.Department => p.Department,
        GroupAttribute.Years => p.Years,
        _ => throw new ArgumentOutOfRangeException(nameof(attribute)),
    };

    private static Response Scoring(Person p) =>
        new(p.Answers.Select(a => new ItemAnswer(a.Key, a.Value is { } v ? Answer.Of(v) : Answer.DontKnow)));
}
