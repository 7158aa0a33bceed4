using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Funding;

/// <summary>
/// Changes one voucher of the register: its amounts, status and dates as it moves from idea to accounted. The form
/// carries the version it showed; when someone else saved the voucher meanwhile, the page shows what is stored now
/// beside the person's own input, and nothing is saved until they save again.
/// </summary>
[RequiresOrganisationRole(OrganisationRole.Hr)]
[AdviserScope(ConsentScope.WorkOnPlan)]
public sealed class EditVoucherModel(LeerrijkDbContext db, VoucherForm form, IStringLocalizer<SharedResource> l) : OrganisationPageModel, IVoucherFormPage
{
    /// <summary>The voucher as stored (after a conflict: as the other person saved it).</summary>
    public Voucher Current { get; private set; } = new();

    /// <summary>Whether someone else saved the voucher after this form was shown.</summary>
    public bool Conflict { get; private set; }

    public VoucherChoices Choices { get; private set; } = new([], [], []);

    [BindProperty]
    public VoucherInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid voucherId, CancellationToken cancellationToken)
    {
        if (await db.Vouchers.AsNoTracking().SingleOrDefaultAsync(v => v.Id == voucherId, cancellationToken) is not { } voucher)
        {
            return NotFound();
        }

        Current = voucher;
        Input = VoucherInput.From(voucher, System.Globalization.CultureInfo.CurrentCulture);
        Choices = await form.ChoicesAsync(Member.OrganisationId, voucher.SupportOrganisationId, voucher.OfferSlug, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid voucherId, CancellationToken cancellationToken)
    {
        if (await db.Vouchers.SingleOrDefaultAsync(v => v.Id == voucherId, cancellationToken) is not { } voucher)
        {
            return NotFound();
        }

        var choices = await form.ChoicesAsync(Member.OrganisationId, voucher.SupportOrganisationId, voucher.OfferSlug, cancellationToken);
        var (reading, values) = await form.ReadAsync(Input, ModelState, choices, voucher.SupportOrganisationId, cancellationToken);
        if (reading == VoucherReading.StepNotFound)
        {
            return NotFound();
        }

        if (Input.Version is null)
        {
            ModelState.AddModelError("", l["Plan.VersionMissing"]);
        }

        if (values is null || !ModelState.IsValid)
        {
            return await ShowAsync(voucher, cancellationToken);
        }

        db.Entry(voucher).Property(v => v.Version).OriginalValue = Input.Version!.Value;
        voucher.Version = Input.Version.Value + 1;
        values.ApplyTo(voucher);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            if (await db.Vouchers.AsNoTracking().SingleOrDefaultAsync(v => v.Id == voucherId, cancellationToken) is not { } now)
            {
                return NotFound();
            }

            // The form now carries the current version: saving again is a choice made with both versions in view.
            Conflict = true;
            Input.Version = now.Version;
            ModelState.Remove($"{nameof(Input)}.{nameof(Input.Version)}");
            ModelState.AddModelError("", l["Voucher.Conflict", now.Scheme]);
            return await ShowAsync(now, cancellationToken);
        }

        TempData["Status"] = VouchersModel.Saved(values, l);
        return RedirectToPage("/Funding/Vouchers", new { orgId = Member.OrganisationId });
    }

    private async Task<IActionResult> ShowAsync(Voucher current, CancellationToken cancellationToken)
    {
        Current = current;
        Choices = await form.ChoicesAsync(Member.OrganisationId, current.SupportOrganisationId, current.OfferSlug, cancellationToken);
        return Page();
    }
}
