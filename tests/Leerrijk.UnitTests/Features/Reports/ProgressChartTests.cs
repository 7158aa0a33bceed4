using System.Globalization;
using System.Xml.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Leerrijk.Web.Features.Reports.Charts;

namespace Leerrijk.UnitTests.Features.Reports;

/// <summary>The progress chart of plan indicators: target dashed from baseline to target, realisation solid through the
/// baseline and the measurements in time order, labelled axes, and an explicit state without measurements.</summary>
public sealed class ProgressChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
    private static readonly DateOnly Start = new(2026, 1, 1);

    private static ChartOptions Options() =>
        new("indicator-1", "Medewerkers met een POP", "Nulmeting 20%, doel 50%", "Nog geen meting.", Dutch) { AxisCaption = "procent van de medewerkers" };

    private static XElement Draw(IReadOnlyList<DatedValue> measurements, ValueAxis? axis = null, DatedValue? start = null, DatedValue? target = null) =>
        XDocument.Parse(SvgCharts.Progress(
            Options(), axis ?? ValueAxis.Percent, start ?? new(Start, 20), target ?? new(Start.AddDays(365), 50), measurements, "Doel (gestreept)", "Gemeten (doorgetrokken)")).Root!;

    private static IEnumerable<XElement> WithClass(XElement root, string cssClass) =>
        root.Descendants().Where(e => (string?)e.Attribute("class") == cssClass);

    /// <summary>Elements of a class in the plot, not the legend's keys.</summary>
    private static List<XElement> Plotted(XElement root, string cssClass, string? element = null) =>
        WithClass(root, cssClass)
            .Where(e => e.Parent?.Attribute("class")?.Value != "legend" && (element is null || e.Name == Svg + element))
            .ToList();

    private static double Number(XElement e, string attribute) => double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);

    private static List<(double X, double Y)> Points(XElement polyline) =>
        ((string)polyline.Attribute("points")!).Split(' ')
            .Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToList();

    [Fact]
    public void The_target_is_one_dashed_line_from_the_baseline_to_the_target_and_the_realisation_is_solid()
    {
        var root = Draw([new(Start.AddDays(100), 30), new(Start.AddDays(200), 35)]);

        var target = Assert.Single(Plotted(root, "target", "line"));
        Assert.False(string.IsNullOrWhiteSpace((string?)target.Attribute("stroke-dasharray")));
        var realisation = Assert.Single(Plotted(root, "realisation"));
        Assert.Null(realisation.Attribute("stroke-dasharray"));
        Assert.NotEqual((string?)target.Attribute("stroke"), (string?)realisation.Attribute("stroke"));

        // The dashed line starts where the realisation starts (the baseline) and ends at the target, higher and later.
        var points = Points(realisation);
        Assert.Equal((Number(target, "x1"), Number(target, "y1")), points[0]);
        Assert.True(Number(target, "x2") > Number(target, "x1"));
        Assert.True(Number(target, "y2") < Number(target, "y1"));
    }

    [Fact]
    public void The_realisation_runs_through_the_baseline_and_the_measurements_in_time_order_whatever_order_they_come_in()
    {
        var root = Draw([new(Start.AddDays(200), 45), new(Start.AddDays(50), 25), new(Start.AddDays(120), 30)]);

        var points = Points(Plotted(root, "realisation", "polyline").Single());
        Assert.Equal(4, points.Count);
        Assert.Equal(points.OrderBy(p => p.X), points);
        // Values 20, 25, 30, 45 rise, so y (downwards in SVG) falls, in proportion to the 0–100 axis.
        Assert.Equal(points.OrderByDescending(p => p.Y), points);
        var perPoint = (points[0].Y - points[3].Y) / 25;
        Assert.Equal(perPoint * 5, points[0].Y - points[1].Y, 6);
        var dots = Plotted(root, "point").Select(e => (Number(e, "cx"), Number(e, "cy"))).ToList();
        Assert.Equal(points, dots);
    }

    [Fact]
    public void Time_runs_left_to_right_in_proportion_to_the_days()
    {
        var root = Draw([new(Start.AddDays(73), 30)], target: new(Start.AddDays(365), 50));

        var points = Points(Plotted(root, "realisation", "polyline").Single());
        var target = Plotted(root, "target", "line").Single();
        var share = (points[1].X - points[0].X) / (Number(target, "x2") - points[0].X);
        Assert.Equal(73.0 / 365, share, 2);
    }

    [Fact]
    public void Without_measurements_only_the_baseline_is_marked_and_the_chart_says_so()
    {
        var root = Draw([]);

        Assert.Empty(Plotted(root, "realisation"));
        Assert.Single(Plotted(root, "point"));
        Assert.Contains("Nog geen meting.", root.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Single(Plotted(root, "target", "line"));
    }

    [Fact]
    public void Axes_are_labelled_with_values_dates_and_the_caption_and_the_legend_names_both_lines()
    {
        var root = Draw([new(Start.AddDays(90), 31.5)]);
        var texts = root.Descendants(Svg + "text").Select(t => t.Value).ToList();

        Assert.Equal(["0%", "25%", "50%", "75%", "100%"], WithClass(root, "tick").Select(t => t.Value));
        Assert.Equal(["1 jan 2026", "1 jan 2027"], WithClass(root, "date").Select(t => t.Value));
        Assert.Contains("procent van de medewerkers", texts);
        Assert.Contains("Doel (gestreept)", texts);
        Assert.Contains("Gemeten (doorgetrokken)", texts);
        Assert.Equal(2, texts.Count(t => t == "50%")); // the tick and the target's value label
        Assert.Contains("32%", texts); // the latest measurement, rounded to the chart's decimals
        Assert.Equal("img", (string?)root.Attribute("role"));
        Assert.Equal("Medewerkers met een POP", root.Element(Svg + "title")!.Value);
        Assert.DoesNotContain(root.DescendantsAndSelf(), e => e.Attribute("style") is not null);
    }

    [Fact]
    public void Values_beyond_the_axis_stay_on_the_canvas()
    {
        var root = Draw([new(Start.AddDays(30), 250), new(Start.AddDays(60), -10)], axis: new ValueAxis(100, 25));
        var points = Points(Plotted(root, "realisation", "polyline").Single());
        var grid = WithClass(root, "grid").Select(g => Number(g, "y1")).ToList();

        Assert.Equal(grid.Min(), points[1].Y, 6);
        Assert.Equal(grid.Max(), points[2].Y, 6);
    }

    [Theory]
    [InlineData(0, 5, 1)]
    [InlineData(7, 8, 2)]
    [InlineData(12, 15, 5)]
    [InlineData(48, 50, 10)]
    [InlineData(51, 60, 20)]
    [InlineData(230, 250, 50)]
    [InlineData(1234, 1500, 500)]
    [InlineData(1000000, 1000000, 200000)]
    public void A_fitting_axis_reaches_the_largest_value_in_at_most_five_round_steps(double largest, double maximum, double step)
    {
        var axis = ValueAxis.Fitting(largest);

        Assert.Equal((maximum, step), (axis.Maximum, axis.Step));
    }

    [Property]
    public Property A_fitting_axis_always_covers_the_value_in_one_to_five_steps() =>
        Prop.ForAll(Gen.Choose(1, 100_000_000).Select(n => n / 100.0).ToArbitrary(), largest =>
        {
            var axis = ValueAxis.Fitting(largest);
            var steps = Math.Round(axis.Maximum / axis.Step, 6);
            return axis.Maximum >= largest * (1 - 1e-9) && steps >= 1 && steps <= 5 && steps == Math.Round(steps);
        });
}
