using Leerrijk.Web.Features.Anonymity;

namespace Leerrijk.UnitTests.Features.Anonymity;

/// <summary>
/// The progress page's group counts, attacked the way the report is: someone who opens the page every day of the
/// round, is a respondent himself, and solves the counts of every snapshot he saw for a set of fewer than k people.
/// </summary>
public sealed class ProgressSnapshotTests
{
    private static readonly DateOnly Opens = new(2026, 11, 2);

    private sealed record Answer(int Id, DateOnly Day, string Role, string Department, bool Reader)
    {
        public string Column(IReadOnlyList<DateOnly> snapshots) =>
            Reader ? "reader " + Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : $"{Role}|{Department}|{snapshots.Count(s => s < Day)}";
    }

    [Fact]
    public void The_snapshot_moves_only_after_k_new_answers_and_never_counts_today()
    {
        (DateOnly, int)[] perDay = [(Opens, 2), (Opens.AddDays(1), 2), (Opens.AddDays(2), 1), (Opens.AddDays(3), 4), (Opens.AddDays(4), 3)];

        Assert.Equal([Opens.AddDays(2), Opens.AddDays(4)], ProgressSnapshot.Days(perDay, Opens.AddDays(9), 5));
        Assert.Equal([Opens.AddDays(2)], ProgressSnapshot.Days(perDay, Opens.AddDays(4), 5));
        Assert.Empty(ProgressSnapshot.Days(perDay, Opens.AddDays(2), 5));
    }

    [Fact]
    public void One_answer_arriving_today_changes_nothing_on_the_page()
    {
        var random = new Random(7);
        for (var firm = 0; firm < 300; firm++)
        {
            var (answers, roles, departments, k) = Generate(random);
            var today = Opens.AddDays(random.Next(1, 16));
            var before = Publish(answers, roles, departments, today, k, 1);
            var after = Publish([.. answers, new Answer(-1, today, roles[^1], departments.Length > 0 ? departments[0] : "", false)], roles, departments, today, k, 1);

            Assert.Equal(before.Day, after.Day);
            Assert.Equal(before.ByRole, after.ByRole);
            Assert.Equal(before.ByDepartment, after.ByDepartment);
        }
    }

    [Fact]
    public void Role_minus_department_no_longer_tells_how_many_employees_of_a_small_department_took_part()
    {
        // The issue's example: 5 employees in Werkplaats, 2 in Kantoor, 5 managers and 1 HR in Kantoor, k = 5.
        // Per breakdown: employees 7 and Werkplaats 5 are both shown, and 7 − 5 = 2 employees in Kantoor.
        (string Role, string Department, int Count)[] people = [("Employee", "Werkplaats", 5), ("Employee", "Kantoor", 2), ("Manager", "Kantoor", 5), ("Hr", "Kantoor", 1)];
        var answers = people.SelectMany((p, i) => Enumerable.Repeat(new Answer(i, Opens, p.Role, p.Department, false), p.Count)).ToList();

        var page = Publish(answers, ["Employee", "Manager", "Hr"], ["Werkplaats", "Kantoor", ""], Opens.AddDays(1), 5, 1);

        Assert.Equal(Opens, page.Day);
        var shown = page.ByRole.Where(g => !g.Hidden).Select(g => g.Group).Concat(page.ByDepartment.Where(g => !g.Hidden && g.Count > 0).Select(g => g.Group)).ToList();
        Assert.False(shown.Contains("Employee") && shown.Contains("Werkplaats"), string.Join(",", shown));
        Assert.Empty(Attack(answers, ["Employee", "Manager", "Hr"], ["Werkplaats", "Kantoor", ""], 4, 5, Publish));
    }

    [Fact]
    public void Someone_who_looks_every_day_cannot_compute_a_count_about_fewer_than_k_people()
    {
        var random = new Random(12_2026);
        var recoveries = new List<string>();
        var shownCounts = 0;
        for (var firm = 0; firm < 1000; firm++)
        {
            var (answers, roles, departments, k) = Generate(random);
            var readers = answers.Count(a => a.Reader) + random.Next(0, 2);
            var effective = EffectiveThreshold.Of(k, readers);
            recoveries.AddRange(Attack(answers, roles, departments, k, effective, Publish).Select(r => $"firm {firm}: {r}"));
            shownCounts += Enumerable.Range(0, 20).Select(d => Publish(answers, roles, departments, Opens.AddDays(d), effective, readers))
                .Sum(p => p.ByRole.Count(g => g.Count > 0) + p.ByDepartment.Count(g => g.Count > 0));
        }

        Assert.True(recoveries.Count == 0, string.Join(Environment.NewLine, recoveries.Take(10)));
        Assert.True(shownCounts > 1500, $"{shownCounts} counts shown");
    }

    [Fact]
    public void With_live_counts_per_breakdown_as_before_the_same_attacker_recovers_small_groups()
    {
        var random = new Random(12_2026);
        var recovered = 0;
        for (var firm = 0; firm < 1000; firm++)
        {
            var (answers, roles, departments, k) = Generate(random);
            recovered += Attack(answers, roles, departments, k, k, OldLivePage).Count > 0 ? 1 : 0;
        }

        Assert.True(recovered > 50, $"{recovered} firms recovered");
    }

    /// <summary>The page as it is now; <paramref name="k"/> is the effective threshold k' and <paramref name="readers"/> the r in it.</summary>
    private static ProgressSnapshot.Published Publish(IReadOnlyList<Answer> answers, IReadOnlyList<string> roles, IReadOnlyList<string> departments, DateOnly today, int k, int readers) =>
        ProgressSnapshot.Publish(
            answers.GroupBy(a => (a.Day, a.Role, a.Department)).Select(g => (g.Key.Day, g.Key.Role, g.Key.Department, g.Count())).ToList(),
            roles, departments, today, k, readers);

    /// <summary>The page before issue #12: live counts, each breakdown on its own.</summary>
    private static ProgressSnapshot.Published OldLivePage(IReadOnlyList<Answer> answers, IReadOnlyList<string> roles, IReadOnlyList<string> departments, DateOnly today, int k, int _)
    {
        var live = answers.Where(a => a.Day <= today).ToList();
        return new ProgressSnapshot.Published(
            today,
            SmallGroupSuppression.Counts(roles.Select(r => (r, live.Count(a => a.Role == r))).ToList(), k),
            departments.Count == 0 ? [] : SmallGroupSuppression.Counts(departments.Select(d => (d, live.Count(a => a.Department == d))).ToList(), k));
    }

    private static (List<Answer> Answers, string[] Roles, string[] Departments, int K) Generate(Random random)
    {
        var k = random.Next(3, 7);
        string[] roles = random.Next(3) switch { 0 => ["Employee"], 1 => ["Employee", "Manager"], _ => ["Employee", "Manager", "Owner", "Hr"] };
        string[] departments = random.Next(3) switch { 0 => [], 1 => ["Werkplaats", "Kantoor", ""], _ => ["Werkplaats", "Kantoor", "Buiten", ""] };
        string Pick(string[] values) => values[(int)Math.Floor(Math.Pow(random.NextDouble(), 2.5) * values.Length)];
        var count = random.Next(3, 50);
        var readers = random.Next(0, 3);
        var answers = Enumerable.Range(0, count).Select(i => new Answer(
            i, Opens.AddDays((int)Math.Floor(Math.Pow(random.NextDouble(), 1.5) * 14)), Pick(roles), departments.Length == 0 ? "" : Pick(departments), i < readers)).ToList();
        return (answers, roles, departments, k);
    }

    /// <summary>
    /// Opens the page on every day from the first to well after the last answer, writes each shown count as an
    /// equation over the people it counts (per role, department and period between snapshot days), adds the
    /// reader's own answer, and searches for a set of 1 to k − 1 other people in their span.
    /// </summary>
    private static List<string> Attack(
        List<Answer> answers, string[] roles, string[] departments, int k, int effective,
        Func<IReadOnlyList<Answer>, IReadOnlyList<string>, IReadOnlyList<string>, DateOnly, int, int, ProgressSnapshot.Published> page)
    {
        var views = Enumerable.Range(0, 20).Select(d => page(answers, roles, departments, Opens.AddDays(d), effective, effective - k)).ToList();
        var snapshots = views.Select(v => v.Day).OfType<DateOnly>().Distinct().Order().ToList();
        var problems = new List<string>();
        var sets = new List<Func<Answer, bool>>();
        foreach (var view in views.Where(v => v.Day is not null))
        {
            var upTo = answers.Where(a => a.Day <= view.Day).ToList();
            sets.Add(a => a.Day <= view.Day);
            foreach (var group in view.ByRole.Where(g => !g.Hidden))
            {
                var n = upTo.Count(a => a.Role == group.Group);
                Expect(group.Count == n && (n == 0 || n >= effective), $"{view.Day} role {group.Group} shown as {group.Count} for {n}", problems);
                sets.Add(a => a.Day <= view.Day && a.Role == group.Group);
            }

            foreach (var group in view.ByDepartment.Where(g => !g.Hidden))
            {
                var n = upTo.Count(a => a.Department == group.Group);
                Expect(group.Count == n && (n == 0 || n >= effective), $"{view.Day} department {group.Group} shown as {group.Count} for {n}", problems);
                sets.Add(a => a.Day <= view.Day && a.Department == group.Group);
            }
        }

        var columns = answers.GroupBy(a => a.Column(snapshots)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var known = sets.Select(set => (IReadOnlySet<string>)answers.Where(set).Select(a => a.Column(snapshots)).ToHashSet(StringComparer.Ordinal)).ToList();
        known.AddRange(answers.Where(a => a.Reader).Select(a => (IReadOnlySet<string>)new HashSet<string>([a.Column(snapshots)], StringComparer.Ordinal)));
        if (SetAttacker.Recoverable(columns, known, c => c.StartsWith("reader", StringComparison.Ordinal), k) is { } recovered)
        {
            problems.Add($"k={k}, k'={effective}: {string.Join(", ", recovered)} ({recovered.Sum(c => columns[c])} people) computed from the counts");
        }

        return problems;
    }

    private static void Expect(bool condition, string problem, List<string> problems)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }
}
