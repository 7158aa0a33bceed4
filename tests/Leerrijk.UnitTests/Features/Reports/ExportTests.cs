using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Leerrijk.Web.Features.Reports.Export;

namespace Leerrijk.UnitTests.Features.Reports;

public sealed class ExportTests
{
    public static TheoryData<string> Dangerous() => new()
    {
        "=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x", "=HYPERLINK(\"http://x\")",
    };

    // ---- SpreadsheetCell ----

    [Theory]
    [MemberData(nameof(Dangerous))]
    [InlineData(" =1+1")]
    [InlineData("\n@cmd")]
    [InlineData("\u00A0+1")]
    [InlineData("＝1+1")]
    [InlineData("＋1")]
    [InlineData("－1")]
    [InlineData("＠SUM(A1)")]
    [InlineData("\tplain")]
    [InlineData("\rplain")]
    public void Text_that_a_spreadsheet_could_run_gets_a_leading_apostrophe(string text)
    {
        Assert.Equal("'" + text, SpreadsheetCell.Escape(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Leren van fouten")]
    [InlineData("a=b")]
    [InlineData("3-2")]
    [InlineData("'=1+1")]
    [InlineData("   ")]
    [InlineData("e-mail@example.nl")]
    public void Harmless_text_is_left_alone(string text)
    {
        Assert.Equal(text, SpreadsheetCell.Escape(text));
    }

    [Theory]
    [InlineData("Verkoop\u202Eteertsinimda", "Verkoopteertsinimda")]
    [InlineData("a\u0000b\u0007c", "abc")]
    [InlineData("\uFFFEx\uFFFF", "x")]
    [InlineData("\u2066=1+1\u2069", "'=1+1")]
    [InlineData("regel 1\r\nregel 2", "regel 1\r\nregel 2")]
    public void Characters_that_hide_or_reverse_text_never_reach_a_cell(string text, string expected)
    {
        Assert.Equal(expected, SpreadsheetCell.Escape(text));
    }

    [Property]
    public Property Escaping_only_ever_adds_one_apostrophe_and_leaves_no_trigger_in_front(NonNull<string> input)
    {
        var text = Leerrijk.Web.Infrastructure.Forms.StorableText.Strip(input.Get);
        var escaped = SpreadsheetCell.Escape(input.Get);
        var first = escaped.TrimStart().FirstOrDefault();
        return ((escaped == text || escaped == "'" + text)
            && first is not ('=' or '+' or '-' or '@' or '＝' or '＋' or '－' or '＠')
            && !escaped.StartsWith('\t') && !escaped.StartsWith('\r')).ToProperty();
    }

    // ---- CSV ----

    private static List<string[]> ParseCsv(byte[] bytes)
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text);

        // A strict RFC 4180 reader: records end in CRLF; CR or LF alone may only appear inside quotes.
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(text[i++]);
                    }
                }

                Assert.True(text[i] is ';' or '\r', "a closing quote is followed by a separator or the end of the record");
            }
            else if (text[i] == ';')
            {
                fields.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r')
            {
                Assert.Equal('\n', text[i + 1]);
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i += 2;
            }
            else
            {
                Assert.NotEqual('\n', text[i]);
                Assert.NotEqual('"', text[i]);
                field.Append(text[i++]);
            }
        }

        return records;
    }

    [Fact]
    public void Csv_starts_with_a_byte_order_mark_and_round_trips_quotes_separators_newlines_and_accents()
    {
        string[] header = ["Dimensie", "Toelichting; \"kort\"", "Score"];
        var bytes = CsvExport.Write(header,
        [
            ["Leren", "Zegt \"ja\"; of nee", 73],
            ["Kennis\r\ndelen", "regel 1\nregel 2", null],
            ["Café, één, über, €", "", 55],
        ]);

        var records = ParseCsv(bytes);

        Assert.Equal(4, records.Count);
        Assert.Equal(header, records[0]);
        Assert.Equal(["Leren", "Zegt \"ja\"; of nee", "73"], records[1]);
        Assert.Equal(["Kennis\r\ndelen", "regel 1\nregel 2", ""], records[2]);
        Assert.Equal(["Café, één, über, €", "", "55"], records[3]);
    }

    [Fact]
    public void Csv_numbers_use_a_decimal_comma_without_grouping_so_Dutch_Excel_reads_them_as_numbers()
    {
        var records = ParseCsv(CsvExport.Write(["a", "b", "c", "d", "e", "f"], [[73.4, -3, 1234567, 1.50m, 12345678901L, -0.125]]));

        Assert.Equal(["73,4", "-3", "1234567", "1,50", "12345678901", "-0,125"], records[1]);
    }

    [Fact]
    public void Csv_numbers_do_not_depend_on_the_servers_culture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-CH");
            Assert.Equal(["1234,5"], ParseCsv(CsvExport.Write(["a"], [[1234.5]]))[1]);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [MemberData(nameof(Dangerous))]
    public void Csv_text_cells_and_headers_that_could_run_as_a_formula_start_with_an_apostrophe(string text)
    {
        var records = ParseCsv(CsvExport.Write([text], [[text]]));

        Assert.Equal("'" + text, records[0][0]);
        Assert.Equal("'" + text, records[1][0]);
    }

    [Fact]
    public void A_negative_number_passed_as_a_number_stays_a_number_in_csv()
    {
        var records = ParseCsv(CsvExport.Write(["getal", "tekst"], [[-3, "-3"]]));

        Assert.Equal(["-3", "'-3"], records[1]);
    }

    [Fact]
    public void Csv_refuses_rows_of_the_wrong_length_and_cells_it_cannot_write_faithfully()
    {
        Assert.Throws<ArgumentException>(() => CsvExport.Write(["a", "b"], [["x"]]));
        Assert.Throws<ArgumentException>(() => CsvExport.Write(["a"], [[DateTime.UnixEpoch]]));
        Assert.Throws<ArgumentException>(() => CsvExport.Write(["a"], [[double.NaN]]));
    }

    [Property(MaxTest = 300)]
    public Property Any_text_round_trips_through_csv_as_its_escaped_form()
    {
        var chars = Gen.Elements('a', 'é', ';', ',', '"', '\r', '\n', '\t', ' ', '=', '+', '-', '@', '\'', '1');
        var texts = chars.ArrayOf().Select(c => new string(c));
        return Prop.ForAll(texts.ArrayOf().Where(a => a.Length > 0).ToArbitrary(), cells =>
        {
            var header = cells.Select((_, i) => $"k{i}").ToArray();
            var records = ParseCsv(CsvExport.Write(header, [cells.Cast<object?>().ToArray()]));
            return records.Count == 2 && records[1].SequenceEqual(cells.Select(SpreadsheetCell.Escape));
        });
    }

    // ---- XLSX ----

    private sealed record ReadSheet(string Name, List<List<Cell>> Rows, Worksheet Worksheet);

    private static List<ReadSheet> ReadXlsx(byte[] bytes, out Stylesheet styles)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);

        var workbookPart = document.WorkbookPart!;
        styles = (Stylesheet)workbookPart.WorkbookStylesPart!.Stylesheet.CloneNode(true);
        var result = new List<ReadSheet>();
        foreach (var sheet in workbookPart.Workbook.Sheets!.Elements<Sheet>())
        {
            var worksheet = ((WorksheetPart)workbookPart.GetPartById(sheet.Id!)).Worksheet;
            var rows = worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Select(r => r.Elements<Cell>().ToList()).ToList();
            result.Add(new ReadSheet(sheet.Name!, rows, (Worksheet)worksheet.CloneNode(true)));
        }

        return result;
    }

    private static List<ReadSheet> ReadXlsx(byte[] bytes) => ReadXlsx(bytes, out _);

    /// <summary>The text as Excel shows it: Excel decodes <c>_xHHHH_</c> in cell text (ST_Xstring).</summary>
    private static string TextOf(Cell cell)
    {
        Assert.Equal(CellValues.InlineString, cell.DataType?.Value);
        return Regex.Replace(cell.InlineString!.Text!.Text, "_x([0-9A-Fa-f]{4})_",
            m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());
    }

    private static double NumberOf(Cell cell)
    {
        Assert.True(cell.DataType is null || cell.DataType.Value == CellValues.Number);
        Assert.Null(cell.InlineString);
        return double.Parse(cell.CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Xlsx_holds_every_sheet_with_text_as_text_and_numbers_as_numbers()
    {
        var bytes = XlsxExport.Write(
        [
            new("Scores", ["Dimensie", "Score", "n", "Aandeel"], [["Leren", 73.4, 12, 0.25m], ["Delen", null, 3, null]]),
            new("Vragen", ["Vraag"], [["Ik leer van fouten"]]),
        ]);

        var sheets = ReadXlsx(bytes);

        Assert.Equal(["Scores", "Vragen"], sheets.Select(s => s.Name));
        var scores = sheets[0].Rows;
        Assert.Equal(["Dimensie", "Score", "n", "Aandeel"], scores[0].Select(TextOf));
        Assert.Equal("Leren", TextOf(scores[1][0]));
        Assert.Equal(73.4, NumberOf(scores[1][1]));
        Assert.Equal(12, NumberOf(scores[1][2]));
        Assert.Equal(0.25, NumberOf(scores[1][3]));
        // An empty cell is left out rather than written as an empty string.
        Assert.Equal(["A3", "C3"], scores[2].Select(c => c.CellReference!.Value));
        Assert.Equal("Ik leer van fouten", TextOf(sheets[1].Rows[1][0]));
    }

    [Fact]
    public void Xlsx_header_is_bold_and_frozen()
    {
        var sheets = ReadXlsx(XlsxExport.Write([new("Scores", ["Dimensie", "Score"], [["Leren", 70]])]), out var styles);

        var headerStyle = sheets[0].Rows[0].Select(c => c.StyleIndex!.Value).Distinct().Single();
        var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)headerStyle);
        var font = styles.Fonts!.Elements<Font>().ElementAt((int)format.FontId!.Value);
        Assert.NotNull(font.Bold);
        Assert.Null(sheets[0].Rows[1][0].StyleIndex);

        var pane = sheets[0].Worksheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1D, pane.VerticalSplit!.Value);
        Assert.Equal("A2", pane.TopLeftCell!.Value);
    }

    [Fact]
    public void Xlsx_columns_are_as_wide_as_their_content_within_limits()
    {
        var sheet = ReadXlsx(XlsxExport.Write([new("S", ["n", "Toelichting", "Lang"],
            [[1, "Een toelichting van middelmatige lengte", new string('x', 500)]])]))[0];

        var widths = sheet.Worksheet.Descendants<Column>().Select(c => c.Width!.Value).ToList();
        Assert.Equal(3, widths.Count);
        Assert.Equal(8, widths[0]);
        Assert.InRange(widths[1], 38, 45);
        Assert.Equal(60, widths[2]);
    }

    [Theory]
    [MemberData(nameof(Dangerous))]
    public void Xlsx_text_cells_and_headers_that_could_run_as_a_formula_start_with_an_apostrophe(string text)
    {
        var sheet = ReadXlsx(XlsxExport.Write([new("S", [text], [[text]])]))[0];

        // "\r=x" reads back as "'\n=x": inside a cell a line end is LF.
        var expected = "'" + text.ReplaceLineEndings("\n");
        Assert.Equal(expected, TextOf(sheet.Rows[0][0]));
        Assert.Equal(expected, TextOf(sheet.Rows[1][0]));
        Assert.Null(sheet.Rows[1][0].CellFormula);
    }

    [Fact]
    public void A_negative_number_passed_as_a_number_stays_a_number_in_xlsx()
    {
        var row = ReadXlsx(XlsxExport.Write([new("S", ["getal", "decimaal", "tekst"], [[-3, -2.5, "-3"]])]))[0].Rows[1];

        Assert.Equal(-3, NumberOf(row[0]));
        Assert.Equal(-2.5, NumberOf(row[1]));
        Assert.Equal("'-3", TextOf(row[2]));
    }

    [Fact]
    public void Xlsx_keeps_text_that_xml_or_excel_would_otherwise_change()
    {
        var row = ReadXlsx(XlsxExport.Write([new("S", ["a", "b", "c", "d"],
            [["  spaties  ", "regel 1\nregel 2", "_x0041_ en \u0001<&>", "Windows\r\nregel"]])]))[0].Rows[1];

        Assert.Equal("  spaties  ", TextOf(row[0]));
        Assert.Equal("regel 1\nregel 2", TextOf(row[1]));
        Assert.NotNull(row[1].StyleIndex); // wrapped, so the second line shows
        // Not decoded to "A" by Excel; a control character XML cannot hold is dropped rather than breaking the file.
        Assert.Equal("_x0041_ en <&>", TextOf(row[2]));
        // A cell's line break is LF; a CR would not survive XML anyway.
        Assert.Equal("Windows\nregel", TextOf(row[3]));
    }

    [Fact]
    public void Sheet_names_are_made_valid_for_excel()
    {
        var names = XlsxExport.SheetNames(
        [
            "Scores: [Leren]/Delen*?\\",
            "Een heel lange naam voor een werkblad met scores",
            "",
            "'citaat'",
            "History",
            "scores- -leren--delen---",
        ]);

        Assert.Equal("Scores- -Leren--Delen---", names[0]);
        Assert.Equal("Een heel lange naam voor een we", names[1]);
        Assert.Equal("3", names[2]);
        Assert.Equal("citaat", names[3]);
        Assert.Equal("History (2)", names[4]);
        // Excel compares sheet names without case.
        Assert.Equal("scores- -leren--delen--- (2)", names[5]);
    }

    [Fact]
    public void Duplicate_sheet_names_get_a_number_that_still_fits_in_31_characters()
    {
        var longName = new string('a', 40);
        var names = XlsxExport.SheetNames([longName, longName, "Data", "data", "Data"]);

        Assert.Equal([new string('a', 31), new string('a', 27) + " (2)", "Data", "data (2)", "Data (3)"], names);
        var read = ReadXlsx(XlsxExport.Write([.. names.Select(n => new XlsxExport.Sheet(n, ["k"], []))]));
        Assert.Equal(names, read.Select(s => s.Name));
    }

    [Property]
    public Property Sheet_names_are_always_unique_short_and_free_of_forbidden_characters(NonNull<string>[] wishes)
    {
        var names = XlsxExport.SheetNames([.. wishes.Select(w => w.Get)]);
        return (names.Count == wishes.Length
            && names.Distinct(StringComparer.OrdinalIgnoreCase).Count() == names.Count
            && names.All(n => n.Length is > 0 and <= XlsxExport.MaxSheetNameLength
                && n.IndexOfAny(['[', ']', ':', '*', '?', '/', '\\']) < 0
                && !n.StartsWith('\'') && !n.EndsWith('\'')
                && !n.Any(char.IsControl))).ToProperty();
    }

    [Fact]
    public void Xlsx_refuses_an_empty_workbook_and_cells_it_cannot_write_faithfully()
    {
        Assert.Throws<ArgumentException>(() => XlsxExport.Write([]));
        Assert.Throws<ArgumentException>(() => XlsxExport.Write([new("S", ["a", "b"], [["x"]])]));
        Assert.Throws<ArgumentException>(() => XlsxExport.Write([new("S", ["a"], [[DateTime.UnixEpoch]])]));
        Assert.Throws<ArgumentException>(() => XlsxExport.Write([new("S", ["a"], [[double.PositiveInfinity]])]));
    }

    [Fact]
    public void A_sheet_with_many_columns_gets_excel_column_letters()
    {
        var header = Enumerable.Range(0, 30).Select(i => $"k{i}").ToArray();
        var row = ReadXlsx(XlsxExport.Write([new("S", header, [Enumerable.Range(0, 30).Cast<object?>().ToArray()])]))[0].Rows[1];

        Assert.Equal("Z2", row[25].CellReference!.Value);
        Assert.Equal("AA2", row[26].CellReference!.Value);
        Assert.Equal("AD2", row[29].CellReference!.Value);
    }
}
