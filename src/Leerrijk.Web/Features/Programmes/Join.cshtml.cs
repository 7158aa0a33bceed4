using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Programmes;

/// <summary>
/// Where a programme invitation lands: the owner reads who runs the programme, for how long, what it measures and that
/// it only ever sees figures over several companies; chooses which of their companies joins; and makes two separate
/// choices, both off until ticked. Joining with neither counts the company in the programme's reach only. A link that
/// expired, was withdrawn or was used already stores nothing.
/// </summary>
public sealed class JoinModel(LeerrijkDbContext db, InstrumentCatalog catalog, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public JoinInput Input { get; set; } = new();

    /// <summary>The open invitation the link names; null when the link does not work (any reason, one message).</summary>
    public ProgrammeParticipant? Pending { get; private set; }

    public Programme Programme { get; private set; } = null!;

    public string SupportName { get; private set; } = "";

    public SupportKind SupportKind { get; private set; }

    /// <summary>The titles of the scans the programme counts, in the reader's language.</summary>
    public IReadOnlyList<string> Instruments { get; private set; } = [];

    /// <summary>The companies the signed-in person owns: only an owner joins a company.</summary>
    public IReadOnlyList<OwnedOrganisation> OwnedOrganisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Pending is not null)
        {
            Input = new JoinInput { OrganisationId = OwnedOrganisations.Count == 1 ? OwnedOrganisations[0].Id : null };
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Pending is null || OwnedOrganisations.Count == 0)
        {
            return Page();
        }

        const string field = "Input.OrganisationId";
        if (Input.OrganisationId is { } chosen && OwnedOrganisations.All(o => o.Id != chosen))
        {
            ModelState.AddModelError(field, l["Programme.Join.NotYourOrganisation"]);
        }
        else if (Input.OrganisationId is { } organisation && await db.ProgrammeParticipants.Where(ProgrammeParticipant.Active)
                     .AnyAsync(p => p.ProgrammeId == Programme.Id && p.OrganisationId == organisation, cancellationToken))
        {
            ModelState.AddModelError(field, l["Programme.Join.AlreadyIn", OwnedOrganisations.First(o => o.Id == organisation).Name, Programme.Name]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var now = clock.GetUtcNow().UtcDateTime;
        var participantId = Pending.Id;
        var organisationId = Input.OrganisationId!.Value;
        var shares = Input.SharesResults;
        var pool = Input.InNormPool;

        // The link works once: only an invitation still open is claimed, so two clicks join once.
        var rows = await db.ProgrammeParticipants
            .Where(p => p.Id == participantId && p.JoinedAtUtc == null && p.LeftAtUtc == null && p.InvitationExpiresAtUtc > now)
            .ExecuteUpdateAsync(
                s => s.SetProperty(p => p.OrganisationId, organisationId)
                    .SetProperty(p => p.JoinedAtUtc, now)
                    .SetProperty(p => p.JoinedByUserId, userId)
                    .SetProperty(p => p.SharesResults, shares)
                    .SetProperty(p => p.InNormPool, pool)
                    .SetProperty(p => p.ChoicesChangedAtUtc, now),
                cancellationToken);
        if (rows != 1)
        {
            Pending = null;
            return Page();
        }

        TempData["Status"] = l["Programme.Join.Done", OwnedOrganisations.First(o => o.Id == organisationId).Name, Programme.Name].Value;
        return RedirectToPage("/Programmes/CompanyProgrammes", new { orgId = organisationId });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Token) || Token.Length > 100)
        {
            return;
        }

        var hash = LinkToken.Hash(Token);
        var invitation = await db.ProgrammeParticipants.AsNoTracking().Include(p => p.Programme).SingleOrDefaultAsync(p => p.TokenHash == hash, cancellationToken);
        if (invitation?.Programme is not { } programme || !invitation.IsOpenInvitation(clock.GetUtcNow().UtcDateTime))
        {
            return;
        }

        var support = await db.SupportOrganisations.Where(s => s.Id == programme.SupportOrganisationId)
            .Select(s => new { s.Name, s.Kind }).SingleAsync(cancellationToken);
        Pending = invitation;
        Programme = programme;
        SupportName = support.Name;
        SupportKind = support.Kind;
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Instruments = [.. programme.InstrumentIds.Select(id => catalog.Find(id)).OfType<Leerrijk.Scoring.Instruments.Instrument>().Select(i => i.Title.For(language))];
        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        OwnedOrganisations = await db.Memberships
            .Where(m => m.UserId == userId && m.Role == OrganisationRole.Owner)
            .OrderBy(m => m.Organisation!.Name)
            .Select(m => new OwnedOrganisation(m.OrganisationId, m.Organisation!.Name))
            .ToListAsync(cancellationToken);
    }

    public sealed record OwnedOrganisation(Guid Id, string Name);

    public sealed class JoinInput
    {
        [Required(ErrorMessage = "Validation.Choose")]
        [Display(Name = "Programme.Join.Organisation")]
        public Guid? OrganisationId { get; set; }

        [Display(Name = "Programme.Choice.ShareShort")]
        public bool SharesResults { get; set; }

        [Display(Name = "Programme.Choice.PoolShort")]
        public bool InNormPool { get; set; }
    }
}
