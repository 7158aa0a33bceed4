using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Infrastructure.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Admin;

/// <summary>
/// Platform admins add a support organisation (a leerwerkloket, network, sector fund or programme office) with its first
/// coordinator, who then fills in its profile and adds its people. Admins see no company data here.
/// </summary>
public sealed class SupportOrganisationsModel(LeerrijkDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public NewSupportInput Input { get; set; } = new();

    public IReadOnlyList<Row> Organisations { get; private set; } = [];

    public sealed class NewSupportInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(SupportOrganisation.NameMaxLength, ErrorMessage = "Validation.MaxLength")]
        [StorableText]
        [Display(Name = "SupportProfile.Name")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Validation.Choose")]
        [Display(Name = "SupportProfile.Kind")]
        public SupportKind? Kind { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [StorableText]
        [StringLength(256, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "AdminSupport.CoordinatorEmail")]
        public string? CoordinatorEmail { get; set; }
    }

    public sealed record Row(Guid Id, string Name, SupportKind Kind, int People);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Input.Kind is { } kind && !Enum.IsDefined(kind))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(NewSupportInput.Kind)}", l["Validation.Choose"]);
        }

        var email = Input.CoordinatorEmail?.Trim().ToUpperInvariant() ?? "";
        var coordinator = ModelState.IsValid ? await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == email, cancellationToken) : null;
        if (ModelState.IsValid && coordinator is null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(NewSupportInput.CoordinatorEmail)}", l["SupportProfile.NoAccount"]);
        }

        if (!ModelState.IsValid || coordinator is null)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var support = new SupportOrganisation { Name = Input.Name!.Trim(), Kind = Input.Kind!.Value };
        db.SupportOrganisations.Add(support);
        db.SupportMemberships.Add(new SupportMembership { SupportOrganisationId = support.Id, UserId = coordinator.Id, Role = SupportRole.Coordinator });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["AdminSupport.Created", support.Name, coordinator.DisplayName].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Organisations = await db.SupportOrganisations
            .OrderBy(s => s.Name)
            .Select(s => new Row(s.Id, s.Name, s.Kind, db.SupportMemberships.Count(m => m.SupportOrganisationId == s.Id)))
            .ToListAsync(cancellationToken);
}
