using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Menukaart;
using Leerrijk.Web.Infrastructure.Forms;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Wegwijzer;

/// <summary>
/// /wegwijzer/redactie/{slug}: editors change an offer's texts, status, windows and last-checked date. A save marks the
/// offer as edited in the app (the importer then leaves it alone) and adds a line to its change history.
/// </summary>
[Authorize(Policy = MenukaartEditing.Policy)]
public sealed class EditOfferModel(LeerrijkDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int TitleMax = 200;
    public const int SummaryMax = 400;
    public const int TextMax = 4000;
    public const int WindowsMax = 2000;

    /// <summary>Dates before this or after <see cref="LastYear"/> are typing errors.</summary>
    public const int FirstYear = 2000;

    public const int LastYear = 2100;

    public Offer Original { get; private set; } = null!;

    public IReadOnlyList<OfferChange> History { get; private set; } = [];

    /// <summary>Set when another editor saved between this form's load and its post.</summary>
    public bool ChangedMeanwhile { get; private set; }

    [BindProperty]
    public OfferInput Input { get; set; } = new();

    /// <summary>The fields editors keep current; the rest of the offer (areas, sectors, money, sources) stays as loaded.</summary>
    public sealed class OfferInput
    {
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

        /// <summary>Empty when no source states a status.</summary>
        [Display(Name = "Wegwijzer.Edit.Status")]
        public string? Status { get; set; }

        [Display(Name = "Wegwijzer.Edit.ClosedUntil")]
        public DateOnly? ClosedUntil { get; set; }

        /// <summary>One window a line: opening and closing day, YYYY-MM-DD YYYY-MM-DD.</summary>
        [Display(Name = "Wegwijzer.Edit.Windows"), StringLength(WindowsMax, ErrorMessage = "Validation.MaxLength"), StorableText(AllowLineBreaks = true)]
        public string? Windows { get; set; }

        [Display(Name = "Wegwijzer.Edit.LastChecked"), Required(ErrorMessage = "Validation.Required")]
        public DateOnly? LastChecked { get; set; }

        /// <summary>The row's <see cref="OfferEntry.UpdatedAtUtc"/> when the form was loaded, in ticks.</summary>
        public long Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is not { } row)
        {
            return NotFound();
        }

        Input = new OfferInput
        {
            TitleNl = Original.Title.Nl,
            TitleEn = Original.Title.En,
            SummaryNl = Original.Summary.Nl,
            SummaryEn = Original.Summary.En,
            TextNl = Original.Text.Nl,
            TextEn = Original.Text.En,
            Status = Original.Status,
            ClosedUntil = Original.ClosedUntil,
            Windows = WindowLines(Original.Windows),
            LastChecked = Original.LastChecked,
            Version = row.UpdatedAtUtc.Ticks,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is not { } row)
        {
            return NotFound();
        }

        var windows = CheckInput();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var edited = Original with
        {
            Title = new LocalizedText(Input.TitleNl!.Trim(), Input.TitleEn!.Trim()),
            Summary = new LocalizedText(Input.SummaryNl!.Trim(), Input.SummaryEn!.Trim()),
            Text = new LocalizedText(Input.TextNl!.Trim(), Input.TextEn!.Trim()),
            Status = string.IsNullOrEmpty(Input.Status) ? null : Input.Status,
            ClosedUntil = Input.Status == OfferTerms.ClosedUntil ? Input.ClosedUntil : null,
            Windows = windows,
            LastChecked = Input.LastChecked!.Value,
        };
        var fields = OfferChange.Between(Original, edited);
        if (fields.Count == 0)
        {
            TempData["Status"] = l["Wegwijzer.Edit.NothingChanged"].Value;
            return Redirect(EditorsModel.Path);
        }

        var userId = Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
        var editorName = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? User.Identity?.Name ?? "";
        var now = clock.GetUtcNow().UtcDateTime;
        db.Entry(row).Property(e => e.UpdatedAtUtc).OriginalValue = new DateTime(Input.Version, DateTimeKind.Utc);
        (row.Json, row.EditedInApp, row.UpdatedAtUtc) = (OfferEntry.Write(edited), true, now);
        db.OfferChanges.Add(new OfferChange
        {
            OfferId = row.Id,
            EditorUserId = userId,
            EditorName = editorName.Length > 256 ? editorName[..256] : editorName,
            ChangedAtUtc = now,
            FieldsJson = System.Text.Json.JsonSerializer.Serialize(fields),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another editor saved first: keep this person's input, show what is stored now in the history below.
            db.ChangeTracker.Clear();
            await LoadAsync(slug, cancellationToken);
            ChangedMeanwhile = true;
            Input.Version = (await db.Offers.AsNoTracking().Where(e => e.Slug == slug).Select(e => e.UpdatedAtUtc).SingleAsync(cancellationToken)).Ticks;
            ModelState.Remove($"{nameof(Input)}.{nameof(Input.Version)}");
            return Page();
        }

        TempData["Status"] = l["Wegwijzer.Edit.Saved", edited.Title.Nl].Value;
        return Redirect(EditorsModel.Path);
    }

    /// <summary>Windows as the form shows them: one a line, opening and closing day.</summary>
    public static string WindowLines(IEnumerable<OfferWindow> windows) =>
        string.Join('\n', windows.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Opens:yyyy-MM-dd} {w.Closes:yyyy-MM-dd}")));

    /// <summary>The windows typed, with their notes kept where the dates did not change; errors beside the fields.</summary>
    private List<OfferWindow> CheckInput()
    {
        var windows = new List<OfferWindow>();
        var lines = (Input.Windows ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var line in lines)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !TryDate(parts[0], out var opens) || !TryDate(parts[1], out var closes))
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Windows)}", l["Wegwijzer.Edit.WindowFormat", line]);
                continue;
            }

            if (closes < opens)
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Windows)}", l["Wegwijzer.Edit.WindowOrder", line]);
                continue;
            }

            var note = Original.Windows.FirstOrDefault(w => w.Opens == opens && w.Closes == closes)?.Note;
            windows.Add(new OfferWindow(opens, closes, note));
        }

        var status = string.IsNullOrEmpty(Input.Status) ? null : Input.Status;
        if (status is not null && !OfferTerms.Statuses.Contains(status))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Status)}", l["Wegwijzer.Edit.StatusUnknown"]);
        }

        if (status == OfferTerms.ClosedUntil && Input.ClosedUntil is null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.ClosedUntil)}", l["Wegwijzer.Edit.ClosedUntilMissing"]);
        }

        if (Input.ClosedUntil is { } until && !Sensible(until))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.ClosedUntil)}", l["Wegwijzer.Edit.DateRange", FirstYear, LastYear]);
        }

        var today = LocalizationSetup.Today(clock);
        if (Input.LastChecked is { } checkedOn && (checkedOn > today || checkedOn.Year < FirstYear))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.LastChecked)}", l["Wegwijzer.Edit.LastCheckedRange", FirstYear]);
        }

        if (status == OfferTerms.Ended && Input.LastChecked is { } checkedDay && Offer.WindowOpenAfter(windows, checkedDay) is { } open)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Status)}", l["Wegwijzer.Edit.EndedButOpen", WindowLines([open])]);
        }

        return windows;
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && Sensible(date);

    private static bool Sensible(DateOnly date) => date.Year is >= FirstYear and <= LastYear;

    private async Task<OfferEntry?> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var row = await db.Offers.SingleOrDefaultAsync(e => e.Slug == slug, cancellationToken);
        if (row is null)
        {
            return null;
        }

        Original = row.Read();
        History = await db.OfferChanges.AsNoTracking().Where(c => c.OfferId == row.Id).OrderByDescending(c => c.ChangedAtUtc).ToListAsync(cancellationToken);
        return row;
    }
}
