using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Data;
using Leerrijk.Web.Infrastructure.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Programmes;

/// <summary>
/// A coordinator chooses who reads the programme's monitor: existing Leerrijk accounts, found by e-mail address. A
/// manager need not work for the support organisation (a funder, a region's programme lead). An unknown address stores
/// nothing: Leerrijk does not create accounts for other people.
/// </summary>
[RequiresProgrammeCoordinator]
public sealed class ManagersModel(LeerrijkDbContext db, IStringLocalizer<SharedResource> l) : ProgrammePageModel
{
    [BindProperty]
    public ManagerInput Input { get; set; } = new();

    public string ProgrammeName { get; private set; } = "";

    public IReadOnlyList<ManagerRow> Managers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        const string field = "Input.Email";
        var email = Input.Email?.Trim() ?? "";
        var user = ModelState.IsValid ? await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), cancellationToken) : null;
        if (ModelState.IsValid && user is null)
        {
            ModelState.AddModelError(field, l["Programme.Managers.NoAccount", email]);
        }
        else if (user is not null && await db.ProgrammeManagers.AnyAsync(m => m.ProgrammeId == Reader.ProgrammeId && m.UserId == user.Id, cancellationToken))
        {
            ModelState.AddModelError(field, l["Programme.Managers.Already", user.DisplayName]);
        }

        if (!ModelState.IsValid || user is null)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        db.ProgrammeManagers.Add(new ProgrammeManager { ProgrammeId = Reader.ProgrammeId, UserId = user.Id });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Programme.Managers.Added", user.DisplayName].Value;
        return RedirectToPage(new { programmeId = Reader.ProgrammeId });
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid managerId, CancellationToken cancellationToken)
    {
        var manager = await db.ProgrammeManagers.Include(m => m.User)
            .SingleOrDefaultAsync(m => m.Id == managerId && m.ProgrammeId == Reader.ProgrammeId, cancellationToken);
        if (manager is null)
        {
            return NotFound();
        }

        db.ProgrammeManagers.Remove(manager);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Programme.Managers.Removed", manager.User?.DisplayName ?? ""].Value;
        return RedirectToPage(new { programmeId = Reader.ProgrammeId });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        ProgrammeName = await db.Programmes.Where(p => p.Id == Reader.ProgrammeId).Select(p => p.Name).SingleAsync(cancellationToken);
        Managers = await db.ProgrammeManagers
            .Where(m => m.ProgrammeId == Reader.ProgrammeId)
            .OrderBy(m => m.User!.DisplayName)
            .Select(m => new ManagerRow(m.Id, m.User!.DisplayName, m.User.Email ?? ""))
            .ToListAsync(cancellationToken);
    }

    public sealed record ManagerRow(Guid Id, string Name, string Email);

    public sealed class ManagerInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [StorableText]
        [StringLength(256, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Programme.Managers.Email")]
        public string? Email { get; set; }
    }
}
