using System.Globalization;
using System.Text;

namespace Leerrijk.Web.Features.Reports.Charts;

/// <summary>A value on a day, for charts over time.</summary>
public sealed record DatedValue(DateOnly On, double Value);

/// <summary>The value axis of a chart over time: from 0 to <paramref name="Maximum"/> with a gridline every
/// <paramref name="Step"/>, tick labels followed by <paramref name="Suffix"/> (such as "%").</summary>
public sealed record ValueAxis(double Maximum, double Step, string Suffix = "")
{
    /// <summary>0–100 in steps of 25, labelled with '%'.</summary>
    public static ValueAxis Percent { get; } = new(100, 25, "%");

    /// <summary>An axis from 0 with at most five round steps (1, 2 or 5 times a power of ten) that reaches
    /// <paramref name="largest"/>.</summary>
    public static ValueAxis Fitting(double largest, string suffix = "")
    {
        if (!double.IsFinite(largest) || largest <= 0)
        {
            return new(5, 1, suffix);
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(largest / 5)));
        foreach (var factor in new[] { 1, 2, 5, 10, 20 })
        {
            var step = factor * magnitude;
            var steps = Math.Ceiling((largest / step) - 1e-9);
            if (steps <= 5)
            {
                return new(Math.Max(1, steps) * step, step, suffix);
            }
        }

        return new(largest, largest, suffix);
    }
}

/// <summary>Progress towards a target over time.</summary>
public static partial class SvgCharts
{
    private const double ProgressPlotHeight = 180;

    // Room to the right of the last date for a value label such as "100%" or "12.500".
    private const double ProgressValueColumn = 64;

    /// <summary>
    /// Progress from a starting value towards a target: the way to the target as a dashed line from
    /// <paramref name="start"/> to <paramref name="target"/>, and what was measured as a solid line through the start
    /// and the <paramref name="measurements"/> in time order, each point marked. Without measurements only the start is
    /// marked and <see cref="ChartOptions.HiddenText"/> says so. Dates run left to right from the earliest to the latest
    /// date given; values run from 0 at the bottom to the axis's maximum (values beyond it are drawn at the edge).
    /// </summary>
    /// <param name="options">Id, text alternative, the "no measurement yet" text, number culture and axis caption.</param>
    /// <param name="axis">The value axis.</param>
    /// <param name="start">The starting value (baseline) and its date.</param>
    /// <param name="target">The target and the date it should be reached.</param>
    /// <param name="measurements">Measured values, in any order.</param>
    /// <param name="targetLegend">Legend text for the dashed line.</param>
    /// <param name="realisationLegend">Legend text for the solid line.</param>
    public static string Progress(
        ChartOptions options, ValueAxis axis, DatedValue start, DatedValue target, IReadOnlyList<DatedValue> measurements, string targetLegend, string realisationLegend)
    {
        Validate(options);
        ArgumentNullException.ThrowIfNull(axis);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentNullException.ThrowIfNull(targetLegend);
        ArgumentNullException.ThrowIfNull(realisationLegend);
        if (!(double.IsFinite(axis.Maximum) && axis.Maximum > 0 && double.IsFinite(axis.Step) && axis.Step > 0))
        {
            throw new ArgumentException("The axis runs from 0 to a positive maximum in positive steps.", nameof(axis));
        }

        RequireFinite(start.Value, nameof(start));
        RequireFinite(target.Value, nameof(target));
        foreach (var m in measurements)
        {
            ArgumentNullException.ThrowIfNull(m, nameof(measurements));
            RequireFinite(m.Value, nameof(measurements));
        }

        // Realisation in time order; measurements of one day keep the order they were given in.
        var realised = new List<DatedValue> { start };
        realised.AddRange(measurements.Select((m, i) => (m, i)).OrderBy(p => p.m.On).ThenBy(p => p.i).Select(p => p.m));

        var body = new StringBuilder();
        var y = Legend(body, Margin,
        [
            new LegendItem(targetLegend, (sb, x, mid) => TargetStroke(sb, x, mid, x + 16, mid)),
            new LegendItem(realisationLegend, (sb, x, mid) =>
            {
                RealisationStroke(sb, [(x, mid), (x + 16, mid)]);
                RealisationPoint(sb, x + 8, mid);
            }),
        ], options.Width);

        var ticks = new List<double>();
        for (var t = 0.0; t <= axis.Maximum + (axis.Step / 1000); t += axis.Step)
        {
            ticks.Add(Math.Min(t, axis.Maximum));
        }

        var tickLabels = ticks.Select(t => TickLabel(t, axis, options.Culture)).ToList();
        var x0 = Margin + tickLabels.Max(t => EstimateWidth(t, SmallFontSize)) + 8;
        var plotWidth = options.Width - Margin - ProgressValueColumn - x0;
        var top = y + (SmallFontSize / 2);
        var bottom = top + ProgressPlotHeight;

        var first = realised.Select(p => p.On).Append(target.On).Min();
        var last = realised.Select(p => p.On).Append(target.On).Max();
        var days = Math.Max(1, last.DayNumber - first.DayNumber);
        double X(DateOnly on) => x0 + ((on.DayNumber - first.DayNumber) / (double)days * plotWidth);
        double Y(double value) => bottom - (Math.Clamp(value, 0, axis.Maximum) / axis.Maximum * ProgressPlotHeight);

        for (var i = 0; i < ticks.Count; i++)
        {
            var ty = Y(ticks[i]);
            body.Append("<line class=\"grid\" x1=\"").Append(Fmt(x0)).Append("\" y1=\"").Append(Fmt(ty)).Append("\" x2=\"")
                .Append(Fmt(x0 + plotWidth)).Append("\" y2=\"").Append(Fmt(ty)).Append("\" stroke=\"")
                .Append(i == 0 ? SecondaryTextColour : GridColour).Append("\" stroke-width=\"1\"/>");
            body.Append("<text class=\"tick\" x=\"").Append(Fmt(x0 - 6)).Append("\" y=\"").Append(Fmt(Baseline(ty, SmallFontSize)))
                .Append("\" font-size=\"").Append(Fmt(SmallFontSize)).Append("\" text-anchor=\"end\" fill=\"").Append(SecondaryTextColour)
                .Append("\">").Append(Escape(tickLabels[i])).Append("</text>");
        }

        // The first and last date under the time axis; the table beside the chart lists every date.
        var dateY = bottom + SmallFontSize + 4;
        DateLabel(body, X(first), dateY, first, "start", options.Culture);
        if (last != first)
        {
            DateLabel(body, X(last), dateY, last, "end", options.Culture);
        }

        var content = new StringBuilder();
        var (sx, sy) = (X(start.On), Y(start.Value));
        var (tx, ty2) = (X(target.On), Y(target.Value));
        TargetStroke(content, sx, sy, tx, ty2);
        content.Append("<circle class=\"target-point\" cx=\"").Append(Fmt(tx)).Append("\" cy=\"").Append(Fmt(ty2))
            .Append("\" r=\"5\" fill=\"#FFFFFF\" stroke=\"").Append(Vermillion).Append("\" stroke-width=\"2\"/>");

        var points = realised.Select(p => (X(p.On), Y(p.Value))).ToList();
        if (points.Count > 1)
        {
            RealisationStroke(content, points);
        }

        foreach (var (px, py) in points)
        {
            RealisationPoint(content, px, py);
        }

        // Values at the ends, so colour and dash are never the only way to tell target and realisation apart.
        var (lx, ly) = points[^1];
        var lastValue = ProgressValue(realised[^1].Value, options, axis);
        var targetValue = ProgressValue(target.Value, options, axis);
        var realisedAbove = ly <= ty2;
        ValueLabel(content, lx + 8, ly + (realisedAbove ? -10 : 12), lastValue, SmallFontSize, bold: true);
        ValueLabel(content, tx + 8, ty2 + (realisedAbove ? 12 : -10), targetValue, SmallFontSize, bold: false);

        if (measurements.Count == 0)
        {
            HiddenLabel(content, x0 + 8, top + SmallFontSize, options.HiddenText, SmallFontSize);
        }

        body.Append(content);
        var height = dateY + 4;
        if (options.AxisCaption is { } caption)
        {
            var lines = Wrap(caption, options.Width - (2 * Margin), SmallFontSize);
            AppendText(body, x0 + (plotWidth / 2), height + SmallFontSize + 2, lines, SmallFontSize, SmallLineHeight, SecondaryTextColour, "middle", "caption", bold: false, italic: false);
            height += (lines.Count * SmallLineHeight) + 4;
        }

        return Document(options, height + Margin, body);
    }

    /// <summary>A value label with at most the chart's decimals and no trailing zeros: "35%" beside "28,5%", not "35,0%".</summary>
    private static string ProgressValue(double value, ChartOptions options, ValueAxis axis) =>
        Round(value, options.Decimals).ToString(options.Decimals == 0 ? "#,0" : "#,0." + new string('#', options.Decimals), options.Culture) + axis.Suffix;

    private static string TickLabel(double value, ValueAxis axis, CultureInfo culture) =>
        value.ToString("#,0.##", culture) + axis.Suffix;

    private static void DateLabel(StringBuilder sb, double x, double y, DateOnly on, string anchor, CultureInfo culture) =>
        sb.Append("<text class=\"date\" x=\"").Append(Fmt(x)).Append("\" y=\"").Append(Fmt(y)).Append("\" font-size=\"")
            .Append(Fmt(SmallFontSize)).Append("\" text-anchor=\"").Append(anchor).Append("\" fill=\"").Append(SecondaryTextColour)
            .Append("\">").Append(Escape(on.ToString("d MMM yyyy", culture))).Append("</text>");

    // Vermillion on white is 3.9:1, above the 3:1 WCAG asks of graphics; the dash tells it from the realisation in print.
    private static void TargetStroke(StringBuilder sb, double x1, double y1, double x2, double y2) =>
        sb.Append("<line class=\"target\" x1=\"").Append(Fmt(x1)).Append("\" y1=\"").Append(Fmt(y1)).Append("\" x2=\"").Append(Fmt(x2))
            .Append("\" y2=\"").Append(Fmt(y2)).Append("\" stroke=\"").Append(Vermillion)
            .Append("\" stroke-width=\"2.5\" stroke-dasharray=\"8 5\"/>");

    private static void RealisationStroke(StringBuilder sb, IReadOnlyList<(double X, double Y)> points)
    {
        sb.Append("<polyline class=\"realisation\" points=\"");
        for (var i = 0; i < points.Count; i++)
        {
            sb.Append(i == 0 ? "" : " ").Append(Fmt(points[i].X)).Append(',').Append(Fmt(points[i].Y));
        }

        sb.Append("\" fill=\"none\" stroke=\"").Append(Blue).Append("\" stroke-width=\"3\" stroke-linejoin=\"round\"/>");
    }

    private static void RealisationPoint(StringBuilder sb, double x, double y) =>
        sb.Append("<circle class=\"point\" cx=\"").Append(Fmt(x)).Append("\" cy=\"").Append(Fmt(y))
            .Append("\" r=\"4.5\" fill=\"").Append(Blue).Append("\" stroke=\"#FFFFFF\" stroke-width=\"1\"/>");
}
