using System.Globalization;
using Leerrijk.Web.Features.Reports.Export;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Programmes;

/// <summary>
/// The yearly report a programme gives its funder: goals, indicator definitions, counts, thresholds and suppression
/// rules, results and method notes. Built from one published computation only (<see cref="MonitorData"/>), so paper and
/// workbook hold exactly what the monitor shows and nothing that could be combined into one company.
/// </summary>
public sealed record FunderReport(MonitorView View, string Css)
{
    /// <summary>The workbook: one sheet per part of the report.</summary>
    public static byte[] Workbook(MonitorView view, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(view);
        var data = view.Data ?? throw new InvalidOperationException("A funder report needs a computed monitor.");
        var programme = view.Programme;
        var culture = CultureInfo.CurrentCulture;
        string Hidden(FigureState state) => l["Monitor.State." + state, data.Threshold];

        var goals = new List<IReadOnlyList<object?>>
        {
            new object?[] { l["Funder.Programme"].Value, programme.Name },
            new object?[] { l["Funder.RunBy"].Value, view.SupportName },
            new object?[] { l["Funder.Period"].Value, $"{programme.StartsOn:yyyy-MM-dd} – {programme.EndsOn:yyyy-MM-dd}" },
            new object?[] { l["Funder.Goal"].Value, programme.Description },
            new object?[] { l["Monitor.Stage.Joined"].Value, programme.TargetCompanies },
            new object?[] { l["Monitor.Stage.Baseline"].Value, programme.TargetBaselines },
            new object?[] { l["Monitor.Stage.Plan"].Value, programme.TargetPlans },
            new object?[] { l["Monitor.Stage.FollowUp"].Value, programme.TargetFollowUps },
            new object?[] { l["Monitor.Indicator.DevelopmentPlanShare"].Value, programme.TargetDevelopmentPlanPercent },
            new object?[] { l["Monitor.Indicator.TrainedShare"].Value, programme.TargetTrainedPercent },
        };

        var f = data.Funnel;
        var reach = new (string Key, int Count, int? Target)[]
        {
            ("Invited", f.Invited, null), ("Joined", f.Joined, f.TargetCompanies), ("Sharing", f.Sharing, null),
            ("Baseline", f.Baseline, f.TargetBaselines), ("Plan", f.Plan, f.TargetPlans), ("FollowUp", f.FollowUp, f.TargetFollowUps),
        }.Select(s => (IReadOnlyList<object?>)new object?[] { l["Monitor.Stage." + s.Key].Value, s.Count, s.Target }).ToList();

        var indicators = data.Indicators.SelectMany(i => i.Points.Select(p => (IReadOnlyList<object?>)new object?[]
        {
            l["Monitor.Indicator." + i.Kind].Value, p.Quarter, p.Value, p.Companies, p.Value is null ? Hidden(p.State) : null, i.Target,
        })).ToList();

        var results = data.Instruments.SelectMany(i => i.Dimensions.Select(d => (IReadOnlyList<object?>)new object?[]
        {
            view.InstrumentTitle(i.InstrumentId), view.DimensionName(d.InstrumentId, d.DimensionId),
            d.Baseline?.Mean, d.Baseline?.Companies, d.Paired?.Baseline, d.Paired?.FollowUp, d.Paired?.Change, d.Paired?.ChangeLow, d.Paired?.ChangeHigh, d.Paired?.Companies,
            d.AgreeShare?.Mean, view.National.For(d.InstrumentId, d.DimensionId)?.Percent,
            d.State == FigureState.Current ? null : Hidden(d.State),
        })).ToList();

        var breakdowns = data.Instruments.SelectMany(i => i.Dimensions.SelectMany(d => d.Breakdowns.SelectMany(b => b.Groups.Select(g => (IReadOnlyList<object?>)new object?[]
        {
            view.InstrumentTitle(i.InstrumentId), view.DimensionName(d.InstrumentId, d.DimensionId), l["Monitor.Group." + b.Attribute].Value, view.GroupName(b.Attribute, g.Group, l),
            g.Baseline?.Mean, g.Baseline?.Companies, g.Paired?.Baseline, g.Paired?.FollowUp, g.Paired?.Change, g.Paired?.Companies,
            g.Baseline is null && g.Paired is null ? l["Monitor.Hidden", data.Threshold].Value : null,
        })))).ToList();

        var support = new List<IReadOnlyList<object?>> { new object?[] { l["Funder.CoachHours"].Value, data.Support.CoachHoursCompanies, data.Support.CoachHours, null } };
        support.AddRange(data.Support.Vouchers.Select(s => (IReadOnlyList<object?>)new object?[] { s.Scheme, s.Companies, s.Vouchers, s.Granted }));
        support.Add(new object?[] { l["Funder.Communities"].Value, data.Support.CommunityCompanies, data.Support.Communities, null });

        var method = new[]
        {
            l["Monitor.Rules", data.Threshold].Value,
            data.KnownCompanies > 0 ? l["Monitor.RulesKnown", data.MinCompanies, data.KnownCompanies, data.Threshold].Value : l["Monitor.RulesFixed", data.MinCompanies].Value,
            l["Monitor.HiddenExplained", data.Threshold].Value,
            l["Funder.TimeRule", data.Threshold].Value,
            l["Monitor.FunnelExplained"].Value,
            l["Funder.IndicatorDefinition"].Value,
            l["Monitor.ChangeExplained"].Value,
            l["Monitor.NationalCaveat"].Value,
            l["Funder.ComputedAt", data.ComputedAtUtc.ToString("yyyy-MM-dd HH:mm", culture) + " UTC"].Value,
        }.Select(t => (IReadOnlyList<object?>)new object?[] { t }).ToList();

        return XlsxExport.Write(
        [
            new(l["Funder.Sheet.Goals"], [l["Funder.Column.What"], l["Funder.Column.Value"]], goals),
            new(l["Funder.Sheet.Reach"], [l["Monitor.Stage"], l["Monitor.Companies"], l["Monitor.Target"]], reach),
            new(l["Funder.Sheet.Indicators"], [l["Funder.Column.Indicator"], l["Monitor.Quarter"], l["Funder.Column.Percent"], l["Monitor.Companies"], l["Funder.Column.Note"], l["Monitor.Target"]], indicators),
            new(l["Funder.Sheet.Results"],
            [
                l["Funder.Column.Scan"], l["Monitor.Dimension"], l["Monitor.Baseline"], l["Funder.Column.BaselineCompanies"], l["Funder.Column.PairedBaseline"], l["Monitor.FollowUp"],
                l["Monitor.Change"], l["Funder.Column.ChangeLow"], l["Funder.Column.ChangeHigh"], l["Funder.Column.PairedCompanies"], l["Funder.Column.AgreeShare"], l["Funder.Column.National"], l["Funder.Column.Note"],
            ], results),
            new(l["Funder.Sheet.Breakdowns"],
            [
                l["Funder.Column.Scan"], l["Monitor.Dimension"], l["Funder.Column.Breakdown"], l["Funder.Column.Group"], l["Monitor.Baseline"], l["Funder.Column.BaselineCompanies"],
                l["Funder.Column.PairedBaseline"], l["Monitor.FollowUp"], l["Monitor.Change"], l["Funder.Column.PairedCompanies"], l["Funder.Column.Note"],
            ], breakdowns),
            new(l["Funder.Sheet.Support"], [l["Monitor.Scheme"], l["Monitor.Companies"], l["Monitor.Vouchers"], l["Monitor.Granted"]], support),
            new(l["Funder.Sheet.Method"], [l["Funder.Column.Note"]], method),
        ]);
    }
}
