using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Leerrijk.Web.Features.Reports.Export;

/// <summary>
/// Writes named sheets to an .xlsx workbook: a bold, frozen header row, numbers as numeric cells, text as inline
/// strings escaped against formula injection, and column widths fitted to the content.
/// </summary>
/// <remarks>
/// Built on the Open XML SDK alone, with no System.Drawing, so it runs on Linux servers; widths are therefore
/// estimated from character counts rather than measured. Text is escaped with <see cref="SpreadsheetCell.Escape"/>
/// even though an inline string is never evaluated, because people copy cells on or save the sheet as CSV.
/// </remarks>
public static partial class XlsxExport
{
    /// <summary>One worksheet. Cells are <see cref="string"/>, <see cref="int"/>, <see cref="long"/>,
    /// <see cref="double"/>, <see cref="decimal"/> or null (left empty); every row has as many cells as the header.</summary>
    public sealed record Sheet(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows);

    /// <summary>Excel refuses longer sheet names.</summary>
    public const int MaxSheetNameLength = 31;

    // Excel's limit per cell; a longer text would make Excel "repair" the file.
    private const int MaxCellLength = 32767;

    private const uint HeaderStyle = 1;
    private const uint WrappedStyle = 2;

    private const double MinColumnWidth = 8;
    private const double MaxColumnWidth = 60;

    /// <summary>Writes the sheets in order; names are made valid and unique (see <see cref="SheetNames"/>).</summary>
    public static byte[] Write(IReadOnlyList<Sheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        if (sheets.Count == 0)
        {
            throw new ArgumentException("A workbook needs at least one sheet.", nameof(sheets));
        }

        var names = SheetNames(sheets.Select(s => s?.Name ?? throw new ArgumentException("A sheet is null.", nameof(sheets))).ToList());
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheetList = workbookPart.Workbook.AppendChild(new Sheets());
            for (var i = 0; i < sheets.Count; i++)
            {
                var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
                worksheetPart.Worksheet = Worksheet(sheets[i], selected: i == 0);
                sheetList.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet
                {
                    Id = workbookPart.GetIdOfPart(worksheetPart),
                    SheetId = (uint)(i + 1),
                    Name = names[i],
                });
            }
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Valid, unique sheet names for the given wishes: characters Excel forbids (<c>[ ] : * ? / \</c> and control
    /// characters) become '-', leading and trailing apostrophes and spaces go, names are cut to 31 characters,
    /// an empty name becomes its position (1, 2, ...), and a name already taken, compared without case as Excel does
    /// (or Excel's reserved "History"), gets " (2)", " (3)", ... within the 31 characters.
    /// </summary>
    public static IReadOnlyList<string> SheetNames(IReadOnlyList<string> wishes)
    {
        ArgumentNullException.ThrowIfNull(wishes);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "History" };
        var result = new List<string>(wishes.Count);
        for (var i = 0; i < wishes.Count; i++)
        {
            var cleaned = new StringBuilder(wishes[i]?.Length ?? 0);
            foreach (var c in wishes[i] ?? string.Empty)
            {
                cleaned.Append(c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' || char.IsControl(c) ? '-' : c);
            }

            var name = Cut(cleaned.ToString().Trim().Trim('\'').Trim(), MaxSheetNameLength).TrimEnd().TrimEnd('\'');
            if (name.Length == 0)
            {
                name = (i + 1).ToString(CultureInfo.InvariantCulture);
            }

            var unique = name;
            for (var n = 2; taken.Contains(unique); n++)
            {
                var suffix = string.Create(CultureInfo.InvariantCulture, $" ({n})");
                unique = Cut(name, MaxSheetNameLength - suffix.Length).TrimEnd().TrimEnd('\'') + suffix;
            }

            taken.Add(unique);
            result.Add(unique);
        }

        return result;
    }

    private static Worksheet Worksheet(Sheet sheet, bool selected)
    {
        ArgumentNullException.ThrowIfNull(sheet.Header);
        ArgumentNullException.ThrowIfNull(sheet.Rows);
        var widths = sheet.Header.Select(h => (h?.Length ?? 0) * 1.1).ToArray(); // bold text is wider
        var data = new SheetData();

        var headerRow = new Row { RowIndex = 1 };
        for (var c = 0; c < sheet.Header.Count; c++)
        {
            var text = sheet.Header[c] ?? throw new ArgumentException($"Sheet '{sheet.Name}' has a null header cell.", nameof(sheet));
            headerRow.Append(TextCell(Reference(c, 1), text, HeaderStyle));
        }

        data.Append(headerRow);
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            var cells = sheet.Rows[r] ?? throw new ArgumentException($"Sheet '{sheet.Name}' has a null row.", nameof(sheet));
            if (cells.Count != sheet.Header.Count)
            {
                throw new ArgumentException($"Row {r + 2} of sheet '{sheet.Name}' has {cells.Count} cells; the header has {sheet.Header.Count}.", nameof(sheet));
            }

            var rowIndex = (uint)(r + 2);
            var row = new Row { RowIndex = rowIndex };
            for (var c = 0; c < cells.Count; c++)
            {
                if (cells[c] is null)
                {
                    continue;
                }

                var (cell, width) = DataCell(Reference(c, rowIndex), cells[c]!);
                row.Append(cell);
                widths[c] = Math.Max(widths[c], width);
            }

            data.Append(row);
        }

        var worksheet = new Worksheet();
        worksheet.Append(FrozenHeader(selected));
        if (widths.Length > 0)
        {
            var columns = new Columns();
            for (var c = 0; c < widths.Length; c++)
            {
                columns.Append(new Column
                {
                    Min = (uint)(c + 1),
                    Max = (uint)(c + 1),
                    Width = Math.Clamp(Math.Ceiling(widths[c]) + 2, MinColumnWidth, MaxColumnWidth),
                    CustomWidth = true,
                });
            }

            worksheet.Append(columns);
        }

        worksheet.Append(data);
        return worksheet;
    }

    private static SheetViews FrozenHeader(bool selected) => new(
        new SheetView(
            new Pane
            {
                VerticalSplit = 1D,
                TopLeftCell = "A2",
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        {
            TabSelected = selected,
            WorkbookViewId = 0U,
        });

    private static (Cell Cell, double Width) DataCell(string reference, object value) => value switch
    {
        string text => (TextCell(reference, text, text.AsSpan().IndexOfAny('\r', '\n') >= 0 ? WrappedStyle : null), LongestLine(SpreadsheetCell.Escape(text))),
        int number => (NumberCell(reference, new CellValue(number)), NumberWidth(number.ToString(CultureInfo.InvariantCulture))),
        long number => (NumberCell(reference, new CellValue((double)number)), NumberWidth(number.ToString(CultureInfo.InvariantCulture))),
        double number when double.IsFinite(number) => (NumberCell(reference, new CellValue(number)), NumberWidth(number.ToString(CultureInfo.InvariantCulture))),
        double => throw new ArgumentException("A spreadsheet cannot hold NaN or infinity.", nameof(value)),
        decimal number => (NumberCell(reference, new CellValue(number)), NumberWidth(number.ToString(CultureInfo.InvariantCulture))),
        _ => throw new ArgumentException($"Cells are text or numbers, not {value.GetType().Name}.", nameof(value)),
    };

    private static Cell NumberCell(string reference, CellValue value) =>
        new() { CellReference = reference, DataType = CellValues.Number, CellValue = value };

    private static Cell TextCell(string reference, string text, uint? style)
    {
        var cell = new Cell
        {
            CellReference = reference,
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(XmlSafe(SpreadsheetCell.Escape(text))) { Space = SpaceProcessingModeValues.Preserve }),
        };
        if (style is { } index)
        {
            cell.StyleIndex = index;
        }

        return cell;
    }

    /// <summary>Makes text reach the reader as it was given: characters XML cannot hold are dropped, overlong text is
    /// cut to the cell limit, and text that looks like Excel's own <c>_xHHHH_</c> escape is escaped so Excel does not
    /// decode it. Line ends become LF, the line break inside a spreadsheet cell: XML readers turn a literal CR into LF
    /// anyway, and Excel's <c>_x000D_</c> shows up literally in other readers.</summary>
    private static string XmlSafe(string given)
    {
        var sb = new StringBuilder(given.Length);
        for (var i = 0; i < given.Length; i++)
        {
            var c = given[i];
            if (char.IsHighSurrogate(c) && i + 1 < given.Length && char.IsLowSurrogate(given[i + 1]))
            {
                sb.Append(c).Append(given[i + 1]);
                i++;
            }
            else if (c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xFFFD && !char.IsSurrogate(c)))
            {
                sb.Append(c);
            }
        }

        var text = Cut(sb.ToString(), MaxCellLength);
        return ExcelEscape().Replace(text, "_x005F$0").ReplaceLineEndings("\n");
    }

    [GeneratedRegex("_x[0-9A-Fa-f]{4}_", RegexOptions.CultureInvariant)]
    private static partial Regex ExcelEscape();

    /// <summary>Cuts to at most <paramref name="length"/> UTF-16 units without splitting a surrogate pair.</summary>
    private static string Cut(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        return char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] : text[..length];
    }

    private static double LongestLine(string text) => text.ReplaceLineEndings("\n").Split('\n').Max(line => line.Length);

    // Excel's General format shows about 11 characters of a number.
    private static double NumberWidth(string formatted) => Math.Min(formatted.Length, 11);

    private static string Reference(int column, uint row)
    {
        var letters = new StringBuilder();
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            letters.Insert(0, (char)('A' + ((n - 1) % 26)));
        }

        return letters.Append(row.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    private static Stylesheet Styles() => new(
        new Fonts(
            new Font(new FontSize { Val = 11D }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11D }, new FontName { Val = "Calibri" }))
        { Count = 2U },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
        { Count = 2U },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1U },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U },
        new CellFormats(
            new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U },
            new CellFormat { NumberFormatId = 0U, FontId = 1U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top })
            {
                NumberFormatId = 0U,
                FontId = 0U,
                FillId = 0U,
                BorderId = 0U,
                FormatId = 0U,
                ApplyAlignment = true,
            })
        { Count = 3U },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U });
}
