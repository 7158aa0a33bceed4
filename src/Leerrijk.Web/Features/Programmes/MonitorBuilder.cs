using System.Collections;
using Leerrijk.Scoring.Statistics;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Anonymity;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Reports;
using DimensionScore = Leerrijk.Web.Features.Reports.DimensionScore;

namespace Leerrijk.Web.Features.Programmes;

/// <summary>A company whose results the programme may count, with the groups its figures are broken down by.</summary>
public sealed record SharingCompany(Guid Id, string Sector, SizeClass Size, string Region);

/// <summary>Everything one computation of a programme's monitor reads; gathered by <see cref="ProgrammeComputation"/>.</summary>
public sealed record MonitorInputs(
    Programme Programme,
    DateOnly Today,
    DateTime NowUtc,
    int Invited,
    int Joined,
    IReadOnlyList<SharingCompany> Sharing,
    int KnownCompanies,
    IReadOnlyList<CompanyRoundScores> Rounds,
    IReadOnlySet<Guid> WithPlan,
    IReadOnlyList<(Guid OrganisationId, IndicatorKind Kind, DateOnly On, decimal Value)> Measurements,
    IReadOnlyDictionary<Guid, decimal> CoachHours,
    IReadOnlyList<(Guid OrganisationId, string Scheme, decimal? Granted)> Vouchers,
    MonitorData? Previous,
    Populations? PreviousPopulations,
    IReadOnlyList<(Guid OrganisationId, Guid CommunityId, Guid MemberId)>? CommunityMembers = null);

/// <summary>
/// The company sets behind each figure a computation published (as bit sets over a company list), kept beside the
/// snapshot so the next computation can check that no figure moves by fewer than k companies.
/// </summary>
public sealed record Populations(IReadOnlyList<Guid> Companies, IReadOnlyDictionary<string, string> Sets)
{
    public static readonly Populations Empty = new([], new Dictionary<string, string>());

    public IReadOnlySet<Guid>? Set(string key)
    {
        if (!Sets.TryGetValue(key, out var encoded))
        {
            return null;
        }

        var bits = new BitArray(Convert.FromBase64String(encoded));
        var set = new HashSet<Guid>();
        for (var i = 0; i < Companies.Count && i < bits.Length; i++)
        {
            if (bits[i])
            {
                set.Add(Companies[i]);
            }
        }

        return set;
    }

    public static Populations Of(IReadOnlyDictionary<string, IReadOnlySet<Guid>> sets)
    {
        var companies = sets.Values.SelectMany(s => s).Distinct().Order().ToList();
        var index = companies.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var encoded = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, set) in sets)
        {
            var bits = new BitArray(companies.Count);
            foreach (var company in set)
            {
                bits[index[company]] = true;
            }

            var bytes = new byte[(companies.Count + 7) / 8];
            bits.CopyTo(bytes, 0);
            encoded[key] = Convert.ToBase64String(bytes);
        }

        return new Populations(companies, encoded);
    }
}

/// <summary>
/// Builds a programme's monitor from what <see cref="ProgrammeComputation"/> read: pure, no database, no clock. Every
/// figure about results goes through <see cref="ProgrammeDisclosure"/>; counts of the reach funnel are counts of
/// companies taking part, which the programme knows by name anyway.
/// </summary>
public static class MonitorBuilder
{
    /// <summary>How long before the programme's start a scan still counts as its baseline.</summary>
    public const int BaselineMonthsBeforeStart = 12;

    public static (MonitorData Data, Populations Populations) Build(MonitorInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var programme = inputs.Programme;
        var threshold = ProgrammeDisclosure.Threshold(programme.MinCompanies, inputs.KnownCompanies);
        var sharing = inputs.Sharing.ToDictionary(c => c.Id);
        var published = new Dictionary<string, IReadOnlySet<Guid>>(StringComparer.Ordinal);
        var previous = inputs.PreviousPopulations ?? Populations.Empty;

        var instruments = new List<InstrumentData>();
        var withBaseline = new HashSet<Guid>();
        var withFollowUp = new HashSet<Guid>();
        foreach (var instrumentId in programme.InstrumentIds)
        {
            var phases = Phases(inputs.Rounds.Where(r => sharing.ContainsKey(r.OrganisationId) && (r.InstrumentId == instrumentId || r.ModuleId == instrumentId)), programme.StartsOn);
            withBaseline.UnionWith(phases.Keys);
            withFollowUp.UnionWith(phases.Where(p => p.Value.FollowUp is not null).Select(p => p.Key));
            var dimensionIds = phases.Values.SelectMany(p => p.Baseline.Dimensions).Where(d => d.InstrumentId == instrumentId)
                .Select(d => d.DimensionId).Distinct(StringComparer.Ordinal).ToList();
            var dimensions = dimensionIds.Select(d => Dimension(instrumentId, d, phases, sharing, threshold, inputs, previous, published)).ToList();
            instruments.Add(new InstrumentData(instrumentId, phases.Count, phases.Count(p => p.Value.FollowUp is not null), dimensions));
        }

        var funnel = new FunnelData(
            inputs.Invited, inputs.Joined, inputs.Sharing.Count, withBaseline.Count,
            inputs.Sharing.Count(c => inputs.WithPlan.Contains(c.Id)), withFollowUp.Count,
            programme.TargetCompanies, programme.TargetBaselines, programme.TargetPlans, programme.TargetFollowUps);
        var indicators = new[] { (IndicatorKind.DevelopmentPlanShare, programme.TargetDevelopmentPlanPercent), (IndicatorKind.TrainedShare, programme.TargetTrainedPercent) }
            .Select(i => Indicator(i.Item1, i.Item2, inputs, sharing, threshold, previous, published))
            .ToList();

        // A set keeps its last shown companies until it is shown again, whatever happened in between (hidden, too few),
        // so the next time it is compared with what a reader last saw under that name.
        foreach (var key in previous.Sets.Keys.Where(k => !published.ContainsKey(k)))
        {
            published[key] = previous.Set(key)!;
        }

        var data = new MonitorData(inputs.NowUtc, inputs.Today, programme.MinCompanies, threshold, inputs.KnownCompanies, funnel, indicators, instruments, Support(inputs, sharing, threshold));
        return (data, Populations.Of(published));
    }

    /// <summary>
    /// Per company its baseline (the first closed round from a year before the start) and its follow-up (the latest
    /// closed round after that), for one instrument.
    /// </summary>
    public static Dictionary<Guid, (CompanyRoundScores Baseline, CompanyRoundScores? FollowUp)> Phases(IEnumerable<CompanyRoundScores> rounds, DateOnly startsOn)
    {
        var from = startsOn.AddMonths(-BaselineMonthsBeforeStart);
        var result = new Dictionary<Guid, (CompanyRoundScores, CompanyRoundScores?)>();
        foreach (var company in rounds.Where(r => r.ClosedOn >= from).GroupBy(r => r.OrganisationId))
        {
            var ordered = company.OrderBy(r => r.ClosedOn).ThenBy(r => r.RoundId).ToList();
            result[company.Key] = (ordered[0], ordered.Count > 1 ? ordered[^1] : null);
        }

        return result;
    }

    private static DimensionData Dimension(
        string instrumentId, string dimensionId, Dictionary<Guid, (CompanyRoundScores Baseline, CompanyRoundScores? FollowUp)> phases,
        Dictionary<Guid, SharingCompany> sharing, int threshold, MonitorInputs inputs, Populations previous, Dictionary<string, IReadOnlySet<Guid>> published)
    {
        var key = instrumentId + "/" + dimensionId;
        var values = new List<(SharingCompany Company, DimensionScore Baseline, DimensionScore? FollowUp)>();
        foreach (var (organisationId, (baseline, followUp)) in phases)
        {
            if (baseline.Dimensions.FirstOrDefault(d => d.InstrumentId == instrumentId && d.DimensionId == dimensionId) is { } b)
            {
                var f = followUp?.Dimensions.FirstOrDefault(d => d.InstrumentId == instrumentId && d.DimensionId == dimensionId);
                values.Add((sharing[organisationId], b, f));
            }
        }

        var units = values.Select(v => new CompanyUnit(v.Company.Id, v.Company.Sector, v.Company.Size.ToString(), v.Company.Region, v.FollowUp is not null)).ToList();
        var release = ProgrammeDisclosure.Release(units, threshold);

        // The sets this computation would publish, and whether each may follow the one last published under its name.
        var sets = new Dictionary<string, IReadOnlySet<Guid>>(StringComparer.Ordinal);
        if (release.Baseline)
        {
            sets[key + "/B"] = values.Select(v => v.Company.Id).ToHashSet();
        }

        if (release.Paired)
        {
            sets[key + "/P"] = values.Where(v => v.FollowUp is not null).Select(v => v.Company.Id).ToHashSet();
        }

        foreach (var (attribute, groups) in release.Breakdowns)
        {
            foreach (var group in groups.BaselineGroups)
            {
                sets[$"{key}/B/{attribute}={group}"] = values.Where(v => Of(v.Company, attribute) == group).Select(v => v.Company.Id).ToHashSet();
            }

            foreach (var group in groups.PairedGroups)
            {
                sets[$"{key}/P/{attribute}={group}"] = values.Where(v => v.FollowUp is not null && Of(v.Company, attribute) == group).Select(v => v.Company.Id).ToHashSet();
            }
        }

        if (!MayPublish(sets, previous, threshold, out var onlyAdded))
        {
            var earlier = inputs.Previous?.Instruments.SelectMany(i => i.Dimensions).FirstOrDefault(d => d.InstrumentId == instrumentId && d.DimensionId == dimensionId);
            return onlyAdded && earlier is { State: FigureState.Current or FigureState.Carried }
                ? earlier with { State = FigureState.Carried, AsOf = earlier.AsOf ?? inputs.Previous!.Today }
                : new DimensionData(instrumentId, dimensionId, FigureState.Waiting, null, null, null, null, []);
        }

        foreach (var (setKey, set) in sets)
        {
            published[setKey] = set;
        }

        var baselineStat = release.Baseline ? Mean(values.Select(v => v.Baseline.Score)) : null;
        var agree = release.Baseline ? Mean(values.Where(v => v.Baseline.AgreeSharePercent is not null).Select(v => v.Baseline.AgreeSharePercent!.Value)) : null;
        if (agree is not null && agree.Companies != values.Count)
        {
            // Only the same set as the baseline may be shown; a company without the share would make a new set.
            agree = null;
        }

        var paired = release.Paired ? Paired(values.Where(v => v.FollowUp is not null).Select(v => (v.Baseline.Score, v.FollowUp!.Score))) : null;
        var breakdowns = release.Breakdowns.Select(b => new BreakdownData(
            b.Key,
            values.Select(v => Of(v.Company, b.Key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(group => new GroupData(
                group,
                b.Value.BaselineGroups.Contains(group) ? Mean(values.Where(v => Of(v.Company, b.Key) == group).Select(v => v.Baseline.Score)) : null,
                b.Value.PairedGroups.Contains(group) ? Paired(values.Where(v => v.FollowUp is not null && Of(v.Company, b.Key) == group).Select(v => (v.Baseline.Score, v.FollowUp!.Score))) : null))
                .ToList()))
            .ToList();
        var state = baselineStat is null && paired is null ? FigureState.TooFew : FigureState.Current;
        return new DimensionData(instrumentId, dimensionId, state, null, baselineStat, paired, agree, breakdowns);
    }

    private static IndicatorData Indicator(
        IndicatorKind kind, decimal? target, MonitorInputs inputs, Dictionary<Guid, SharingCompany> sharing, int threshold, Populations previous, Dictionary<string, IReadOnlySet<Guid>> published)
    {
        var programme = inputs.Programme;
        var points = new List<IndicatorPoint>();
        var end = inputs.Today < programme.EndsOn ? inputs.Today : programme.EndsOn;
        for (var quarter = QuarterStart(programme.StartsOn); quarter <= end; quarter = quarter.AddMonths(3))
        {
            var quarterEnd = quarter.AddMonths(3).AddDays(-1);
            var last = inputs.Measurements
                .Where(m => m.Kind == kind && sharing.ContainsKey(m.OrganisationId) && m.On >= quarter && m.On <= quarterEnd)
                .GroupBy(m => m.OrganisationId)
                .ToDictionary(g => g.Key, g => (double)g.OrderBy(m => m.On).Last().Value);
            var name = $"{quarter.Year}-K{((quarter.Month - 1) / 3) + 1}";
            var key = $"indicator/{kind}/{name}";
            if (last.Count < threshold)
            {
                points.Add(new IndicatorPoint(name, quarterEnd, null, null, FigureState.TooFew));
                continue;
            }

            var sets = new Dictionary<string, IReadOnlySet<Guid>>(StringComparer.Ordinal) { [key] = last.Keys.ToHashSet() };
            if (!MayPublish(sets, previous, threshold, out var onlyAdded))
            {
                var earlier = inputs.Previous?.Indicators.FirstOrDefault(i => i.Kind == kind)?.Points.FirstOrDefault(p => p.Quarter == name);
                points.Add(onlyAdded && earlier is { Value: not null }
                    ? earlier with { State = FigureState.Carried }
                    : new IndicatorPoint(name, quarterEnd, null, null, FigureState.Waiting));
                continue;
            }

            published[key] = sets[key];
            points.Add(new IndicatorPoint(name, quarterEnd, last.Count, Math.Round(last.Values.Average(), 1), FigureState.Current));
        }

        return new IndicatorData(kind, target, points, points.Count == 0 || points[^1].Value is null);
    }

    private static SupportUsedData Support(MonitorInputs inputs, Dictionary<Guid, SharingCompany> sharing, int threshold)
    {
        var hours = inputs.CoachHours.Where(h => sharing.ContainsKey(h.Key) && h.Value > 0).ToList();
        var schemes = inputs.Vouchers.Where(v => sharing.ContainsKey(v.OrganisationId))
            .GroupBy(v => v.Scheme, StringComparer.Ordinal)
            .Select(g => new SchemeUse(g.Key, g.Select(v => v.OrganisationId).Distinct().Count(), g.Count(), g.Sum(v => v.Granted ?? 0m)))
            .ToList();
        var shown = schemes.Where(s => s.Companies >= threshold).OrderByDescending(s => s.Companies).ThenBy(s => s.Scheme, StringComparer.Ordinal).ToList();
        var otherCompanies = inputs.Vouchers.Where(v => sharing.ContainsKey(v.OrganisationId) && !shown.Any(s => s.Scheme == v.Scheme))
            .Select(v => v.OrganisationId).Distinct().Count();
        // Learning communities: shown only when at least k sharing companies took part, like every other support figure.
        var members = (inputs.CommunityMembers ?? []).Where(m => sharing.ContainsKey(m.OrganisationId)).ToList();
        var communityCompanies = members.Select(m => m.OrganisationId).Distinct().Count();
        var enough = communityCompanies >= threshold;
        return new SupportUsedData(
            hours.Count >= threshold ? hours.Count : null,
            hours.Count >= threshold ? hours.Sum(h => h.Value) : null,
            shown,
            otherCompanies >= threshold ? otherCompanies : null,
            enough ? communityCompanies : null,
            enough ? members.Select(m => m.CommunityId).Distinct().Count() : null,
            enough ? members.Select(m => m.MemberId).Distinct().Count() : null);
    }

    /// <summary>
    /// True when every set may follow the one published last under its name. <paramref name="onlyAdded"/> tells
    /// whether the sets only grew, so the earlier figures (which hold nobody who left) may stay on screen.
    /// </summary>
    private static bool MayPublish(Dictionary<string, IReadOnlySet<Guid>> sets, Populations previous, int threshold, out bool onlyAdded)
    {
        onlyAdded = true;
        var ok = true;
        foreach (var (key, set) in sets)
        {
            if (previous.Set(key) is { } before && !ProgrammeDisclosure.Follows(before, set, threshold))
            {
                ok = false;
                onlyAdded &= before.All(set.Contains);
            }
        }

        return ok;
    }

    private static string Of(SharingCompany company, string attribute) => attribute switch
    {
        "sector" => company.Sector,
        "size" => company.Size.ToString(),
        _ => company.Region,
    };

    private static DateOnly QuarterStart(DateOnly day) => new(day.Year, (((day.Month - 1) / 3) * 3) + 1, 1);

    /// <summary>The mean over companies with its 95 % t-interval (null below two companies).</summary>
    public static Stat? Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return null;
        }

        var (mean, low, high) = Interval(list);
        return new Stat(list.Count, Math.Round(mean, 1), low is null ? null : Math.Round(low.Value, 1), high is null ? null : Math.Round(high.Value, 1));
    }

    private static PairedStat? Paired(IEnumerable<(double Baseline, double FollowUp)> pairs)
    {
        var list = pairs.ToList();
        if (list.Count == 0)
        {
            return null;
        }

        var (change, low, high) = Interval(list.Select(p => p.FollowUp - p.Baseline).ToList());
        return new PairedStat(
            list.Count, Math.Round(list.Average(p => p.Baseline), 1), Math.Round(list.Average(p => p.FollowUp), 1), Math.Round(change, 1),
            low is null ? null : Math.Round(low.Value, 1), high is null ? null : Math.Round(high.Value, 1));
    }

    private static (double Mean, double? Low, double? High) Interval(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        if (values.Count < 2)
        {
            return (mean, null, null);
        }

        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        var half = StudentT.Quantile(0.975, values.Count - 1) * sd / Math.Sqrt(values.Count);
        return (mean, mean - half, mean + half);
    }
}
