using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Programmes;
using Xunit.Abstractions;

namespace Leerrijk.UnitTests.Features.Programmes;

/// <summary>
/// The company-level attacker: a programme reader who knows every participant's sector, size, region and whether it
/// did a follow-up (the participant list tells much of it) and collects every published figure of two nightly
/// computations, as sums over known sets of companies. If any single company's result lies in the span of those sums,
/// it can be worked out by adding and subtracting. Checked exactly (rational elimination) on generated programmes
/// with small groups, and with a company leaving or joining between the two computations.
/// </summary>
public sealed class ProgrammeAttackerTests(ITestOutputHelper output)
{
    private static readonly string[] Sectors = ["F", "C", "Q", "H", "G"];
    private static readonly SizeClass[] Sizes = [SizeClass.Micro, SizeClass.Small, SizeClass.Medium];
    private static readonly string[] Regions = ["twente", "achterhoek", "regio-zwolle"];

    [Fact]
    public void No_published_figure_or_combination_of_two_computations_isolates_one_company()
    {
        var checkedProgrammes = 0;
        var shownGroups = 0;
        for (var seed = 1; seed <= 400; seed++)
        {
            var random = new Random(seed);
            var count = random.Next(5, 45);
            var minCompanies = random.Next(5, 8);
            var companies = Enumerable.Range(0, count).Select(i => new ProgrammeCases.Company(
                new Guid(i + 1, 0, 0, new byte[8]),
                Skewed(random, Sectors), Skewed(random, Sizes), Skewed(random, Regions),
                random.Next(30, 80), random.NextDouble() < 0.75 ? random.Next(30, 90) : null,
                random.NextDouble() < 0.7 ? random.Next(0, 100) : null)).ToList();

            var (first, populations) = MonitorBuilder.Build(ProgrammeCases.Inputs(companies, minCompanies: minCompanies));

            // Between the two nights one or two companies leave, or join, or one finishes its follow-up.
            var next = random.Next(3) switch
            {
                0 => companies.Where((_, i) => i != random.Next(count)).ToList(),
                1 => [.. companies, new ProgrammeCases.Company(new Guid(1000, 0, 0, new byte[8]), Skewed(random, Sectors), Skewed(random, Sizes), Skewed(random, Regions), 55, 60, 40)],
                _ => companies.Select(c => c.FollowUp is null && random.NextDouble() < 0.3 ? c with { FollowUp = 70 } : c).ToList(),
            };
            var (second, _) = MonitorBuilder.Build(ProgrammeCases.Inputs(next, first, populations, minCompanies: minCompanies));

            // Unknowns: each company's baseline score and its follow-up score (the follow-up of one that just finished
            // is a new unknown, but its baseline is the same one as the night before).
            var all = companies.Concat(next).DistinctBy(c => c.Id).ToList();
            var baselineSpace = new List<HashSet<Guid>>();
            var followUpSpace = new List<HashSet<Guid>>();
            var changeSpace = new List<HashSet<Guid>>();
            var indicatorSpace = new List<HashSet<Guid>>();
            foreach (var (data, members) in new[] { (first, companies), (second, next) })
            {
                var d = ProgrammeCases.DimensionOf(data);
                var basis = d.State == FigureState.Carried ? companies : members;
                var paired = basis.Where(c => c.FollowUp is not null).ToList();
                if (d.Baseline is not null)
                {
                    baselineSpace.Add(basis.Select(c => c.Id).ToHashSet());
                }

                if (d.Paired is not null)
                {
                    followUpSpace.Add(paired.Select(c => c.Id).ToHashSet());
                    changeSpace.Add(paired.Select(c => c.Id).ToHashSet());
                }

                foreach (var breakdown in d.Breakdowns)
                {
                    foreach (var group in breakdown.Groups)
                    {
                        bool In(ProgrammeCases.Company c) => Of(c, breakdown.Attribute) == group.Group;
                        if (group.Baseline is not null)
                        {
                            baselineSpace.Add(basis.Where(In).Select(c => c.Id).ToHashSet());
                            shownGroups++;
                        }

                        if (group.Paired is not null)
                        {
                            followUpSpace.Add(paired.Where(In).Select(c => c.Id).ToHashSet());
                            changeSpace.Add(paired.Where(In).Select(c => c.Id).ToHashSet());
                        }
                    }
                }

                var point = data.Indicators[0].Points[^1];
                if (point.Value is not null)
                {
                    var indicatorBasis = point.State == FigureState.Carried ? companies : members;
                    indicatorSpace.Add(indicatorBasis.Where(c => c.Indicator is not null).Select(c => c.Id).ToHashSet());
                }
            }

            // Follow-up and change of the same set give the baseline over that set: put them in one space, where a
            // row is a vector over (baseline, follow-up) unknowns.
            var ids = all.Select(c => c.Id).ToList();
            var rows = new List<Rational[]>();
            rows.AddRange(baselineSpace.Select(s => Row(ids, s, null)));
            rows.AddRange(followUpSpace.Select(s => Row(ids, null, s)));
            rows.AddRange(changeSpace.Select(s => Row(ids, s, s, negateFirst: true)));
            for (var i = 0; i < ids.Count; i++)
            {
                Assert.False(InSpan(rows, Unit(ids.Count * 2, i)), $"seed {seed}: the baseline of company {i} can be worked out.");
                Assert.False(InSpan(rows, Unit(ids.Count * 2, ids.Count + i)), $"seed {seed}: the follow-up of company {i} can be worked out.");
            }

            var indicatorRows = indicatorSpace.Select(s => Row(ids, s, null)).ToList();
            for (var i = 0; i < ids.Count; i++)
            {
                Assert.False(InSpan(indicatorRows, Unit(ids.Count * 2, i)), $"seed {seed}: the indicator of company {i} can be worked out.");
            }

            checkedProgrammes++;
        }

        output.WriteLine($"{checkedProgrammes} programmes, {shownGroups} shown groups attacked.");

        // The check must have had something to attack: breakdowns were shown in many programmes.
        Assert.True(shownGroups > 200, $"Only {shownGroups} groups were shown; the generator no longer makes attackable programmes.");
    }

    private static T Skewed<T>(Random random, T[] values) => values[Math.Min(values.Length - 1, (int)(values.Length * Math.Pow(random.NextDouble(), 1.8)))];

    private static string Of(ProgrammeCases.Company c, string attribute) => attribute switch
    {
        "sector" => c.Sector,
        "size" => c.Size.ToString(),
        _ => c.Region,
    };

    private static Rational[] Row(List<Guid> ids, IReadOnlySet<Guid>? baseline, IReadOnlySet<Guid>? followUp, bool negateFirst = false)
    {
        var row = Enumerable.Repeat(Rational.Zero, ids.Count * 2).ToArray();
        for (var i = 0; i < ids.Count; i++)
        {
            if (baseline?.Contains(ids[i]) == true)
            {
                row[i] = negateFirst ? Rational.MinusOne : Rational.One;
            }

            if (followUp?.Contains(ids[i]) == true)
            {
                row[ids.Count + i] = Rational.One;
            }
        }

        return row;
    }

    private static Rational[] Unit(int length, int index)
    {
        var row = Enumerable.Repeat(Rational.Zero, length).ToArray();
        row[index] = Rational.One;
        return row;
    }

    /// <summary>Whether <paramref name="target"/> is a rational combination of <paramref name="rows"/> (exact elimination).</summary>
    private static bool InSpan(List<Rational[]> rows, Rational[] target)
    {
        var basis = new List<(int Pivot, Rational[] Row)>();
        foreach (var row in rows)
        {
            if (Reduce(basis, row) is { } reduced)
            {
                basis.Add(reduced);
            }
        }

        return Reduce(basis, target) is null;
    }

    private static (int, Rational[])? Reduce(List<(int Pivot, Rational[] Row)> basis, Rational[] row)
    {
        var r = (Rational[])row.Clone();
        foreach (var (pivot, b) in basis)
        {
            if (!r[pivot].IsZero)
            {
                var factor = r[pivot];
                for (var j = 0; j < r.Length; j++)
                {
                    r[j] -= factor * b[j];
                }
            }
        }

        var first = Array.FindIndex(r, x => !x.IsZero);
        if (first < 0)
        {
            return null;
        }

        var scale = r[first];
        for (var j = 0; j < r.Length; j++)
        {
            r[j] /= scale;
        }

        return (first, r);
    }

    /// <summary>An exact fraction, enough for elimination over small integer matrices.</summary>
    private readonly record struct Rational(System.Numerics.BigInteger N, System.Numerics.BigInteger D)
    {
        public static readonly Rational Zero = new(0, 1);
        public static readonly Rational One = new(1, 1);
        public static readonly Rational MinusOne = new(-1, 1);

        public bool IsZero => N.IsZero;

        private static Rational Make(System.Numerics.BigInteger n, System.Numerics.BigInteger d)
        {
            if (d.Sign < 0)
            {
                (n, d) = (-n, -d);
            }

            var g = System.Numerics.BigInteger.GreatestCommonDivisor(n, d);
            return g.IsZero ? Zero : new Rational(n / g, d / g);
        }

        public static Rational operator -(Rational a, Rational b) => Make((a.N * b.D) - (b.N * a.D), a.D * b.D);

        public static Rational operator *(Rational a, Rational b) => Make(a.N * b.N, a.D * b.D);

        public static Rational operator /(Rational a, Rational b) => Make(a.N * b.D, a.D * b.N);
    }
}
