using System.Globalization;
using Leerrijk.Web.Features.Reports.Charts;
using Leerrijk.Web.Infrastructure.Forms;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.ActionPlan;

/// <summary>One plan indicator as the plan page shows it: its name in the reader's language, its values in time order,
/// and its chart (target dashed, realisation solid) with the same figures in words.</summary>
public sealed record IndicatorView(PlanIndicator Indicator, string Name, IReadOnlyList<IndicatorMeasurement> Measurements, string Chart)
{
    /// <summary>The largest value a percentage may have.</summary>
    public const decimal PercentMaximum = 100m;

    /// <summary>The largest value of an indicator counted in numbers: far above what one SME counts (people, courses,
    /// hours per person), low enough that a slip of the keyboard is caught.</summary>
    public const decimal NumberMaximum = 1_000_000m;

    /// <summary>The furthest ahead a target date may lie.</summary>
    public const int TargetYearsAhead = 10;

    public bool HasMeasurement => Measurements.Count > 0;

    /// <summary>What a value of <paramref name="unit"/> may be: 0–100 for a percentage, 0–<see cref="NumberMaximum"/>
    /// for a number, in both cases with at most two decimals (the database keeps cents).</summary>
    public static NumberRule Rule(IndicatorUnit unit) =>
        new(0, unit == IndicatorUnit.Percent ? PercentMaximum : NumberMaximum, 2, Euros: false, Required: true);

    /// <summary>The standard indicators' names are ours, in both languages; a custom one has the company's own.</summary>
    public static string NameOf(PlanIndicator indicator, IStringLocalizer l) =>
        indicator.Kind == IndicatorKind.Custom && !string.IsNullOrWhiteSpace(indicator.Name)
            ? indicator.Name
            : l["Indicator.Kind." + indicator.Kind].Value;

    /// <summary>A value with its unit, formatted for the reader ("33,5%", "12").</summary>
    public static string Format(decimal value, IndicatorUnit unit, CultureInfo culture) =>
        value.ToString("#,0.##", culture) + (unit == IndicatorUnit.Percent ? "%" : "");

    /// <summary>Builds the view of <paramref name="indicator"/> with its <paramref name="measurements"/> (any order).</summary>
    public static IndicatorView Create(PlanIndicator indicator, IEnumerable<IndicatorMeasurement> measurements, IStringLocalizer l, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var ordered = measurements.OrderBy(m => m.MeasuredOn).ThenBy(m => m.CreatedAtUtc).ToList();
        var name = NameOf(indicator, l);
        return new(indicator, name, ordered, Draw(indicator, name, ordered, l, culture));
    }

    /// <summary>0, 1 or 2: how many decimals <paramref name="value"/> needs (the database keeps two).</summary>
    private static int DecimalsOf(decimal value) =>
        decimal.Round(value) == value ? 0 : decimal.Round(value, 1) == value ? 1 : 2;

    private static string Draw(PlanIndicator indicator, string name, IReadOnlyList<IndicatorMeasurement> measurements, IStringLocalizer l, CultureInfo culture)
    {
        // Indicators come from the form, which requires baseline and target; rows stored another way are drawn from
        // what they have, with today standing in for a missing date.
        var fallbackDay = measurements.Count > 0 ? measurements[0].MeasuredOn : DateOnly.FromDateTime(indicator.CreatedAtUtc);
        var start = new DatedValue(indicator.BaselineOn ?? fallbackDay, (double)(indicator.Baseline ?? 0));
        var target = new DatedValue(indicator.TargetOn ?? start.On.AddYears(1), (double)(indicator.Target ?? 0));
        var points = measurements.Select(m => new DatedValue(m.MeasuredOn, (double)m.Value)).ToList();
        var largest = points.Select(p => p.Value).Append(start.Value).Append(target.Value).Max();
        var axis = indicator.Unit == IndicatorUnit.Percent ? ValueAxis.Percent : ValueAxis.Fitting(largest);
        var decimals = measurements.Select(m => m.Value).Append(indicator.Baseline ?? 0).Append(indicator.Target ?? 0).Max(DecimalsOf);

        string Value(decimal? v) => v is { } x ? Format(x, indicator.Unit, culture) : "–";
        string Day(DateOnly? d) => d?.ToString("d MMMM yyyy", culture) ?? "–";
        var description = measurements.Count == 0
            ? l["Indicator.ChartText.NoMeasurement", name, Value(indicator.Baseline), Day(indicator.BaselineOn), Value(indicator.Target), Day(indicator.TargetOn)]
            : l["Indicator.ChartText", name, Value(indicator.Baseline), Day(indicator.BaselineOn), Value(indicator.Target), Day(indicator.TargetOn),
                Value(measurements[^1].Value), Day(measurements[^1].MeasuredOn), measurements.Count];
        var options = new ChartOptions("indicator-" + indicator.Id.ToString("N"), name, description, l["Indicator.NoMeasurement"], culture)
        {
            Decimals = decimals,
            AxisCaption = indicator.Unit == IndicatorUnit.Percent ? l["Indicator.AxisPercent"] : l["Indicator.AxisNumber"],
        };
        return SvgCharts.Progress(options, axis, start, target, points, l["Indicator.TargetLegend"], l["Indicator.RealisationLegend"]);
    }
}
