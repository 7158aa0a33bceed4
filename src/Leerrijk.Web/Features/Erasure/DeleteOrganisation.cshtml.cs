using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Erasure;

/// <summary>
/// An owner asks to erase the whole organisation by typing its name; it is erased after a grace period during
/// which any owner can cancel here, and every owner gets a mail when it is asked.
/// </summary>
[RequiresOrganisationRole(OrganisationRole.Owner)]
public sealed class DeleteOrganisationModel(LeerrijkDbContext db, ErasureMails mails, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : OrganisationPageModel
{
    [BindProperty]
    public InputModel Confirm { get; set; } = new();

    public Organisation Organisation { get; private set; } = null!;

    /// <summary>When the erasure happens, once asked; null while nobody asked.</summary>
    public DateTime? DueAtUtc => Organisation.ErasureRequestedAtUtc is { } requested ? RetentionRules.ErasureDue(requested) : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Organisation.ErasureRequestedAtUtc is not null)
        {
            return RedirectToPage(new { orgId = Organisation.Id });
        }

        if (ModelState.IsValid && !string.Equals(Confirm.Name?.Trim(), Organisation.Name.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("Confirm.Name", l["Erasure.NameMismatch", Organisation.Name]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        Organisation.ErasureRequestedAtUtc = now;
        await db.SaveChangesAsync(cancellationToken);
        var requestedBy = await db.Users.Where(u => u.Id == Member.UserId).Select(u => u.DisplayName != "" ? u.DisplayName : u.Email).SingleAsync(cancellationToken);
        await mails.SendRequestedAsync(Organisation, requestedBy ?? "", RetentionRules.ErasureDue(now), cancellationToken);
        TempData["Status"] = l["Erasure.Requested"].Value;
        return RedirectToPage(new { orgId = Organisation.Id });
    }

    public async Task<IActionResult> OnPostCancelAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Organisation.ErasureRequestedAtUtc is not null)
        {
            Organisation.ErasureRequestedAtUtc = null;
            await db.SaveChangesAsync(cancellationToken);
            TempData["Status"] = l["Erasure.Cancelled"].Value;
        }

        return RedirectToPage("/Organisations/Dashboard", new { orgId = Organisation.Id });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == Member.OrganisationId, cancellationToken);
        if (organisation is null)
        {
            return false;
        }

        Organisation = organisation;
        return true;
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Erasure.TypeName")]
        [StringLength(Organisations.Organisation.NameMaxLength, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Erasure.NameField")]
        public string? Name { get; set; }
    }
}
