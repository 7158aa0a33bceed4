using System.Globalization;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Funding;

/// <summary>
/// The company's voucher register: every voucher, subsidy or cheque with its scheme, purpose, amounts, the plan step it
/// pays for, its status with dates, and the support organisation whose budget it draws on, with totals. Members and
/// connected advisers read it; HR, owners and advisers allowed to work on the plan add and change vouchers.
/// </summary>
[AdviserScope(ConsentScope.ReadReports)]
public sealed class VouchersModel(LeerrijkDbContext db, VoucherForm form, IStringLocalizer<SharedResource> l) : OrganisationPageModel, IVoucherFormPage
{
    /// <summary>A voucher with the names of its step and support organisation.</summary>
    public sealed record Row(Voucher Voucher, string? Step, string? Support);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>Sums over every voucher that was not refused.</summary>
    public (decimal Requested, decimal Granted, decimal Spent, decimal OwnContribution) Totals { get; private set; }

    public VoucherChoices Choices { get; private set; } = new([], [], []);

    public bool CanEdit => Member.May(OrganisationRole.Hr, ConsentScope.WorkOnPlan);

    [BindProperty]
    public VoucherInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // An adviser who records a voucher usually records one from their own budget.
        Input.SupportOrganisationId = Member.Adviser?.SupportOrganisationId;
        Input.Status = VoucherStatus.Idea;
        await LoadAsync(cancellationToken);
    }

    [RequiresOrganisationRole(OrganisationRole.Hr)]
    [AdviserScope(ConsentScope.WorkOnPlan)]
    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        Choices = await form.ChoicesAsync(Member.OrganisationId, null, null, cancellationToken);
        var (reading, values) = await form.ReadAsync(Input, ModelState, Choices, currentSupportId: null, cancellationToken);
        if (reading == VoucherReading.StepNotFound)
        {
            return NotFound();
        }

        if (values is null)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        db.Add(values.ApplyTo(new Voucher { OrganisationId = Member.OrganisationId }));
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = Saved(values, l);
        return RedirectToPage(new { orgId = Member.OrganisationId });
    }

    /// <summary>The message after a save, with the warning when more was spent than granted.</summary>
    internal static string Saved(VoucherValues values, IStringLocalizer l) => values.Overspent
        ? l["Voucher.SavedOverspent", values.Scheme, Euros.Format(values.AmountSpent, CultureInfo.CurrentCulture), Euros.Format(values.AmountGranted, CultureInfo.CurrentCulture)].Value
        : l["Voucher.Saved", values.Scheme].Value;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var vouchers = await db.Vouchers.AsNoTracking().OrderBy(v => v.CreatedAtUtc).ToListAsync(cancellationToken);
        Choices = await form.ChoicesAsync(Member.OrganisationId, null, null, cancellationToken);

        // A voucher may still name a support organisation whose grant has ended: the register keeps showing its name.
        var supportIds = vouchers.Select(v => v.SupportOrganisationId).OfType<Guid>().Distinct().ToList();
        var supports = await db.SupportOrganisations.AsNoTracking().Where(s => supportIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var steps = Choices.Steps.ToDictionary(s => s.Id, s => s.Text);
        Rows = vouchers.Select(v => new Row(
            v,
            v.ActionStepId is { } step ? steps.GetValueOrDefault(step) : null,
            v.SupportOrganisationId is { } support ? supports.GetValueOrDefault(support) : null)).ToList();

        // Sums in memory: SQLite cannot add up decimals in SQL, and a register holds tens of rows, not thousands.
        var counted = vouchers.Where(v => v.Status != VoucherStatus.Refused).ToList();
        Totals = (
            counted.Sum(v => v.AmountRequested ?? 0),
            counted.Sum(v => v.AmountGranted ?? 0),
            counted.Sum(v => v.AmountSpent ?? 0),
            counted.Sum(v => v.OwnContribution ?? 0));
    }
}
