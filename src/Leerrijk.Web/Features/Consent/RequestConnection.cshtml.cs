using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Infrastructure;
using Leerrijk.Web.Infrastructure.Forms;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Consent;

/// <summary>
/// An adviser asks a company's owner by e-mail to connect. The request grants nothing: the owner reads what it would
/// share and chooses. Advisers see and withdraw their own open requests; coordinators those of the whole organisation.
/// </summary>
public sealed class RequestConnectionModel(
    LeerrijkDbContext db, ConsentMails mails, PublicLinks links, TimeProvider clock, IStringLocalizer<SharedResource> l) : SupportPageModel
{
    public static readonly string[] Languages = ["nl", "en"];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string SupportName { get; private set; } = "";

    public IReadOnlyList<RequestRow> OpenRequests { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new InputModel { Scopes = [ConsentScope.ReadReports], Months = ConsentRules.DefaultMonths, Language = "nl" };
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var scopes = ConsentRules.CheckScopes(Input.Scopes, ConsentRules.Every, ModelState, GrantInput.ScopesField, l);
        if (Input.Language is { } language && !Languages.Contains(language))
        {
            ModelState.AddModelError("Input.Language", l["Validation.NotInList"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var email = Input.Email!.Trim();

        // A new request to the same address replaces the open ones of this support organisation, so only the newest link works.
        var previous = await db.ConnectionRequests
            .Where(r => r.SupportOrganisationId == Member.SupportOrganisationId && r.Email == email
                        && r.AcceptedAtUtc == null && r.WithdrawnAtUtc == null && r.ExpiresAtUtc > now)
            .ToListAsync(cancellationToken);
        previous.ForEach(r => r.WithdrawnAtUtc = now);

        var token = ConnectionRequest.NewToken();
        var request = new ConnectionRequest
        {
            SupportOrganisationId = Member.SupportOrganisationId,
            AdviserUserId = Member.UserId,
            Email = email,
            CompanyName = string.IsNullOrWhiteSpace(Input.CompanyName) ? null : Input.CompanyName.Trim(),
            ProposedScopes = scopes,
            ProposedMonths = Input.Months!.Value,
            TokenHash = ConnectionRequest.HashToken(token),
            ExpiresAtUtc = now + ConnectionRequest.Lifetime,
        };
        db.ConnectionRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);

        var supportName = await db.SupportOrganisations.Where(s => s.Id == Member.SupportOrganisationId).Select(s => s.Name).SingleAsync(cancellationToken);
        var adviser = await db.Users.Where(u => u.Id == Member.UserId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        var english = Input.Language == "en";
        // The page the link opens speaks the mail's language (?lang=en), whatever the owner's browser last chose.
        object route = english ? new { token, lang = "en" } : new { token };
        var link = links.Page(HttpContext, "/Consent/AcceptConnection", route);
        var lastDay = DateOnly.FromDateTime(LocalizationSetup.ToLocalTime(request.ExpiresAtUtc));
        await mails.SendConnectionRequestAsync(
            email, Input.Language ?? "nl", supportName, adviser, request.CompanyName, scopes, request.ProposedMonths, lastDay, link, cancellationToken);

        TempData["Status"] = l["Consent.Request.Sent", email].Value;
        return RedirectToPage(new { supportId = Member.SupportOrganisationId });
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var request = await db.ConnectionRequests.SingleOrDefaultAsync(
            r => r.Id == requestId && r.SupportOrganisationId == Member.SupportOrganisationId && (Member.Role == SupportRole.Coordinator || r.AdviserUserId == Member.UserId),
            cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        if (request.IsOpen(clock.GetUtcNow().UtcDateTime))
        {
            request.WithdrawnAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            TempData["Status"] = l["Consent.Request.Withdrawn", request.Email].Value;
        }
        else
        {
            TempData["Status"] = l["Consent.Request.NoLongerOpen", request.Email].Value;
        }

        return RedirectToPage(new { supportId = Member.SupportOrganisationId });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        SupportName = await db.SupportOrganisations.Where(s => s.Id == Member.SupportOrganisationId).Select(s => s.Name).SingleAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var open = db.ConnectionRequests.Where(r =>
            r.SupportOrganisationId == Member.SupportOrganisationId && r.AcceptedAtUtc == null && r.WithdrawnAtUtc == null && r.ExpiresAtUtc > now);
        if (Member.Role != SupportRole.Coordinator)
        {
            open = open.Where(r => r.AdviserUserId == Member.UserId);
        }

        OpenRequests = await (
                from r in open
                join u in db.Users on r.AdviserUserId equals u.Id
                orderby r.CreatedAtUtc descending
                select new RequestRow(r.Id, r.Email, r.CompanyName, u.DisplayName, r.ProposedScopes, r.ProposedMonths, r.CreatedAtUtc, r.ExpiresAtUtc))
            .ToListAsync(cancellationToken);
    }

    public sealed record RequestRow(
        Guid Id, string Email, string? CompanyName, string AdviserName, ConsentScope Scopes, int Months, DateTime CreatedAtUtc, DateTime ExpiresAtUtc);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [StorableText]
        [StringLength(256, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Consent.Request.OwnerEmail")]
        public string? Email { get; set; }

        [StorableText]
        [StringLength(Organisation.NameMaxLength, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Consent.Request.CompanyName")]
        public string? CompanyName { get; set; }

        [Display(Name = "Consent.ScopesLegend")]
        public List<ConsentScope> Scopes { get; set; } = [];

        [Required(ErrorMessage = "Validation.Required")]
        [Range(1, ConsentRules.MaxMonths, ErrorMessage = "Validation.Range")]
        [Display(Name = "Consent.Request.Months")]
        public int? Months { get; set; }

        [Display(Name = "Consent.Request.Language")]
        public string? Language { get; set; }

        public ScopeChoicesView Choices() => new(GrantInput.ScopesField, ConsentRules.All, Scopes.Aggregate(ConsentScope.None, (all, s) => all | s));
    }
}
