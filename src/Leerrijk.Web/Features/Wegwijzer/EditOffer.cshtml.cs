using System.Globalization;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Menukaart;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Wegwijzer;

/// <summary>
/// /wegwijzer/redactie/{slug}: editors change every field of an offer (named sub-regions and sectors stay as loaded).
/// A save marks the offer as edited in the app (the importer then leaves it alone) and adds a line to its change history.
/// </summary>
[Authorize(Policy = MenukaartEditing.Policy)]
public sealed class EditOfferModel(LeerrijkDbContext db, ReferenceData reference, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public Offer Original { get; private set; } = null!;

    public IReadOnlyList<OfferChange> History { get; private set; } = [];

    /// <summary>Set when another editor saved between this form's load and its post.</summary>
    public bool ChangedMeanwhile { get; private set; }

    [BindProperty]
    public OfferInput Input { get; set; } = new();

    public OfferFormView Form => new(Input, reference, Original.Areas.SubRegions, Original.Sectors.Named, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is not { } row)
        {
            return NotFound();
        }

        Input.Fill(Original);
        Input.Version = row.UpdatedAtUtc.Ticks;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is not { } row)
        {
            return NotFound();
        }

        if (new OfferForm(ModelState, reference, l).Read(Input, Original.Slug, Original, LocalizationSetup.Today(clock)) is not { } edited || !ModelState.IsValid)
        {
            return Page();
        }

        var fields = OfferChange.Between(Original, edited);
        if (fields.Count == 0)
        {
            TempData["Status"] = l["Wegwijzer.Edit.NothingChanged"].Value;
            return Redirect(EditorsModel.Path);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.Entry(row).Property(e => e.UpdatedAtUtc).OriginalValue = new DateTime(Input.Version, DateTimeKind.Utc);
        (row.Json, row.EditedInApp, row.UpdatedAtUtc) = (OfferEntry.Write(edited), true, now);
        db.OfferChanges.Add(await OfferChange.ByAsync(db, User, row.Id, now, fields, cancellationToken));
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
