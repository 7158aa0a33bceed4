using System.ComponentModel.DataAnnotations;
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
/// /wegwijzer/redactie/nieuw: editors add an offer no content file has. It is stored as edited in the app, so a file
/// with the same slug later never replaces it, and its history starts with the line "added".
/// </summary>
[Authorize(Policy = MenukaartEditing.Policy)]
public sealed class NewOfferModel(LeerrijkDbContext db, ReferenceData reference, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string Path = EditorsModel.Path + "/nieuw";

    [BindProperty]
    public NewOfferInput Input { get; set; } = new();

    /// <summary>The offer's fields plus the slug it is known by in addresses and files.</summary>
    public sealed class NewOfferInput : OfferInput
    {
        [Display(Name = "Wegwijzer.Form.Slug"), Required(ErrorMessage = "Validation.Required")]
        public string? Slug { get; set; }
    }

    public OfferFormView Form => new(Input, reference, [], [], CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    public void OnGet()
    {
        // Most offers are for employers and were checked today by the editor adding them; both can be changed.
        Input.Audiences = [OfferTerms.Employer];
        Input.LastChecked = LocalizationSetup.Today(clock);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var slug = Input.Slug?.Trim() ?? "";
        if (slug.Length > 0 && !OfferRules.IsSlug(slug))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Slug)}", l["Wegwijzer.Form.SlugFormat", OfferRules.SlugMax]);
        }
        else if (slug.Length > 0 && await db.Offers.AnyAsync(e => e.Slug == slug, cancellationToken))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Slug)}", l["Wegwijzer.Form.SlugTaken", slug]);
        }

        if (new OfferForm(ModelState, reference, l).Read(Input, slug, original: null, LocalizationSetup.Today(clock)) is not { } offer)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // No file hash: whatever a later file with this slug holds differs, and EditedInApp keeps the editor's version.
        var row = new OfferEntry { Slug = slug, Json = OfferEntry.Write(offer), EditedInApp = true, UpdatedAtUtc = now };
        db.Offers.Add(row);
        db.OfferChanges.Add(await OfferChange.ByAsync(db, User, row.Id, now, [new FieldChange(OfferChange.AddedField, "", slug)], cancellationToken));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another editor took the slug between the check above and this save: the unique index refused it.
            db.ChangeTracker.Clear();
            if (!await db.Offers.AnyAsync(e => e.Slug == slug, cancellationToken))
            {
                throw;
            }

            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Slug)}", l["Wegwijzer.Form.SlugTaken", slug]);
            return Page();
        }

        TempData["Status"] = l["Wegwijzer.New.Added", offer.Title.Nl].Value;
        return Redirect(EditorsModel.Path);
    }
}
