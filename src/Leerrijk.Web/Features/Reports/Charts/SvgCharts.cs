using System.Globalization;
using System.Text;

namespace Leerrijk.Web.Features.Reports.Charts;

/// <summary>
/// What every chart takes from the caller: a page-unique id prefix, the text alternative, the text shown where a
/// figure may not or cannot be shown, and the culture that formats the numbers people read.
/// </summary>
/// <param name="Id">Prefix for the ids inside the SVG, so two charts on one page never share an id. A letter followed
/// by letters, digits, '-' or '_'.</param>
/// <param name="Title">Short text alternative (the chart's accessible name).</param>
/// <param name="Description">Longer text alternative, ideally the figures in words.</param>
/// <param name="HiddenText">Shown instead of a figure that is withheld, e.g. "fewer than 5" for anonymity, or
/// "not comparable" in a trend chart.</param>
/// <param name="Culture">Formats the numbers in labels (Dutch gives a decimal comma).</param>
public sealed record ChartOptions(string Id, string Title, string Description, string HiddenText, CultureInfo Culture)
{
    /// <summary>Decimals in score labels. Whole numbers by default: a survey score of 73.4 promises a precision that a
    /// small company's sample does not have.</summary>
    public int Decimals { get; init; }

    /// <summary>Caption under the 0–100 axis (e.g. "score, 0–100"); none when null.</summary>
    public string? AxisCaption { get; init; }

    /// <summary>
    /// Width of the canvas in user units. The SVG scales to its container, so text is drawn at font size × container
    /// width ÷ this width: 640 suits a page or A4 column, <see cref="NarrowWidth"/> a phone, where 640 would shrink
    /// 14-unit labels to about 7 pixels.
    /// </summary>
    public double Width { get; init; } = WideWidth;

    /// <summary>The canvas for a page or an A4 column.</summary>
    public const double WideWidth = 640;

    /// <summary>The canvas for a phone: at about 360 pixels wide its text is drawn at its own size.</summary>
    public const double NarrowWidth = 340;
}

/// <summary>One dimension's score on 0–100 with its 95% interval; <see cref="Score"/> null means withheld.</summary>
public sealed record DimensionBar(string Label, double? Score, double? Low = null, double? High = null);

/// <summary>The ordered answer categories of a distribution, and optionally a "don't know" category outside the
/// order, which is drawn last and looks different so it is not read as a point on the scale.</summary>
public sealed record AnswerScale(IReadOnlyList<string> Categories, string? DontKnow = null)
{
    /// <summary>How many counts each row must have.</summary>
    public int Count => Categories.Count + (DontKnow is null ? 0 : 1);
}

/// <summary>Counts per answer category in <see cref="AnswerScale"/> order (don't know last); null means withheld.</summary>
public sealed record DistributionRow(string Label, IReadOnlyList<int>? Counts);

/// <summary>One dimension's score per group, in the order of the groups passed to the chart; a null score is withheld
/// for that group only.</summary>
public sealed record GroupComparisonRow(string Label, IReadOnlyList<double?> Scores);

/// <summary>One dimension's score in the previous and in this round; when either is null the row is not compared.</summary>
public sealed record TrendRow(string Label, double? Previous, double? Current);

/// <summary>
/// Server-rendered report charts as SVG strings, for inline HTML, print and headless-Chromium PDF.
/// </summary>
/// <remarks>
/// <para>No script and no CSS at all, not even inline: the site's policy is <c>style-src 'self'</c>, which blocks
/// <c>style</c> attributes and elements, so everything is a presentation attribute (fill, font-size, ...).
/// Classes are only hooks for the site's own stylesheet; the chart does not need them.</para>
/// <para>The canvas is 640 units wide and the SVG scales to its container's width through the viewBox; at A4 print
/// width one unit is about one CSS pixel, which makes the 14-unit text about 10.5 pt.</para>
/// <para>Every visible word comes from the caller. Colours are Okabe–Ito and never the only cue: bars carry their
/// number, segments their percentage and a legend in scale order, groups their name on every bar, and the two
/// rounds of a trend differ in shape (hollow vs filled).</para>
/// <para>A withheld figure draws nothing that depends on it: the SVG for a hidden row is the same whatever its
/// value, so nothing can be read from the bar's width, a whisker or a coordinate.</para>
/// </remarks>
public static partial class SvgCharts
{
    private const double Margin = 8;
    private const double FontSize = 14;
    private const double SmallFontSize = 12;
    private const double LineHeight = 18;
    private const double SmallLineHeight = 15;

    // Room to the right of the 100 mark for a label such as "100,0" or "+100".
    private const double ValueColumn = 64;
    private const double RowGap = 14;

    // An average sans-serif character is about 0.5 em; 0.6 errs on the wide side so text fits rather than overflows.
    private const double CharWidthEm = 0.6;

    private const string FontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

    // Text colours checked against the white background: #1A1A1A is 17:1 and #595959 is 7:1, both above WCAG AA.
    private const string TextColour = "#1A1A1A";
    private const string SecondaryTextColour = "#595959";
    private const string GridColour = "#D9D9D9";

    // Okabe–Ito: distinguishable with the common colour-vision deficiencies.
    private const string Black = "#000000";
    private const string Orange = "#E69F00";
    private const string SkyBlue = "#56B4E9";
    private const string BluishGreen = "#009E73";
    private const string Yellow = "#F0E442";
    private const string Blue = "#0072B2";
    private const string Vermillion = "#D55E00";
    private const string ReddishPurple = "#CC79A7";
    private const string NeutralGrey = "#BBBBBB";

    private static readonly string[] GroupColours = [Blue, Orange, BluishGreen, ReddishPurple, Vermillion, SkyBlue, Yellow, Black];

    // Diverging from disagreement (warm) to agreement (cool), with grey for a middle category.
    private static readonly string[][] ScaleColours =
    [
        [Blue],
        [Vermillion, Blue],
        [Vermillion, NeutralGrey, Blue],
        [Vermillion, Orange, SkyBlue, Blue],
        [Vermillion, Orange, NeutralGrey, SkyBlue, Blue],
        [Vermillion, Orange, Yellow, SkyBlue, BluishGreen, Blue],
        [Vermillion, Orange, Yellow, NeutralGrey, SkyBlue, BluishGreen, Blue],
    ];

    private static readonly int[] Ticks = [0, 25, 50, 75, 100];

    /// <summary>
    /// The chart twice, on the wide and on the narrow canvas, each in a wrapper the stylesheet shows on its own screens
    /// (".chart-wide", ".chart-narrow"): without script, a phone gets labels at their own size and a desktop or paper
    /// the wide layout. The hidden copy is display:none, so a screen reader meets one chart.
    /// </summary>
    /// <param name="options">The wide chart's options; the narrow one gets the id with "-narrow" appended.</param>
    /// <param name="draw">Draws the chart with the options it is given.</param>
    public static string Responsive(ChartOptions options, Func<ChartOptions, string> draw)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(draw);
        return "<div class=\"chart-wide\">" + draw(options with { Width = ChartOptions.WideWidth }) + "</div><div class=\"chart-narrow\">"
            + draw(options with { Id = options.Id + "-narrow", Width = ChartOptions.NarrowWidth }) + "</div>";
    }

    /// <summary>Horizontal bars on 0–100, one per dimension, with the score as a label and an optional 95% interval
    /// whisker (drawn only when both ends are given). A null score shows only <see cref="ChartOptions.HiddenText"/>.</summary>
    /// <param name="options">Id, text alternative, hidden text and number culture.</param>
    /// <param name="bars">One bar per dimension, top to bottom.</param>
    /// <param name="intervalLegend">Legend text for the whisker, e.g. "95% interval"; no legend when null.</param>
    public static string DimensionBars(ChartOptions options, IReadOnlyList<DimensionBar> bars, string? intervalLegend = null)
    {
        Validate(options);
        ArgumentNullException.ThrowIfNull(bars);
        var body = new StringBuilder();
        var y = Margin;

        if (intervalLegend is not null)
        {
            y = Legend(body, y, [new LegendItem(intervalLegend, (sb, x, mid) => Whisker(sb, x, x + 16, mid))], options.Width);
        }

        var x0 = Margin;
        var plotWidth = options.Width - (2 * Margin) - ValueColumn;
        var top = y;
        var rows = new StringBuilder();
        foreach (var bar in bars)
        {
            ArgumentNullException.ThrowIfNull(bar);
            y = Label(rows, Margin, y, bar.Label, options.Width - (2 * Margin), FontSize, LineHeight, bold: false) + 4;
            const double BarHeight = 20;
            var mid = y + (BarHeight / 2);
            if (bar.Score is not { } score)
            {
                HiddenLabel(rows, x0, mid, options.HiddenText, FontSize);
            }
            else
            {
                RequireFinite(score, nameof(bars));
                var end = Scale(score, x0, plotWidth);
                rows.Append("<rect class=\"bar\" x=\"").Append(Fmt(x0)).Append("\" y=\"").Append(Fmt(y))
                    .Append("\" width=\"").Append(Fmt(end - x0)).Append("\" height=\"").Append(Fmt(BarHeight))
                    .Append("\" fill=\"").Append(Blue).Append("\"/>");
                var labelX = end;
                if (bar.Low is { } low && bar.High is { } high)
                {
                    RequireFinite(low, nameof(bars));
                    RequireFinite(high, nameof(bars));
                    // A low above the high is a caller's slip; drawing the span between them is the honest reading.
                    var from = Scale(Math.Min(low, high), x0, plotWidth);
                    var to = Scale(Math.Max(low, high), x0, plotWidth);
                    Whisker(rows, from, to, mid);
                    labelX = Math.Max(labelX, to);
                }

                ValueLabel(rows, labelX + 6, mid, FormatNumber(score, options), FontSize, bold: true);
            }

            y += BarHeight + RowGap;
        }

        var bottom = bars.Count == 0 ? top : y - RowGap + 4;
        var grid = new StringBuilder();
        y = Axis(grid, rows, x0, plotWidth, top, bottom, options);
        return Document(options, y + Margin, body.Append(grid).Append(rows));
    }

    /// <summary>One 100%-stacked bar per row over ordered answer categories, with a percentage inside each segment
    /// that is wide enough and a legend in scale order. A row with null counts shows only the hidden text.</summary>
    public static string StackedDistribution(ChartOptions options, AnswerScale scale, IReadOnlyList<DistributionRow> rows)
    {
        Validate(options);
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(scale.Categories);
        ArgumentNullException.ThrowIfNull(rows);
        if (scale.Categories.Count == 0 || scale.Categories.Count > ScaleColours.Length)
        {
            throw new ArgumentException(
                $"A scale has 1 to {ScaleColours.Length} ordered categories; more cannot be told apart.", nameof(scale));
        }

        RequireTexts(scale.Categories, nameof(scale));
        var fills = ScaleColours[scale.Categories.Count - 1].ToList();
        var labels = scale.Categories.ToList();
        if (scale.DontKnow is not null)
        {
            // White with an outline: clearly not a colour on the scale, and it prints the same in black and white.
            fills.Add("#FFFFFF");
            labels.Add(scale.DontKnow);
        }

        var body = new StringBuilder();
        var legend = labels.Select((label, i) => new LegendItem(label, (sb, x, mid) => Swatch(sb, x, mid, fills[i]))).ToList();
        var y = Legend(body, Margin, legend, options.Width) + 4;

        var x0 = Margin;
        var barWidth = options.Width - (2 * Margin);
        const double BarHeight = 24;
        foreach (var row in rows)
        {
            ArgumentNullException.ThrowIfNull(row);
            y = Label(body, Margin, y, row.Label, barWidth, FontSize, LineHeight, bold: false) + 4;
            var mid = y + (BarHeight / 2);
            if (row.Counts is not { } counts)
            {
                HiddenLabel(body, x0, mid, options.HiddenText, FontSize);
            }
            else
            {
                if (counts.Count != scale.Count)
                {
                    throw new ArgumentException($"Row '{row.Label}' has {counts.Count} counts; the scale has {scale.Count}.", nameof(rows));
                }

                if (counts.Any(c => c < 0))
                {
                    throw new ArgumentException($"Row '{row.Label}' has a negative count.", nameof(rows));
                }

                long total = counts.Sum(c => (long)c);
                if (total == 0)
                {
                    // No answers: an empty outline keeps the rows aligned without inventing a distribution.
                    body.Append("<rect class=\"empty\" x=\"").Append(Fmt(x0)).Append("\" y=\"").Append(Fmt(y))
                        .Append("\" width=\"").Append(Fmt(barWidth)).Append("\" height=\"").Append(Fmt(BarHeight))
                        .Append("\" fill=\"none\" stroke=\"").Append(NeutralGrey).Append("\"/>");
                }
                else
                {
                    var x = x0;
                    for (var i = 0; i < counts.Count; i++)
                    {
                        if (counts[i] == 0)
                        {
                            continue;
                        }

                        var share = (double)counts[i] / total;
                        var width = share * barWidth;
                        var fill = fills[i];
                        var dontKnow = scale.DontKnow is not null && i == counts.Count - 1;
                        body.Append("<g class=\"segment\"><rect x=\"").Append(Fmt(x)).Append("\" y=\"").Append(Fmt(y))
                            .Append("\" width=\"").Append(Fmt(width)).Append("\" height=\"").Append(Fmt(BarHeight))
                            .Append("\" fill=\"").Append(fill).Append("\" stroke=\"")
                            .Append(dontKnow ? SecondaryTextColour : "#FFFFFF").Append("\" stroke-width=\"1\"/>");
                        var percent = FormatPercent(share, options.Culture);
                        if (width >= EstimateWidth(percent, SmallFontSize) + 6)
                        {
                            body.Append("<text x=\"").Append(Fmt(x + (width / 2))).Append("\" y=\"").Append(Fmt(Baseline(mid, SmallFontSize)))
                                .Append("\" font-size=\"").Append(Fmt(SmallFontSize)).Append("\" text-anchor=\"middle\" fill=\"")
                                .Append(ReadableTextOn(fill)).Append("\">").Append(Escape(percent)).Append("</text>");
                        }

                        body.Append("</g>");
                        x += width;
                    }
                }
            }

            y += BarHeight + RowGap;
        }

        return Document(options, Math.Max(y - RowGap, Margin) + Margin, body);
    }

    /// <summary>Per dimension one bar per group on 0–100, each bar named and labelled with its score, and a legend by
    /// group. A null score hides that group's bar and number only.</summary>
    public static string GroupComparison(ChartOptions options, IReadOnlyList<string> groups, IReadOnlyList<GroupComparisonRow> rows)
    {
        Validate(options);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(rows);
        RequireTexts(groups, nameof(groups));

        var body = new StringBuilder();
        var legend = groups.Select((g, i) => new LegendItem(g, (sb, x, mid) => Swatch(sb, x, mid, GroupColour(i)))).ToList();
        var y = groups.Count == 0 ? Margin : Legend(body, Margin, legend, options.Width);

        // The group's name sits beside every bar, so no bar is known by its colour alone.
        var nameColumn = Math.Min(options.Width * 0.3, groups.Select(g => EstimateWidth(g, SmallFontSize)).DefaultIfEmpty(0).Max());
        var x0 = Margin + nameColumn + 8;
        var plotWidth = options.Width - Margin - ValueColumn - x0;
        var top = y;
        var content = new StringBuilder();
        const double BarHeight = 14;
        foreach (var row in rows)
        {
            ArgumentNullException.ThrowIfNull(row);
            ArgumentNullException.ThrowIfNull(row.Scores);
            if (row.Scores.Count != groups.Count)
            {
                throw new ArgumentException($"Row '{row.Label}' has {row.Scores.Count} scores for {groups.Count} groups.", nameof(rows));
            }

            y = Label(content, Margin, y, row.Label, options.Width - (2 * Margin), FontSize, LineHeight, bold: true) + 4;
            for (var i = 0; i < groups.Count; i++)
            {
                var nameLines = Wrap(groups[i], nameColumn, SmallFontSize);
                var height = Math.Max(BarHeight + 2, nameLines.Count * SmallLineHeight);
                var mid = y + (height / 2);
                Label(content, Margin, mid - (nameLines.Count * SmallLineHeight / 2), groups[i], nameColumn, SmallFontSize, SmallLineHeight, bold: false);
                if (row.Scores[i] is not { } score)
                {
                    HiddenLabel(content, x0, mid, options.HiddenText, SmallFontSize);
                }
                else
                {
                    RequireFinite(score, nameof(rows));
                    var end = Scale(score, x0, plotWidth);
                    // The outline gives light colours (yellow, sky blue) the 3:1 edge against white that WCAG asks of graphics.
                    content.Append("<rect class=\"bar\" x=\"").Append(Fmt(x0)).Append("\" y=\"").Append(Fmt(mid - (BarHeight / 2)))
                        .Append("\" width=\"").Append(Fmt(end - x0)).Append("\" height=\"").Append(Fmt(BarHeight))
                        .Append("\" fill=\"").Append(GroupColour(i)).Append("\" stroke=\"").Append(TextColour)
                        .Append("\" stroke-width=\"0.75\"/>");
                    ValueLabel(content, end + 6, mid, FormatNumber(score, options), SmallFontSize, bold: true);
                }

                y += height + 4;
            }

            y += RowGap - 4;
        }

        var bottom = rows.Count == 0 ? top : y - RowGap + 4;
        var grid = new StringBuilder();
        y = Axis(grid, content, x0, plotWidth, top, bottom, options);
        return Document(options, y + Margin, body.Append(grid).Append(content));
    }

    /// <summary>Per dimension the previous round (hollow circle) and this round (filled circle) on 0–100, joined by a
    /// line, with the change as a label. When either score is null, only the hidden ("not comparable") text shows.</summary>
    /// <remarks>The change is taken between the rounded scores, so it always matches the scores printed elsewhere in
    /// the report (62 → 68 reads +6, never +5).</remarks>
    public static string Trend(ChartOptions options, string previousLabel, string currentLabel, IReadOnlyList<TrendRow> rows)
    {
        Validate(options);
        ArgumentNullException.ThrowIfNull(previousLabel);
        ArgumentNullException.ThrowIfNull(currentLabel);
        ArgumentNullException.ThrowIfNull(rows);

        var body = new StringBuilder();
        var y = Legend(body, Margin,
        [
            new LegendItem(previousLabel, (sb, x, mid) => PreviousMarker(sb, x + 8, mid)),
            new LegendItem(currentLabel, (sb, x, mid) => CurrentMarker(sb, x + 8, mid)),
        ], options.Width);

        // The previous round's ring is drawn larger than this round's dot, so with no change both stay visible.
        // Markers reach 8 units from their centre; the inset keeps 0 and 100 inside the canvas.
        var x0 = Margin + 8;
        var plotWidth = options.Width - (2 * Margin) - ValueColumn - 8;
        var top = y;
        var content = new StringBuilder();
        const double RowHeight = 20;
        foreach (var row in rows)
        {
            ArgumentNullException.ThrowIfNull(row);
            y = Label(content, Margin, y, row.Label, options.Width - (2 * Margin), FontSize, LineHeight, bold: false) + 4;
            var mid = y + (RowHeight / 2);
            if (row.Previous is not { } previous || row.Current is not { } current)
            {
                HiddenLabel(content, Margin, mid, options.HiddenText, FontSize);
            }
            else
            {
                RequireFinite(previous, nameof(rows));
                RequireFinite(current, nameof(rows));
                var from = Scale(previous, x0, plotWidth);
                var to = Scale(current, x0, plotWidth);
                content.Append("<line class=\"change\" x1=\"").Append(Fmt(from)).Append("\" y1=\"").Append(Fmt(mid))
                    .Append("\" x2=\"").Append(Fmt(to)).Append("\" y2=\"").Append(Fmt(mid))
                    .Append("\" stroke=\"").Append(SecondaryTextColour).Append("\" stroke-width=\"3\"/>");
                PreviousMarker(content, from, mid);
                CurrentMarker(content, to, mid);
                var change = Round(current, options.Decimals) - Round(previous, options.Decimals);
                content.Append("<text class=\"value\" x=\"").Append(Fmt(options.Width - Margin)).Append("\" y=\"").Append(Fmt(Baseline(mid, FontSize)))
                    .Append("\" text-anchor=\"end\" font-weight=\"bold\" fill=\"").Append(TextColour)
                    .Append("\">").Append(Escape(FormatChange(change, options))).Append("</text>");
            }

            y += RowHeight + RowGap;
        }

        var bottom = rows.Count == 0 ? top : y - RowGap + 4;
        var grid = new StringBuilder();
        y = Axis(grid, content, x0, plotWidth, top, bottom, options);
        return Document(options, y + Margin, body.Append(grid).Append(content));
    }

    private sealed record LegendItem(string Text, Action<StringBuilder, double, double> DrawKey);

    private static string Document(ChartOptions options, double height, StringBuilder body)
    {
        var id = options.Id;
        var sb = new StringBuilder(body.Length + 512);
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").Append(Fmt(options.Width)).Append(' ')
            .Append(Fmt(height)).Append("\" width=\"100%\" role=\"img\" aria-labelledby=\"").Append(id).Append("-title ")
            .Append(id).Append("-desc\" font-family=\"").Append(Escape(FontFamily)).Append("\" font-size=\"")
            .Append(Fmt(FontSize)).Append("\">");
        sb.Append("<title id=\"").Append(id).Append("-title\">").Append(Escape(options.Title)).Append("</title>");
        sb.Append("<desc id=\"").Append(id).Append("-desc\">").Append(Escape(options.Description)).Append("</desc>");
        // The contrast of every colour was chosen against white; a dark page or a dark-mode viewer must not change that.
        sb.Append("<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>");
        sb.Append(body);
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static void Validate(ChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Culture);
        ArgumentNullException.ThrowIfNull(options.HiddenText);
        ArgumentNullException.ThrowIfNull(options.Description);
        if (string.IsNullOrWhiteSpace(options.Title))
        {
            throw new ArgumentException("A chart needs a title: it is the chart's text alternative.", nameof(options));
        }

        // The id lands unescaped in id and aria-labelledby (a space-separated list), so it is kept to a safe alphabet.
        var id = options.Id;
        if (string.IsNullOrEmpty(id) || !char.IsAsciiLetter(id[0]) || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException("The id is a letter followed by ASCII letters, digits, '-' or '_'.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.Width, 280, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Width, 1280, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Decimals, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Decimals, 3, nameof(options));
    }

    private static void RequireTexts(IEnumerable<string> texts, string parameter)
    {
        if (texts.Any(t => t is null))
        {
            throw new ArgumentException("Every legend text is given; none is null.", parameter);
        }
    }

    private static void RequireFinite(double value, string parameter)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException("Scores must be finite numbers.", parameter);
        }
    }

    private static double Scale(double value, double x0, double plotWidth) => x0 + (Math.Clamp(value, 0, 100) / 100 * plotWidth);

    private static string GroupColour(int index) => GroupColours[index % GroupColours.Length];

    /// <summary>Gridlines behind the data, tick labels and the optional caption below; returns the new bottom.</summary>
    private static double Axis(StringBuilder grid, StringBuilder front, double x0, double plotWidth, double top, double bottom, ChartOptions options)
    {
        foreach (var tick in Ticks)
        {
            var x = x0 + (tick / 100.0 * plotWidth);
            grid.Append("<line class=\"grid\" x1=\"").Append(Fmt(x)).Append("\" y1=\"").Append(Fmt(top)).Append("\" x2=\"")
                .Append(Fmt(x)).Append("\" y2=\"").Append(Fmt(bottom)).Append("\" stroke=\"").Append(GridColour)
                .Append("\" stroke-width=\"1\"/>");
            var anchor = tick == 0 ? "start" : tick == 100 ? "end" : "middle";
            front.Append("<text class=\"tick\" x=\"").Append(Fmt(x)).Append("\" y=\"").Append(Fmt(bottom + SmallFontSize + 2))
                .Append("\" font-size=\"").Append(Fmt(SmallFontSize)).Append("\" text-anchor=\"").Append(anchor)
                .Append("\" fill=\"").Append(SecondaryTextColour).Append("\">")
                .Append(tick.ToString(options.Culture)).Append("</text>");
        }

        var y = bottom + SmallLineHeight + 4;
        if (options.AxisCaption is { } caption)
        {
            var lines = Wrap(caption, options.Width - (2 * Margin), SmallFontSize);
            AppendText(front, x0 + (plotWidth / 2), y + SmallFontSize + 2, lines, SmallFontSize, SmallLineHeight, SecondaryTextColour, "middle", "caption", bold: false, italic: false);
            y += (lines.Count * SmallLineHeight) + 4;
        }

        return y;
    }

    /// <summary>Legend items flow left to right and wrap; returns the y below the legend.</summary>
    private static double Legend(StringBuilder sb, double top, IReadOnlyList<LegendItem> items, double width)
    {
        const double KeyWidth = 16;
        const double KeyGap = 6;
        const double ItemGap = 18;
        var maxTextWidth = width - (2 * Margin) - KeyWidth - KeyGap;
        var x = Margin;
        var y = top;
        var lineHeight = 0.0;
        sb.Append("<g class=\"legend\">");
        foreach (var item in items)
        {
            var lines = Wrap(item.Text, maxTextWidth, SmallFontSize);
            var textWidth = lines.Count == 0 ? 0 : lines.Max(l => EstimateWidth(l, SmallFontSize));
            var itemWidth = KeyWidth + KeyGap + textWidth;
            var itemHeight = Math.Max(1, lines.Count) * SmallLineHeight;
            if (x > Margin && x + itemWidth > width - Margin)
            {
                x = Margin;
                y += lineHeight + 4;
                lineHeight = 0;
            }

            item.DrawKey(sb, x, y + (SmallLineHeight / 2));
            AppendText(sb, x + KeyWidth + KeyGap, y + SmallFontSize - 1, lines, SmallFontSize, SmallLineHeight, TextColour, null, null, bold: false, italic: false);
            x += itemWidth + ItemGap;
            lineHeight = Math.Max(lineHeight, itemHeight);
        }

        sb.Append("</g>");
        return y + lineHeight + 10;
    }

    private static void Swatch(StringBuilder sb, double x, double mid, string fill) =>
        sb.Append("<rect x=\"").Append(Fmt(x)).Append("\" y=\"").Append(Fmt(mid - 6)).Append("\" width=\"12\" height=\"12\" fill=\"")
            .Append(fill).Append("\" stroke=\"").Append(SecondaryTextColour).Append("\" stroke-width=\"0.75\"/>");

    private static void Whisker(StringBuilder sb, double from, double to, double mid)
    {
        // Black on the blue bar is 4:1 and on white 21:1, above the 3:1 WCAG asks of graphics.
        sb.Append("<g class=\"whisker\" stroke=\"").Append(Black).Append("\" stroke-width=\"1.5\">");
        sb.Append("<line x1=\"").Append(Fmt(from)).Append("\" y1=\"").Append(Fmt(mid)).Append("\" x2=\"").Append(Fmt(to))
            .Append("\" y2=\"").Append(Fmt(mid)).Append("\"/>");
        foreach (var x in new[] { from, to })
        {
            sb.Append("<line x1=\"").Append(Fmt(x)).Append("\" y1=\"").Append(Fmt(mid - 5)).Append("\" x2=\"").Append(Fmt(x))
                .Append("\" y2=\"").Append(Fmt(mid + 5)).Append("\"/>");
        }

        sb.Append("</g>");
    }

    private static void PreviousMarker(StringBuilder sb, double x, double mid) =>
        sb.Append("<circle class=\"previous\" cx=\"").Append(Fmt(x)).Append("\" cy=\"").Append(Fmt(mid))
            .Append("\" r=\"7\" fill=\"#FFFFFF\" stroke=\"").Append(TextColour).Append("\" stroke-width=\"2\"/>");

    private static void CurrentMarker(StringBuilder sb, double x, double mid) =>
        sb.Append("<circle class=\"current\" cx=\"").Append(Fmt(x)).Append("\" cy=\"").Append(Fmt(mid))
            .Append("\" r=\"5.5\" fill=\"").Append(Blue).Append("\" stroke=\"").Append(TextColour).Append("\" stroke-width=\"1\"/>");

    /// <summary>Writes a wrapped label with its first baseline one line below <paramref name="top"/>; returns the y below it.</summary>
    private static double Label(StringBuilder sb, double x, double top, string text, double maxWidth, double fontSize, double lineHeight, bool bold)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = Wrap(text, maxWidth, fontSize);
        if (lines.Count == 0)
        {
            return top;
        }

        AppendText(sb, x, top + fontSize, lines, fontSize, lineHeight, TextColour, null, "label", bold, italic: false);
        return top + (lines.Count * lineHeight);
    }

    /// <summary>The baseline that centres a line of text on <paramref name="mid"/>. Computed rather than left to
    /// dominant-baseline, which some PDF and image converters ignore.</summary>
    private static double Baseline(double mid, double fontSize) => mid + (0.35 * fontSize);

    private static void HiddenLabel(StringBuilder sb, double x, double mid, string text, double fontSize) =>
        sb.Append("<text class=\"hidden\" x=\"").Append(Fmt(x)).Append("\" y=\"").Append(Fmt(Baseline(mid, fontSize))).Append("\" font-size=\"")
            .Append(Fmt(fontSize)).Append("\" font-style=\"italic\" fill=\"").Append(SecondaryTextColour)
            .Append("\">").Append(Escape(text)).Append("</text>");

    private static void ValueLabel(StringBuilder sb, double x, double mid, string text, double fontSize, bool bold)
    {
        sb.Append("<text class=\"value\" x=\"").Append(Fmt(x)).Append("\" y=\"").Append(Fmt(Baseline(mid, fontSize))).Append("\" font-size=\"")
            .Append(Fmt(fontSize)).Append("\" fill=\"").Append(TextColour).Append('"');
        if (bold)
        {
            sb.Append(" font-weight=\"bold\"");
        }

        sb.Append('>').Append(Escape(text)).Append("</text>");
    }

    private static void AppendText(StringBuilder sb, double x, double baseline, IReadOnlyList<string> lines, double fontSize, double lineHeight,
        string fill, string? anchor, string? cssClass, bool bold, bool italic)
    {
        sb.Append("<text");
        if (cssClass is not null)
        {
            sb.Append(" class=\"").Append(cssClass).Append('"');
        }

        sb.Append(" x=\"").Append(Fmt(x)).Append("\" y=\"").Append(Fmt(baseline)).Append("\" font-size=\"").Append(Fmt(fontSize))
            .Append("\" fill=\"").Append(fill).Append('"');
        if (anchor is not null)
        {
            sb.Append(" text-anchor=\"").Append(anchor).Append('"');
        }

        if (bold)
        {
            sb.Append(" font-weight=\"bold\"");
        }

        if (italic)
        {
            sb.Append(" font-style=\"italic\"");
        }

        sb.Append('>');
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines.Count == 1)
            {
                sb.Append(Escape(lines[i]));
                break;
            }

            sb.Append("<tspan x=\"").Append(Fmt(x)).Append("\" dy=\"").Append(Fmt(i == 0 ? 0 : lineHeight)).Append("\">")
                .Append(Escape(lines[i])).Append("</tspan>");
        }

        sb.Append("</text>");
    }

    /// <summary>Greedy word wrap on an estimated width, because SVG text does not wrap by itself and the server cannot
    /// measure the font the reader's browser will pick. Words longer than a line are cut.</summary>
    private static IReadOnlyList<string> Wrap(string text, double maxWidth, double fontSize)
    {
        var maxChars = Math.Max(1, (int)Math.Floor(maxWidth / (fontSize * CharWidthEm)));
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            while (rest.Length > 0)
            {
                var needed = line.Length == 0 ? rest.Length : line.Length + 1 + rest.Length;
                if (needed <= maxChars)
                {
                    if (line.Length > 0)
                    {
                        line.Append(' ');
                    }

                    line.Append(rest);
                    rest = string.Empty;
                }
                else if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                else
                {
                    lines.Add(rest[..maxChars]);
                    rest = rest[maxChars..];
                }
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    private static double EstimateWidth(string text, double fontSize) => text.Length * fontSize * CharWidthEm;

    private static double Round(double value, int decimals)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return rounded == 0 ? 0 : rounded; // no "-0"
    }

    private static string FormatNumber(double value, ChartOptions options) =>
        Round(value, options.Decimals).ToString("F" + options.Decimals.ToString(CultureInfo.InvariantCulture), options.Culture);

    private static string FormatChange(double change, ChartOptions options)
    {
        var rounded = Round(change, options.Decimals);
        var magnitude = Math.Abs(rounded).ToString("F" + options.Decimals.ToString(CultureInfo.InvariantCulture), options.Culture);
        return rounded > 0 ? options.Culture.NumberFormat.PositiveSign + magnitude
            : rounded < 0 ? options.Culture.NumberFormat.NegativeSign + magnitude
            : magnitude;
    }

    private static string FormatPercent(double share, CultureInfo culture) =>
        (Math.Round(share * 100, 0, MidpointRounding.AwayFromZero) / 100).ToString("P0", culture);

    /// <summary>Black or white, whichever contrasts more with the fill (WCAG relative luminance).</summary>
    private static string ReadableTextOn(string fill) =>
        ContrastRatio(fill, "#000000") >= ContrastRatio(fill, "#FFFFFF") ? "#000000" : "#FFFFFF";

    private static double ContrastRatio(string a, string b)
    {
        var la = Luminance(a);
        var lb = Luminance(b);
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        static double Channel(string hex, int start)
        {
            var c = int.Parse(hex.AsSpan(start, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(hex, 1)) + (0.7152 * Channel(hex, 3)) + (0.0722 * Channel(hex, 5));
    }

    /// <summary>Geometry: invariant, at most two decimals, never "-0", never an exponent.</summary>
    private static string Fmt(double value)
    {
        var rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0 : rounded).ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Escapes for XML and for HTML (the SVG is also pasted inline into pages): all five special characters,
    /// with the apostrophe as a numeric reference that both understand. Characters XML cannot hold are dropped.</summary>
    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[i + 1]);
                        i++;
                    }
                    else if (c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xFFFD && !char.IsSurrogate(c)))
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }
}
