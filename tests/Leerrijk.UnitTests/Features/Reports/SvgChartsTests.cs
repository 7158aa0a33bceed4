using System.Globalization;
using System.Xml.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Leerrijk.Web.Features.Reports.Charts;

namespace Leerrijk.UnitTests.Features.Reports;

public sealed class SvgChartsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private static ChartOptions Options(string id = "chart1", CultureInfo? culture = null) =>
        new(id, "Scores per dimensie", "Leren: 73, Delen: 55", "minder dan 5", culture ?? Dutch);

    private static readonly AnswerScale FivePoint = new(
        ["helemaal oneens", "oneens", "neutraal", "eens", "helemaal eens"], "weet niet");

    public static TheoryData<string> AllCharts() => new()
    {
        "bars", "distribution", "groups", "trend",
    };

    private static string Render(string kind, ChartOptions options) => kind switch
    {
        "bars" => SvgCharts.DimensionBars(options, [new("Leren", 73, 65, 80), new("Delen", null)], "95%-interval"),
        "distribution" => SvgCharts.StackedDistribution(options, FivePoint, [new("Leren", [1, 2, 3, 4, 5, 1]), new("Delen", null)]),
        "groups" => SvgCharts.GroupComparison(options, ["Leiding", "Medewerkers"], [new("Leren", [70, null])]),
        "trend" => SvgCharts.Trend(options, "2024", "2025", [new("Leren", 60, 66), new("Delen", null, 50)]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static XElement Parse(string svg) => XDocument.Parse(svg).Root!;

    private static IEnumerable<XElement> WithClass(XElement root, string cssClass) =>
        root.Descendants().Where(e => (string?)e.Attribute("class") == cssClass);

    private static string VisibleText(XElement root) =>
        string.Join("|", root.Descendants(Svg + "text").Select(t => t.Value));

    [Theory]
    [MemberData(nameof(AllCharts))]
    public void Every_chart_is_an_svg_image_named_by_its_title_and_description(string kind)
    {
        var root = Parse(Render(kind, Options("report-leren_1")));

        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("img", (string?)root.Attribute("role"));
        Assert.Equal("report-leren_1-title report-leren_1-desc", (string?)root.Attribute("aria-labelledby"));
        var ids = ((string)root.Attribute("aria-labelledby")!).Split(' ');
        Assert.Equal("Scores per dimensie", root.Descendants().Single(e => (string?)e.Attribute("id") == ids[0]).Value);
        Assert.Equal("Leren: 73, Delen: 55", root.Descendants().Single(e => (string?)e.Attribute("id") == ids[1]).Value);
        Assert.Equal(Svg + "title", root.Elements().First().Name);
        Assert.Equal(Svg + "desc", root.Elements().Skip(1).First().Name);
    }

    /// <summary>On a phone (about 360 px for the chart) the narrow canvas draws every text at 12 px or more.</summary>
    [Theory]
    [MemberData(nameof(AllCharts))]
    public void The_narrow_canvas_keeps_every_text_at_its_size_on_a_phone_and_inside_the_canvas(string kind)
    {
        const double PhoneWidth = 358;
        var root = Parse(Render(kind, Options() with { Width = ChartOptions.NarrowWidth }));

        var viewBox = ((string)root.Attribute("viewBox")!).Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(ChartOptions.NarrowWidth, viewBox[2]);
        var scale = PhoneWidth / viewBox[2];
        foreach (var text in root.Descendants(Svg + "text"))
        {
            var size = double.Parse((string?)text.Attribute("font-size") ?? (string)root.Attribute("font-size")!, CultureInfo.InvariantCulture);
            Assert.True(size * scale >= 12, $"'{text.Value}' is drawn at {size * scale:0.0} px");
        }

        Assert.All(root.Descendants(Svg + "rect").Where(r => r.Attribute("x") is not null), r =>
            Assert.True(double.Parse((string)r.Attribute("x")!, CultureInfo.InvariantCulture) + double.Parse((string)r.Attribute("width")!, CultureInfo.InvariantCulture) <= viewBox[2]));
    }

    [Fact]
    public void Responsive_draws_the_wide_and_the_narrow_chart_with_their_own_ids()
    {
        var html = SvgCharts.Responsive(Options("scores"), o => SvgCharts.DimensionBars(o, [new("Leren", 73)]));

        Assert.StartsWith("<div class=\"chart-wide\"><svg", html, StringComparison.Ordinal);
        Assert.Contains("</div><div class=\"chart-narrow\"><svg", html, StringComparison.Ordinal);
        Assert.Contains("viewBox=\"0 0 640 ", html, StringComparison.Ordinal);
        Assert.Contains("viewBox=\"0 0 340 ", html, StringComparison.Ordinal);
        Assert.Contains("id=\"scores-title\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"scores-narrow-title\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllCharts))]
    public void Every_chart_scales_with_its_container_and_needs_no_script_or_css(string kind)
    {
        var svg = Render(kind, Options());
        var root = Parse(svg);

        var viewBox = ((string)root.Attribute("viewBox")!).Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(new double[] { 0, 0, 640 }, viewBox[..3]);
        Assert.True(viewBox[3] > 0);
        Assert.Equal("100%", (string?)root.Attribute("width"));
        Assert.Null(root.Attribute("height"));
        Assert.Contains("sans-serif", (string?)root.Attribute("font-family"));
        // The site's CSP (style-src 'self') would block inline styles, so there must be none.
        Assert.DoesNotContain(root.DescendantsAndSelf(), e => e.Attribute("style") is not null);
        Assert.Empty(root.Descendants(Svg + "style"));
        Assert.Empty(root.Descendants(Svg + "script"));
        Assert.DoesNotContain("px", svg);
    }

    [Fact]
    public void Dimension_bars_draw_one_bar_and_one_label_per_shown_score_and_a_whisker_where_the_interval_is_known()
    {
        var root = Parse(SvgCharts.DimensionBars(Options(),
        [
            new("Leren", 73, 65, 80),
            new("Delen", 55),
            new("Experimenteren", 40, 30, null),
            new("Reflecteren", null, 10, 20),
        ]));

        Assert.Equal(3, WithClass(root, "bar").Count());
        Assert.Single(WithClass(root, "whisker"));
        Assert.Equal(["73", "55", "40"], WithClass(root, "value").Select(v => v.Value));
        Assert.Equal(["minder dan 5"], WithClass(root, "hidden").Select(v => v.Value));
    }

    [Fact]
    public void A_hidden_dimension_bar_shows_only_the_hidden_text_and_nothing_that_depends_on_its_value()
    {
        string Chart(double low, double high) => SvgCharts.DimensionBars(Options(),
            [new("Leren", 55, 40, 60), new("Delen", null, low, high)]);

        // The caller withholds the score (73.4) by passing null; its interval must not leak through a whisker.
        var svg = Chart(66.1, 79.9);
        Assert.Equal(svg, Chart(1, 99));

        var root = Parse(svg);
        Assert.Single(WithClass(root, "bar"));
        Assert.Single(WithClass(root, "whisker"));
        Assert.DoesNotContain("73", VisibleText(root));
        Assert.DoesNotContain("66", VisibleText(root));
        Assert.Contains("minder dan 5", VisibleText(root));
    }

    [Fact]
    public void A_hidden_value_never_appears_anywhere_in_the_svg()
    {
        // With the score withheld the chart has no source for "73"; no coordinate happens to hold it either.
        var svg = SvgCharts.DimensionBars(Options() with { Description = "Delen: 55" }, [new("Leren", null, 66.1, 79.9), new("Delen", 55)]);

        Assert.DoesNotContain("73", svg);
        Assert.DoesNotContain("66", svg);
        Assert.DoesNotContain("80", svg);
    }

    [Fact]
    public void Scores_are_whole_numbers_by_default_and_Dutch_uses_a_decimal_comma_when_decimals_are_asked()
    {
        DimensionBar[] bars = [new("Leren", 73.44), new("Delen", 72.5)];

        Assert.Equal(["73", "73"], WithClass(Parse(SvgCharts.DimensionBars(Options(), bars)), "value").Select(v => v.Value));
        var dutch = Options() with { Decimals = 1 };
        Assert.Equal(["73,4", "72,5"], WithClass(Parse(SvgCharts.DimensionBars(dutch, bars)), "value").Select(v => v.Value));
        var english = Options(culture: English) with { Decimals = 1 };
        Assert.Equal(["73.4", "72.5"], WithClass(Parse(SvgCharts.DimensionBars(english, bars)), "value").Select(v => v.Value));
    }

    [Fact]
    public void Attributes_use_invariant_numbers_whatever_the_label_culture()
    {
        var svg = SvgCharts.DimensionBars(Options() with { Decimals = 2 }, [new("Leren", 33.333, 10.101, 50.505)]);
        var root = Parse(svg);

        foreach (var attribute in root.Descendants().Attributes().Where(a => a.Name.LocalName is "x" or "y" or "width" or "height" or "x1" or "x2"))
        {
            Assert.DoesNotContain(",", attribute.Value);
        }

        Assert.Equal("33,33", WithClass(root, "value").Single().Value);
    }

    [Fact]
    public void A_low_above_the_high_draws_the_span_between_them()
    {
        var root = Parse(SvgCharts.DimensionBars(Options(), [new("Leren", 50, 70, 30)]));

        var span = WithClass(root, "whisker").Single().Elements().First();
        var x1 = double.Parse((string)span.Attribute("x1")!, CultureInfo.InvariantCulture);
        var x2 = double.Parse((string)span.Attribute("x2")!, CultureInfo.InvariantCulture);
        Assert.True(x1 < x2);
    }

    [Fact]
    public void Scores_outside_zero_to_a_hundred_stay_on_the_canvas()
    {
        var root = Parse(SvgCharts.DimensionBars(Options(), [new("Te hoog", 130, -10, 140), new("Te laag", -5)]));

        foreach (var x in root.Descendants().Attributes().Where(a => a.Name.LocalName is "x" or "x1" or "x2")
            .Select(a => double.Parse(a.Value, CultureInfo.InvariantCulture)))
        {
            Assert.InRange(x, 0, 640);
        }

        Assert.All(WithClass(root, "bar"), b => Assert.True(double.Parse((string)b.Attribute("width")!, CultureInfo.InvariantCulture) >= 0));
    }

    [Fact]
    public void Edge_inputs_give_no_NaN_or_infinity()
    {
        string[] charts =
        [
            SvgCharts.DimensionBars(Options(), []),
            SvgCharts.DimensionBars(Options(), [new("Nul", 0, 0, 0), new("Honderd", 100, 100, 100), new("Omgedraaid", 50, 90, 10)]),
            SvgCharts.StackedDistribution(Options(), FivePoint, []),
            SvgCharts.StackedDistribution(Options(), FivePoint, [new("Niemand", [0, 0, 0, 0, 0, 0])]),
            SvgCharts.StackedDistribution(Options(), new AnswerScale(["ja"]), [new("Alleen ja", [7])]),
            SvgCharts.GroupComparison(Options(), [], []),
            SvgCharts.GroupComparison(Options(), ["A", "B"], [new("Leren", [0, 100])]),
            SvgCharts.Trend(Options(), "2024", "2025", []),
            SvgCharts.Trend(Options(), "2024", "2025", [new("Leren", 0, 100), new("Delen", 100, 0), new("Gelijk", 50, 50)]),
        ];

        foreach (var svg in charts)
        {
            Parse(svg);
            Assert.DoesNotContain("NaN", svg);
            Assert.DoesNotContain("Infinity", svg);
            Assert.DoesNotContain("∞", svg);
            Assert.DoesNotContain("-0\"", svg);
        }
    }

    [Fact]
    public void A_score_that_is_not_a_number_is_refused_rather_than_drawn()
    {
        Assert.Throws<ArgumentException>(() => SvgCharts.DimensionBars(Options(), [new("Leren", double.NaN)]));
        Assert.Throws<ArgumentException>(() => SvgCharts.Trend(Options(), "a", "b", [new("Leren", 1, double.PositiveInfinity)]));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\"&'")]
    [InlineData("]]><x/>")]
    public void Every_caller_text_is_escaped(string text)
    {
        var options = new ChartOptions("c", text, text, text, Dutch) { AxisCaption = text };
        string[] charts =
        [
            SvgCharts.DimensionBars(options, [new(text, 50), new(text, null)], text),
            SvgCharts.StackedDistribution(options, new AnswerScale([text, text], text), [new(text, [1, 2, 3]), new(text, null)]),
            SvgCharts.GroupComparison(options, [text], [new(text, [50]), new(text, [null])]),
            SvgCharts.Trend(options, text, text, [new(text, 1, 2), new(text, null, 2)]),
        ];

        foreach (var svg in charts)
        {
            Assert.DoesNotContain("<script", svg);
            Assert.DoesNotContain("<x/>", svg);
            Assert.DoesNotContain("\"&'", svg);
            var root = Parse(svg);
            Assert.DoesNotContain(root.Descendants(), e => e.Name.LocalName is "script" or "x");
            Assert.Equal(text, root.Element(Svg + "title")!.Value);
            Assert.Equal(text, root.Element(Svg + "desc")!.Value);
            Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == text);
        }

        if (text == "\"&'")
        {
            Assert.Contains("&quot;&amp;&#39;", charts[0]);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("1chart")]
    [InlineData("two words")]
    [InlineData("x\"y")]
    public void An_id_that_is_not_safe_in_an_id_list_is_refused(string id)
    {
        Assert.Throws<ArgumentException>(() => SvgCharts.DimensionBars(Options() with { Id = id }, []));
    }

    [Fact]
    public void A_chart_without_a_title_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SvgCharts.DimensionBars(Options() with { Title = " " }, []));
    }

    [Fact]
    public void The_axis_caption_comes_from_the_caller_and_ticks_are_0_to_100()
    {
        var root = Parse(SvgCharts.DimensionBars(Options() with { AxisCaption = "score (0–100)" }, [new("Leren", 50)]));

        Assert.Equal("score (0–100)", WithClass(root, "caption").Single().Value);
        Assert.Equal(["0", "25", "50", "75", "100"], WithClass(root, "tick").Select(t => t.Value));
    }

    [Fact]
    public void A_distribution_draws_one_segment_per_category_with_answers_and_a_legend_in_scale_order()
    {
        var root = Parse(SvgCharts.StackedDistribution(Options(), FivePoint,
        [
            new("Leren", [2, 3, 5, 6, 4, 0]),
            new("Delen", [0, 0, 1, 0, 0, 1]),
        ]));

        Assert.Equal(5 + 2, WithClass(root, "segment").Count());
        var legend = WithClass(root, "legend").Single().Descendants(Svg + "text").Select(t => t.Value);
        Assert.Equal(["helemaal oneens", "oneens", "neutraal", "eens", "helemaal eens", "weet niet"], legend);
    }

    [Fact]
    public void Segments_fill_exactly_the_bar_and_carry_their_percentage_when_wide_enough()
    {
        var root = Parse(SvgCharts.StackedDistribution(Options(), new AnswerScale(["oneens", "neutraal", "eens"]),
            [new("Leren", [1, 1, 198])]));

        var segments = WithClass(root, "segment").ToList();
        var widths = segments.Select(s => double.Parse((string)s.Element(Svg + "rect")!.Attribute("width")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(624, widths.Sum(), 1);
        // Half a percent of the bar is too narrow for "1%"; the 99% segment has its label.
        Assert.Empty(segments[0].Elements(Svg + "text"));
        Assert.Equal("99%", segments[2].Element(Svg + "text")!.Value);
    }

    [Fact]
    public void Segment_text_meets_WCAG_AA_contrast_on_its_fill()
    {
        var scales = Enumerable.Range(1, 7).Select(n => new AnswerScale(Enumerable.Range(1, n).Select(i => $"c{i}").ToList(), "?"));
        foreach (var scale in scales)
        {
            var counts = Enumerable.Repeat(10, scale.Count).ToList();
            var root = Parse(SvgCharts.StackedDistribution(Options(), scale, [new("Rij", counts)]));
            foreach (var segment in WithClass(root, "segment"))
            {
                var fill = (string)segment.Element(Svg + "rect")!.Attribute("fill")!;
                var text = (string)segment.Element(Svg + "text")!.Attribute("fill")!;
                Assert.True(Contrast(fill, text) >= 4.5, $"{text} on {fill} is {Contrast(fill, text):0.0}:1");
            }
        }
    }

    [Fact]
    public void A_hidden_distribution_row_draws_no_segment_and_does_not_depend_on_the_counts()
    {
        var svg = SvgCharts.StackedDistribution(Options(), FivePoint, [new("Leren", [1, 1, 1, 1, 1, 0]), new("Delen", null)]);
        var root = Parse(svg);

        Assert.Equal(5, WithClass(root, "segment").Count());
        Assert.Equal(["minder dan 5"], WithClass(root, "hidden").Select(h => h.Value));
    }

    [Fact]
    public void A_distribution_row_with_the_wrong_number_of_counts_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SvgCharts.StackedDistribution(Options(), FivePoint, [new("Leren", [1, 2, 3, 4, 5])]));
        Assert.Throws<ArgumentException>(() => SvgCharts.StackedDistribution(Options(), FivePoint, [new("Leren", [1, 2, 3, 4, 5, -1])]));
    }

    [Fact]
    public void Percentages_follow_the_callers_culture()
    {
        var root = Parse(SvgCharts.StackedDistribution(Options(culture: CultureInfo.GetCultureInfo("fr-FR")),
            new AnswerScale(["non", "oui"]), [new("Rij", [1, 3])]));

        var french = CultureInfo.GetCultureInfo("fr-FR");
        Assert.Equal([0.25.ToString("P0", french), 0.75.ToString("P0", french)], WithClass(root, "segment").Select(s => s.Element(Svg + "text")!.Value));
        Assert.NotEqual("25%", 0.25.ToString("P0", french));
    }

    [Fact]
    public void A_group_comparison_names_every_bar_and_hides_a_single_group()
    {
        var root = Parse(SvgCharts.GroupComparison(Options(), ["Leiding", "Medewerkers", "Werkplaats"],
        [
            new("Leren", [70, 60, null]),
            new("Delen", [null, 45, 73.4]),
        ]));

        Assert.Equal(4, WithClass(root, "bar").Count());
        Assert.Equal(["70", "60", "45", "73"], WithClass(root, "value").Select(v => v.Value));
        Assert.Equal(2, WithClass(root, "hidden").Count());
        var legend = WithClass(root, "legend").Single().Descendants(Svg + "text").Select(t => t.Value);
        Assert.Equal(["Leiding", "Medewerkers", "Werkplaats"], legend);
        // Every group is named beside its bar (or its hidden text), in both rows, so colour is never the only cue.
        Assert.Equal(2, WithClass(root, "label").Count(l => l.Value == "Werkplaats"));
        // Bars of one group share a colour across rows.
        var bars = WithClass(root, "bar").Select(b => (string)b.Attribute("fill")!).ToList();
        Assert.Equal(bars[1], bars[2]);
        Assert.NotEqual(bars[0], bars[1]);
    }

    [Fact]
    public void A_group_comparison_row_must_have_a_score_per_group()
    {
        Assert.Throws<ArgumentException>(() => SvgCharts.GroupComparison(Options(), ["A", "B"], [new("Leren", [1])]));
    }

    [Fact]
    public void A_trend_shows_both_rounds_and_the_change_between_the_rounded_scores()
    {
        var root = Parse(SvgCharts.Trend(Options(), "ronde 1", "ronde 2",
        [
            new("Leren", 62.4, 67.6),
            new("Delen", 70, 67),
            new("Gelijk", 50.2, 49.9),
        ]));

        Assert.Equal(3 + 1, WithClass(root, "previous").Count());
        Assert.Equal(3 + 1, WithClass(root, "current").Count());
        Assert.Equal(["+6", "-3", "0"], WithClass(root, "value").Select(v => v.Value));
        var legend = WithClass(root, "legend").Single().Descendants(Svg + "text").Select(t => t.Value);
        Assert.Equal(["ronde 1", "ronde 2"], legend);
    }

    [Fact]
    public void A_trend_change_with_decimals_uses_the_callers_culture()
    {
        var root = Parse(SvgCharts.Trend(Options() with { Decimals = 1 }, "a", "b", [new("Leren", 60.25, 62.75)]));

        Assert.Equal("+2,5", WithClass(root, "value").Single().Value);
    }

    [Fact]
    public void A_trend_row_without_both_rounds_is_not_compared_and_shows_only_the_callers_text()
    {
        string Chart(double known) => SvgCharts.Trend(Options() with { HiddenText = "niet vergelijkbaar" }, "a", "b",
            [new("Leren", null, null), new("Delen", null, known), new("Nieuw", known, null)]);

        var svg = Chart(73.4);
        Assert.Equal(svg, Chart(12));
        var root = Parse(svg);
        // Only the legend's two example markers remain.
        Assert.Single(WithClass(root, "previous"));
        Assert.Single(WithClass(root, "current"));
        Assert.Empty(WithClass(root, "value"));
        Assert.Equal(3, WithClass(root, "hidden").Count(h => h.Value == "niet vergelijkbaar"));
    }

    [Fact]
    public void Ids_differ_between_charts_so_two_can_share_a_page()
    {
        var page = XElement.Parse("<div>" + Render("bars", Options("a")) + Render("bars", Options("b")) + "</div>");

        var ids = page.Descendants().Attributes("id").Select(a => a.Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Long_labels_wrap_onto_more_lines_instead_of_running_off_the_canvas()
    {
        var label = string.Join(' ', Enumerable.Repeat("leercultuur", 20));
        var root = Parse(SvgCharts.DimensionBars(Options(), [new(label, 50)]));

        var lines = WithClass(root, "label").Single().Elements(Svg + "tspan").Select(t => t.Value).ToList();
        Assert.True(lines.Count > 1);
        Assert.Equal(label, string.Join(' ', lines));
        Assert.All(lines, l => Assert.True(l.Length * 14 * 0.6 <= 624));
    }

    [Property(MaxTest = 200)]
    public Property Any_label_and_any_score_give_well_formed_xml_without_NaN()
    {
        var scores = Gen.OneOf(Gen.Choose(-20, 120).Select(i => (double?)(i / 3.0)), Gen.Constant((double?)null));
        return Prop.ForAll(ArbMap.Default.ArbFor<string>(), scores.ToArbitrary(), scores.ToArbitrary(), (label, score, low) =>
        {
            var text = label ?? string.Empty;
            var svg = SvgCharts.DimensionBars(Options(), [new(text, score, low, score is null ? null : score + 5)], text);
            Parse(svg);
            return !svg.Contains("NaN", StringComparison.Ordinal) && !svg.Contains("Infinity", StringComparison.Ordinal);
        });
    }

    private static double Contrast(string a, string b)
    {
        static double Luminance(string hex)
        {
            double Channel(int start)
            {
                var c = int.Parse(hex.AsSpan(start, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
                return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
            }

            return (0.2126 * Channel(1)) + (0.7152 * Channel(3)) + (0.0722 * Channel(5));
        }

        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }
}
