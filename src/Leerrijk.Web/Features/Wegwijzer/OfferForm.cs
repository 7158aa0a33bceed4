using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Infrastructure.Forms;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Wegwijzer;

/// <summary>Every field of an offer as the editors' form holds it (edit and new share it), named as the form posts it.</summary>
public class OfferInput
{
    public const int TitleMax = 200;
    public const int SummaryMax = 400;
    public const int TextMax = 4000;
    public const int NoteMax = 400;
    public const int LinesMax = 2000;

    [Display(Name = "Wegwijzer.Edit.TitleNl"), Required(ErrorMessage = "Validation.Required"), StringLength(TitleMax, ErrorMessage = "Validation.MaxLength"), StorableText]
    public string? TitleNl { get; set; }

    [Display(Name = "Wegwijzer.Edit.TitleEn"), Required(ErrorMessage = "Validation.Required"), StringLength(TitleMax, ErrorMessage = "Validation.MaxLength"), StorableText]
    public string? TitleEn { get; set; }

    [Display(Name = "Wegwijzer.Edit.SummaryNl"), Required(ErrorMessage = "Validation.Required"), StringLength(SummaryMax, ErrorMessage = "Validation.MaxLength"), StorableText]
    public string? SummaryNl { get; set; }

    [Display(Name = "Wegwijzer.Edit.SummaryEn"), Required(ErrorMessage = "Validation.Required"), StringLength(SummaryMax, ErrorMessage = "Validation.MaxLength"), StorableText]
    public string? SummaryEn { get; set; }

    [Display(Name = "Wegwijzer.Edit.TextNl"), Required(ErrorMessage = "Validation.Required"), StringLength(TextMax, ErrorMessage = "Validation.MaxLength"), StorableText(AllowLineBreaks = true)]
    public string? TextNl { get; set; }

    [Display(Name = "Wegwijzer.Edit.TextEn"), Required(ErrorMessage = "Validation.Required"), StringLength(TextMax, ErrorMessage = "Validation.MaxLength"), StorableText(AllowLineBreaks = true)]
    public string? TextEn { get; set; }

    /// <summary>Values of <see cref="OfferTerms.Kinds"/>.</summary>
    public List<string> Kinds { get; set; } = [];

    public bool National { get; set; }

    /// <summary>Province ids; a forged id is refused, never dropped silently.</summary>
    public List<string> Provinces { get; set; } = [];

    /// <summary>Labour-market region ids.</summary>
    public List<string> Regions { get; set; } = [];

    /// <summary>SBI section letters; none means every sector (unless the offer names sectors).</summary>
    public List<string> Sections { get; set; } = [];

    public List<string> Sizes { get; set; } = [];

    public List<string> Audiences { get; set; } = [];

    [Display(Name = "Wegwijzer.Form.Percentage")]
    public int? Percentage { get; set; }

    [Display(Name = "Wegwijzer.Form.MaximumEuros")]
    public int? MaximumEuros { get; set; }

    [Display(Name = "Wegwijzer.Form.OwnContributionEuros")]
    public int? OwnContributionEuros { get; set; }

    [Display(Name = "Wegwijzer.Form.MinimumCostsEuros")]
    public int? MinimumCostsEuros { get; set; }

    [Display(Name = "Wegwijzer.Form.MoneyNoteNl"), StringLength(NoteMax, ErrorMessage = "Validation.MaxLength"), StorableText]
    public string? MoneyNoteNl { get; set; }

    [Display(Name = "Wegwijzer.Form.MoneyNoteEn"), StringLength(NoteMax, ErrorMessage = "Validation.MaxLength"), StorableText]
    public string? MoneyNoteEn { get; set; }

    [Display(Name = "Wegwijzer.Form.MinEmployees")]
    public int? MinEmployees { get; set; }

    [Display(Name = "Wegwijzer.Form.MaxEmployees")]
    public int? MaxEmployees { get; set; }

    [Display(Name = "Wegwijzer.Form.MaxTurnoverEuros")]
    public long? MaxTurnoverEuros { get; set; }

    /// <summary>Empty when no source states a status.</summary>
    [Display(Name = "Wegwijzer.Edit.Status")]
    public string? Status { get; set; }

    [Display(Name = "Wegwijzer.Edit.ClosedUntil")]
    public DateOnly? ClosedUntil { get; set; }

    /// <summary>One window a line: opening and closing day, YYYY-MM-DD YYYY-MM-DD.</summary>
    [Display(Name = "Wegwijzer.Edit.Windows"), StringLength(LinesMax, ErrorMessage = "Validation.MaxLength"), StorableText(AllowLineBreaks = true)]
    public string? Windows { get; set; }

    [Display(Name = "Wegwijzer.Form.NextWindowDate")]
    public DateOnly? NextWindowDate { get; set; }

    [Display(Name = "Wegwijzer.Form.NextWindowNoteNl"), StringLength(NoteMax, ErrorMessage = "Validation.MaxLength"), StorableText]
    public string? NextWindowNoteNl { get; set; }

    [Display(Name = "Wegwijzer.Form.NextWindowNoteEn"), StringLength(NoteMax, ErrorMessage = "Validation.MaxLength"), StorableText]
    public string? NextWindowNoteEn { get; set; }

    /// <summary>One source a line: an https address, or a document's name.</summary>
    [Display(Name = "Wegwijzer.Form.Sources"), Required(ErrorMessage = "Validation.Required"), StringLength(LinesMax, ErrorMessage = "Validation.MaxLength"), StorableText(AllowLineBreaks = true)]
    public string? Sources { get; set; }

    [Display(Name = "Wegwijzer.Edit.LastChecked"), Required(ErrorMessage = "Validation.Required")]
    public DateOnly? LastChecked { get; set; }

    /// <summary>The row's <see cref="OfferEntry.UpdatedAtUtc"/> when the form was loaded, in ticks (edit page only).</summary>
    public long Version { get; set; }

    /// <summary>Fills every field from <paramref name="offer"/>.</summary>
    public void Fill(Offer offer)
    {
        (TitleNl, TitleEn, SummaryNl, SummaryEn, TextNl, TextEn) = (offer.Title.Nl, offer.Title.En, offer.Summary.Nl, offer.Summary.En, offer.Text.Nl, offer.Text.En);
        (Kinds, National, Provinces, Regions, Sections) = ([.. offer.Kinds], offer.Areas.National, [.. offer.Areas.Provinces], [.. offer.Areas.Regions], [.. offer.Sectors.Sections]);
        (Sizes, Audiences) = ([.. offer.Sizes], [.. offer.Audiences]);
        (Percentage, MaximumEuros, OwnContributionEuros, MinimumCostsEuros) = (offer.Money.Percentage, offer.Money.MaximumEuros, offer.Money.OwnContributionEuros, offer.Money.MinimumCostsEuros);
        (MoneyNoteNl, MoneyNoteEn) = (offer.Money.Note?.Nl, offer.Money.Note?.En);
        (MinEmployees, MaxEmployees, MaxTurnoverEuros) = (offer.Eligibility.MinEmployees, offer.Eligibility.MaxEmployees, offer.Eligibility.MaxTurnoverEuros);
        (Status, ClosedUntil, Windows) = (offer.Status, offer.ClosedUntil, OfferForm.WindowLines(offer.Windows));
        (NextWindowDate, NextWindowNoteNl, NextWindowNoteEn) = (offer.NextWindowExpected?.Date, offer.NextWindowExpected?.Note?.Nl, offer.NextWindowExpected?.Note?.En);
        (Sources, LastChecked) = (OfferForm.SourceLines(offer.Sources), offer.LastChecked);
    }
}

/// <summary>What the shared form partial (_OfferForm) shows: the input, the reference lists, and what the form keeps as loaded.</summary>
public sealed record OfferFormView(OfferInput Input, ReferenceData Reference, IReadOnlyList<SubRegion> SubRegions, IReadOnlyList<LocalizedText> NamedSectors, string Language);

/// <summary>
/// Reads the editors' form into an offer with the rules of <see cref="OfferRules"/>, the same the file loader keeps;
/// each refusal goes beside its field, and nothing is returned when there is one.
/// </summary>
public sealed class OfferForm(ModelStateDictionary modelState, ReferenceData reference, IStringLocalizer l)
{
    /// <summary>Windows as the form shows them: one a line, opening and closing day.</summary>
    public static string WindowLines(IEnumerable<OfferWindow> windows) =>
        string.Join('\n', windows.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Opens:yyyy-MM-dd} {w.Closes:yyyy-MM-dd}")));

    /// <summary>Sources as the form shows them: one a line, the address or the document's name.</summary>
    public static string SourceLines(IEnumerable<OfferSource> sources) => string.Join('\n', sources.Select(s => s.Url ?? s.Document));

    /// <summary>
    /// The offer the form describes, with <paramref name="slug"/>; null when a field is refused (the errors are in the
    /// model state). Sub-regions, named sectors and window notes whose dates did not change come from
    /// <paramref name="original"/>, which the form shows but does not edit.
    /// </summary>
    public Offer? Read(OfferInput input, string slug, Offer? original, DateOnly today)
    {
        var windows = Windows(input, original);
        var sources = Sources(input);
        Choices(input.Kinds, OfferTerms.Kinds, nameof(input.Kinds));
        if (!OfferRules.HasKind(input.Kinds))
        {
            Error(nameof(input.Kinds), l["Wegwijzer.Form.KindMissing"]);
        }

        Choices(input.Provinces, reference.IsProvince, nameof(input.Provinces));
        Choices(input.Regions, reference.IsLabourMarketRegion, nameof(input.Regions));
        Choices(input.Sections, reference.IsSbiSection, nameof(input.Sections));
        Choices(input.Sizes, OfferTerms.Sizes, nameof(input.Sizes));
        Choices(input.Audiences, OfferTerms.Audiences, nameof(input.Audiences));

        if (!OfferRules.IsPercentage(input.Percentage))
        {
            Error(nameof(input.Percentage), l["Wegwijzer.Form.PercentageRange"]);
        }

        Amount(input.MaximumEuros, nameof(input.MaximumEuros));
        Amount(input.OwnContributionEuros, nameof(input.OwnContributionEuros));
        Amount(input.MinimumCostsEuros, nameof(input.MinimumCostsEuros));
        var moneyNote = OptionalText(input.MoneyNoteNl, input.MoneyNoteEn, nameof(input.MoneyNoteEn));

        foreach (var (value, field) in new[] { (input.MinEmployees, nameof(input.MinEmployees)), (input.MaxEmployees, nameof(input.MaxEmployees)) })
        {
            if (!OfferRules.IsEmployeeLimit(value))
            {
                Error(field, l["Wegwijzer.Form.EmployeeRange", l[$"Wegwijzer.Form.{field}"], Number(OfferRules.MaxEmployees)]);
            }
        }

        if (!OfferRules.MinNotAboveMax(input.MinEmployees, input.MaxEmployees))
        {
            Error(nameof(input.MinEmployees), l["Wegwijzer.Form.MinAboveMax"]);
        }

        if (!OfferRules.IsTurnoverLimit(input.MaxTurnoverEuros))
        {
            Error(nameof(input.MaxTurnoverEuros), l["Wegwijzer.Form.TurnoverRange", Number(OfferRules.MaxTurnoverEuros)]);
        }

        var status = string.IsNullOrEmpty(input.Status) ? null : input.Status;
        if (status is not null && !OfferTerms.Statuses.Contains(status))
        {
            Error(nameof(input.Status), l["Wegwijzer.Edit.StatusUnknown"]);
        }

        if (!OfferRules.ClosedUntilHasDate(status, input.ClosedUntil))
        {
            Error(nameof(input.ClosedUntil), l["Wegwijzer.Edit.ClosedUntilMissing"]);
        }

        SensibleDate(input.ClosedUntil, nameof(input.ClosedUntil));
        SensibleDate(input.NextWindowDate, nameof(input.NextWindowDate));
        var nextNote = OptionalText(input.NextWindowNoteNl, input.NextWindowNoteEn, nameof(input.NextWindowNoteEn));
        if (input.NextWindowDate is null && nextNote is not null)
        {
            Error(nameof(input.NextWindowDate), l["Wegwijzer.Form.NextWindowDateMissing"]);
        }

        var expected = input.NextWindowDate is { } date ? new ExpectedWindow(date, nextNote) : null;
        if (input.LastChecked is { } checkedOn && (checkedOn > today || checkedOn.Year < OfferRules.FirstYear))
        {
            Error(nameof(input.LastChecked), l["Wegwijzer.Edit.LastCheckedRange", OfferRules.FirstYear]);
        }

        if (input.LastChecked is { } checkedDay)
        {
            var (open, expectedWhileEnded) = OfferRules.EndedButRunning(status, windows, expected, checkedDay);
            if (open is not null)
            {
                Error(nameof(input.Status), l["Wegwijzer.Edit.EndedButOpen", WindowLines([open])]);
            }
            else if (expectedWhileEnded)
            {
                Error(nameof(input.Status), l["Wegwijzer.Form.EndedButExpected"]);
            }
        }

        if (!modelState.IsValid)
        {
            return null;
        }

        return new Offer(
            slug,
            [.. input.Kinds.Distinct(StringComparer.Ordinal)],
            new OfferAreas(input.National, Distinct(input.Provinces), Distinct(input.Regions), original?.Areas.SubRegions ?? []),
            new OfferSectors(Distinct(input.Sections), original?.Sectors.Named ?? []),
            Distinct(input.Sizes),
            Distinct(input.Audiences),
            new LocalizedText(input.TitleNl!.Trim(), input.TitleEn!.Trim()),
            new LocalizedText(input.SummaryNl!.Trim(), input.SummaryEn!.Trim()),
            new LocalizedText(input.TextNl!.Trim(), input.TextEn!.Trim()),
            new OfferMoney(input.Percentage, input.MaximumEuros, input.OwnContributionEuros, input.MinimumCostsEuros, moneyNote),
            windows,
            expected,
            status,
            status == OfferTerms.ClosedUntil ? input.ClosedUntil : null,
            new OfferLimits(input.MinEmployees, input.MaxEmployees, input.MaxTurnoverEuros),
            sources,
            input.LastChecked!.Value);
    }

    private static List<string> Distinct(List<string> values) => [.. values.Distinct(StringComparer.Ordinal)];

    /// <summary>The windows typed, with their notes kept where the dates did not change.</summary>
    private List<OfferWindow> Windows(OfferInput input, Offer? original)
    {
        var windows = new List<OfferWindow>();
        foreach (var line in Lines(input.Windows))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !TryDate(parts[0], out var opens) || !TryDate(parts[1], out var closes))
            {
                Error(nameof(input.Windows), l["Wegwijzer.Edit.WindowFormat", line]);
            }
            else if (!OfferRules.OpensBeforeCloses(opens, closes))
            {
                Error(nameof(input.Windows), l["Wegwijzer.Edit.WindowOrder", line]);
            }
            else
            {
                windows.Add(new OfferWindow(opens, closes, original?.Windows.FirstOrDefault(w => w.Opens == opens && w.Closes == closes)?.Note));
            }
        }

        return windows;
    }

    /// <summary>Each line an https address or a document's name; an address in any other scheme is refused, never kept as a name.</summary>
    private List<OfferSource> Sources(OfferInput input)
    {
        var sources = new List<OfferSource>();
        foreach (var line in Lines(input.Sources))
        {
            if (!OfferRules.LooksLikeAddress(line))
            {
                sources.Add(new OfferSource(null, line));
            }
            else if (OfferRules.IsHttpsUrl(line))
            {
                sources.Add(new OfferSource(line, null));
            }
            else
            {
                Error(nameof(input.Sources), l["Wegwijzer.Form.SourceNotHttps", line]);
            }
        }

        return sources;
    }

    private static string[] Lines(string? text) => (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private void Choices(List<string> values, IEnumerable<string> allowed, string field) => Choices(values, allowed.Contains, field);

    private void Choices(List<string> values, Func<string, bool> exists, string field)
    {
        if (OfferRules.FirstUnknown(values, exists) is { } unknown)
        {
            Error(field, l["Wegwijzer.Form.UnknownChoice", unknown]);
        }
    }

    private void Amount(int? euros, string field)
    {
        if (!OfferRules.IsAmount(euros))
        {
            Error(field, l["Wegwijzer.Form.AmountRange", l[$"Wegwijzer.Form.{field}"], Number(OfferRules.MaxEuros)]);
        }
    }

    private LocalizedText? OptionalText(string? nl, string? en, string field)
    {
        if (string.IsNullOrWhiteSpace(nl) && string.IsNullOrWhiteSpace(en))
        {
            return null;
        }

        if (!OfferRules.HasBothLanguages(nl, en))
        {
            Error(field, l["Wegwijzer.Form.BothLanguages"]);
            return null;
        }

        return new LocalizedText(nl!.Trim(), en!.Trim());
    }

    private void SensibleDate(DateOnly? date, string field)
    {
        if (date is { } day && !OfferRules.IsSensibleDate(day))
        {
            Error(field, l["Wegwijzer.Edit.DateRange", OfferRules.FirstYear, OfferRules.LastYear]);
        }
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && OfferRules.IsSensibleDate(date);

    private static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    private void Error(string field, string message) => modelState.AddModelError($"Input.{field}", message);
}
