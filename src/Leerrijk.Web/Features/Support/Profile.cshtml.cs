using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Infrastructure.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Support;

/// <summary>
/// A support organisation's profile (kind, the regions and sectors it serves) and its people. Everyone in it reads;
/// coordinators change the profile and add or remove advisers and coordinators (existing Leerrijk accounts).
/// </summary>
public sealed class ProfileModel(LeerrijkDbContext db, ReferenceData reference, IStringLocalizer<SharedResource> l) : SupportPageModel
{
    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    [BindProperty]
    public MemberInput NewMember { get; set; } = new();

    public IReadOnlyList<MemberRow> Members { get; private set; } = [];

    public ReferenceData Reference => reference;

    public sealed class ProfileInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(SupportOrganisation.NameMaxLength, ErrorMessage = "Validation.MaxLength")]
        [StorableText]
        [Display(Name = "SupportProfile.Name")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Validation.Choose")]
        [Display(Name = "SupportProfile.Kind")]
        public SupportKind? Kind { get; set; }

        [Display(Name = "SupportProfile.Provinces")]
        public List<string> ProvinceIds { get; set; } = [];

        [Display(Name = "SupportProfile.Regions")]
        public List<string> LabourMarketRegionIds { get; set; } = [];

        [Display(Name = "SupportProfile.Sectors")]
        public List<string> SbiSections { get; set; } = [];
    }

    public sealed class MemberInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [StorableText]
        [StringLength(256, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "SupportProfile.MemberEmail")]
        public string? Email { get; set; }

        [Display(Name = "SupportProfile.MemberRole")]
        public SupportRole Role { get; set; } = SupportRole.Adviser;
    }

    public sealed record MemberRow(Guid Id, string Name, string Email, SupportRole Role);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await ReloadProfileAsync(cancellationToken);
        return Page();
    }

    [RequiresSupportRole(SupportRole.Coordinator)]
    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        Check(Input.ProvinceIds, reference.IsProvince, nameof(ProfileInput.ProvinceIds));
        Check(Input.LabourMarketRegionIds, reference.IsLabourMarketRegion, nameof(ProfileInput.LabourMarketRegionIds));
        Check(Input.SbiSections, reference.IsSbiSection, nameof(ProfileInput.SbiSections));
        if (Input.Kind is { } kind && !Enum.IsDefined(kind))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(ProfileInput.Kind)}", l["Validation.Choose"]);
        }

        if (HasErrors(nameof(Input)))
        {
            await LoadMembersAsync(cancellationToken);
            return Page();
        }

        var support = await db.SupportOrganisations.SingleAsync(s => s.Id == Member.SupportOrganisationId, cancellationToken);
        support.Name = Input.Name!.Trim();
        support.Kind = Input.Kind!.Value;
        support.ProvinceIds = [.. Input.ProvinceIds.Distinct(StringComparer.Ordinal)];
        support.LabourMarketRegionIds = [.. Input.LabourMarketRegionIds.Distinct(StringComparer.Ordinal)];
        support.SbiSections = [.. Input.SbiSections.Distinct(StringComparer.Ordinal)];
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["SupportProfile.Saved"].Value;
        return RedirectToPage(new { supportId = support.Id });
    }

    [RequiresSupportRole(SupportRole.Coordinator)]
    public async Task<IActionResult> OnPostAddMemberAsync(CancellationToken cancellationToken)
    {
        var field = $"{nameof(NewMember)}.{nameof(MemberInput.Email)}";
        if (!Enum.IsDefined(NewMember.Role))
        {
            ModelState.AddModelError($"{nameof(NewMember)}.{nameof(MemberInput.Role)}", l["Validation.Choose"]);
        }

        var email = NewMember.Email?.Trim() ?? "";
        var user = !HasErrors(nameof(NewMember)) ? await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), cancellationToken) : null;
        if (!HasErrors(nameof(NewMember)) && user is null)
        {
            ModelState.AddModelError(field, l["SupportProfile.NoAccount"]);
        }
        else if (user is not null && await db.SupportMemberships.AnyAsync(m => m.SupportOrganisationId == Member.SupportOrganisationId && m.UserId == user.Id, cancellationToken))
        {
            ModelState.AddModelError(field, l["SupportProfile.AlreadyMember"]);
        }

        if (HasErrors(nameof(NewMember)) || user is null)
        {
            await ReloadProfileAsync(cancellationToken);
            return Page();
        }

        db.SupportMemberships.Add(new SupportMembership { SupportOrganisationId = Member.SupportOrganisationId, UserId = user.Id, Role = NewMember.Role });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["SupportProfile.MemberAdded", user.DisplayName].Value;
        return RedirectToPage(new { supportId = Member.SupportOrganisationId });
    }

    [RequiresSupportRole(SupportRole.Coordinator)]
    public async Task<IActionResult> OnPostRemoveMemberAsync(Guid membershipId, CancellationToken cancellationToken)
    {
        var membership = await db.SupportMemberships.SingleOrDefaultAsync(m => m.Id == membershipId && m.SupportOrganisationId == Member.SupportOrganisationId, cancellationToken);
        if (membership is null)
        {
            return NotFound();
        }

        var coordinators = await db.SupportMemberships.CountAsync(m => m.SupportOrganisationId == Member.SupportOrganisationId && m.Role == SupportRole.Coordinator, cancellationToken);
        if (membership.Role == SupportRole.Coordinator && coordinators <= 1)
        {
            TempData["Status"] = l["SupportProfile.LastCoordinator"].Value;
            return RedirectToPage(new { supportId = Member.SupportOrganisationId });
        }

        db.SupportMemberships.Remove(membership);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["SupportProfile.MemberRemoved"].Value;
        return RedirectToPage(new { supportId = Member.SupportOrganisationId });
    }

    /// <summary>
    /// Whether one of the page's two forms has an error: each handler binds both forms, and the other one is always
    /// empty, so only the posted form's fields count.
    /// </summary>
    private bool HasErrors(string form) =>
        ModelState.Any(e => e.Key.StartsWith(form + ".", StringComparison.Ordinal) && e.Value?.ValidationState == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid);

    private void Check(List<string> ids, Func<string?, bool> known, string property)
    {
        if (ids.Any(id => !known(id)))
        {
            ModelState.AddModelError($"{nameof(Input)}.{property}", l["Validation.Choose"]);
        }
    }

    private async Task ReloadProfileAsync(CancellationToken cancellationToken)
    {
        var support = await db.SupportOrganisations.SingleAsync(s => s.Id == Member.SupportOrganisationId, cancellationToken);
        Input = new ProfileInput
        {
            Name = support.Name,
            Kind = support.Kind,
            ProvinceIds = [.. support.ProvinceIds],
            LabourMarketRegionIds = [.. support.LabourMarketRegionIds],
            SbiSections = [.. support.SbiSections],
        };
        await LoadMembersAsync(cancellationToken);
    }

    private async Task LoadMembersAsync(CancellationToken cancellationToken) =>
        Members = await db.SupportMemberships
            .Where(m => m.SupportOrganisationId == Member.SupportOrganisationId)
            .OrderBy(m => m.User!.DisplayName)
            .Select(m => new MemberRow(m.Id, m.User!.DisplayName, m.User.Email ?? "", m.Role))
            .ToListAsync(cancellationToken);
}
