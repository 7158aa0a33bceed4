using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Infrastructure;
using Leerrijk.Web.Infrastructure.Forms;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Communities;

/// <summary>
/// An open community as the public sees it, and "Vraag om mee te doen" for a signed-in person: for one of their
/// companies or as a guest, with a message and their choice to show their name. The facilitators get a mail and
/// accept or decline on the members page. A closed or ended community does not exist here (404).
/// </summary>
public sealed class PublicDetailModel(
    LeerrijkDbContext db, ReferenceData reference, CommunityMails mails, PublicLinks links, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public RequestInput Input { get; set; } = new();

    public Community Community { get; private set; } = null!;

    public string RunnerName { get; private set; } = "";

    public string? ProvinceName { get; private set; }

    public IReadOnlyList<(Guid Id, string Name)> Organisations { get; private set; } = [];

    /// <summary>What the signed-in person already has with this community: a pending request or a membership; null if nothing.</summary>
    public MemberStatus? Standing { get; private set; }

    /// <summary>The form's choices: one of the person's companies, or as a guest with their school.</summary>
    public JoinChoicesView Choices => new(Organisations, Input.OrganisationId, "Community.Field.AsGuest", AsksAffiliation: true, Input.Affiliation, Input.ShowsIdentity);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Input = new RequestInput { OrganisationId = Organisations.Count > 0 ? Organisations[0].Id : null };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Standing is not null)
        {
            // A second request while one waits (or after joining): the page says where things stand; nothing is stored.
            return Page();
        }

        if (Input.OrganisationId is { } chosen && Organisations.All(o => o.Id != chosen))
        {
            ModelState.AddModelError("Input.OrganisationId", l["Validation.NotInList"]);
        }
        else if (Input.OrganisationId is null && string.IsNullOrWhiteSpace(Input.Affiliation))
        {
            ModelState.AddModelError("Input.Affiliation", l["Community.Request.AffiliationNeeded"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync(cancellationToken);
        var guest = Input.OrganisationId is null;
        db.CommunityMembers.Add(new CommunityMember
        {
            CommunityId = Community.Id,
            UserId = userId,
            Email = email,
            OrganisationId = Input.OrganisationId,
            Affiliation = guest ? Input.Affiliation!.Trim() : null,
            Role = guest ? CommunityRole.Guest : CommunityRole.Member,
            Status = MemberStatus.Requested,
            RequestMessage = string.IsNullOrWhiteSpace(Input.Message) ? null : Input.Message.Trim(),
            ShowsIdentity = Input.ShowsIdentity,
        });
        await db.SaveChangesAsync(cancellationToken);

        var communityId = Community.Id;
        var facilitators = await db.CommunityMembers.Where(CommunityMember.Active)
            .Where(m => m.CommunityId == communityId && m.Role == CommunityRole.Facilitator)
            .Select(m => db.Users.Where(u => u.Id == m.UserId).Select(u => u.Email!).First())
            .ToListAsync(cancellationToken);
        var link = links.Page(HttpContext, "/Communities/Members", new { communityId });
        foreach (var to in facilitators.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await mails.SendRequestAsync(to, Community, link, cancellationToken);
        }

        TempData["Status"] = l["Community.Request.Sent", Community.Name].Value;
        return RedirectToPage(new { id = communityId });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var id = Id;
        if (await PublicListModel.Open(db, LocalizationSetup.Today(clock)).SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } community)
        {
            return false;
        }

        Community = community;
        RunnerName = await CommunityMembership.RunnerNameAsync(db, community, cancellationToken);
        ProvinceName = string.IsNullOrEmpty(community.ProvinceId) ? null : reference.ProvinceName(community.ProvinceId);
        if (Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            Organisations = await CommunityMembership.OrganisationsOfAsync(db, userId, cancellationToken);
            Standing = await db.CommunityMembers
                .Where(m => m.CommunityId == id && m.UserId == userId && (m.Status == MemberStatus.Requested || m.Status == MemberStatus.Active))
                .Select(m => (MemberStatus?)m.Status)
                .FirstOrDefaultAsync(cancellationToken);
        }

        return true;
    }

    public sealed class RequestInput : JoinInput
    {
        [StorableText(AllowLineBreaks = true)]
        [StringLength(CommunityMember.MessageMaxLength, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Community.Request.Message")]
        public string? Message { get; set; }
    }
}
