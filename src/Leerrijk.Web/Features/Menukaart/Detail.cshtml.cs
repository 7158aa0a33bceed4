using System.Globalization;
using System.Security.Claims;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Wegwijzer;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Menukaart;

/// <summary>/menukaart/{slug}: one first step with its steps, effort and the stories of companies that took it.</summary>
public sealed class DetailModel(Menukaart menukaart, LeerrijkDbContext db, OfferAdvice advice, TimeProvider clock) : PageModel
{
    /// <summary>The organisation "Hoe betaal ik dit?" answers for; null for a visitor or someone without one.</summary>
    public string? PayingFor { get; private set; }

    /// <summary>The offers that can pay for or support a step, judged for <see cref="PayingFor"/>.</summary>
    public IReadOnlyList<OfferVerdict> Paying { get; private set; } = [];

    /// <summary>The organisations whose action plan the signed-in reader may add this step to (HR and owners).</summary>
    public IReadOnlyList<(Guid Id, string Name)> Plans { get; private set; } = [];

    public Intervention? Intervention { get; private set; }

    public IReadOnlyList<Story> Stories { get; private set; } = [];

    public string Language { get; private set; } = "nl";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Intervention = (await menukaart.InterventionsAsync(cancellationToken)).FirstOrDefault(i => i.Slug == slug);
        if (Intervention is null)
        {
            // Not the generic 404: a search box, since the slug was probably typed or an old link.
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Stories = (await menukaart.StoriesAsync(cancellationToken)).Where(s => s.Interventions.Contains(slug)).ToList();
        if (Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            if (await OfferAdvice.MemberOrganisationAsync(db, userId, cancellationToken) is { } organisation)
            {
                PayingFor = organisation.Name;
                Paying = await advice.SupportingAsync(OfferAdvice.ProfileOf(organisation), LocalizationSetup.Today(clock), Language, cancellationToken);
            }

            // The same rule as the plan's add handler, which checks it again: HR and owners change a plan. Roles are
            // stored as text, so compare by name, not with >=.
            Plans = (await db.Memberships
                    .Where(m => m.UserId == userId && (m.Role == OrganisationRole.Hr || m.Role == OrganisationRole.Owner))
                    .OrderBy(m => m.Organisation!.Name)
                    .Select(m => new { m.OrganisationId, m.Organisation!.Name })
                    .ToListAsync(cancellationToken))
                .Select(m => (m.OrganisationId, m.Name))
                .ToList();
        }

        return Page();
    }
}
