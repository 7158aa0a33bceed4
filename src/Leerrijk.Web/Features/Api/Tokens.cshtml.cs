using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Leerrijk.Web.Data;
using Leerrijk.Web.Infrastructure.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Api;

/// <summary>
/// A person's API tokens: make one for a company or support organisation they belong to, with the scopes and the
/// lifetime chosen; the token text is shown once; list with last use; revoke.
/// </summary>
public sealed class TokensModel(LeerrijkDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public static readonly IReadOnlyList<ApiScope> Offered = [ApiScope.ReadReports, ApiScope.ReadPlans, ApiScope.ManageRounds, ApiScope.ReadProgrammeFigures];

    public static readonly IReadOnlyList<int> Lifetimes = [30, 90, 180, 365];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The token just made, shown once after the redirect.</summary>
    [TempData]
    public string? NewToken { get; set; }

    public IReadOnlyList<TokenRow> Tokens { get; private set; } = [];

    public IReadOnlyList<TokenHome> Homes { get; private set; } = [];

    public DateTime Now { get; private set; }

    private Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var home = Homes.FirstOrDefault(h => h.Key == Input.Home);
        if (!string.IsNullOrEmpty(Input.Home) && home is null)
        {
            ModelState.AddModelError("Input.Home", l["Validation.NotInList"]);
        }

        var scopes = Input.Scopes.Aggregate(ApiScope.None, (all, s) => all | s);
        if (Input.Scopes.Count == 0 || Input.Scopes.Any(s => !Offered.Contains(s)))
        {
            ModelState.AddModelError("Input.Scopes", l["ApiTokens.ChooseScope"]);
        }

        if (Input.Days is { } days && !Lifetimes.Contains(days))
        {
            ModelState.AddModelError("Input.Days", l["Validation.NotInList"]);
        }

        if (!ModelState.IsValid || home is null)
        {
            return Page();
        }

        var token = new ApiToken
        {
            UserId = UserId,
            OrganisationId = home.OrganisationId,
            SupportOrganisationId = home.SupportOrganisationId,
            Name = Input.Name!.Trim(),
            Scopes = scopes,
            ExpiresAtUtc = clock.GetUtcNow().UtcDateTime.AddDays(Input.Days!.Value),
        };
        NewToken = token.IssueSecret();
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid tokenId, CancellationToken cancellationToken)
    {
        // Only one's own tokens: anyone else's id is simply not found.
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == UserId, cancellationToken);
        if (token is null)
        {
            return NotFound();
        }

        token.RevokedAtUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["ApiTokens.Revoked", token.Name].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var userId = UserId;
        Now = clock.GetUtcNow().UtcDateTime;
        var organisations = await db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == userId)
            .Join(db.Organisations.IgnoreQueryFilters(), m => m.OrganisationId, o => o.Id, (m, o) => new { o.Id, o.Name })
            .ToListAsync(cancellationToken);
        var supportIds = await db.SupportMemberships.Where(m => m.UserId == userId).Select(m => m.SupportOrganisationId)
            .Union(db.ProgrammeManagers.Where(m => m.UserId == userId).Join(db.Programmes, m => m.ProgrammeId, p => p.Id, (m, p) => p.SupportOrganisationId))
            .ToListAsync(cancellationToken);
        var supports = await db.SupportOrganisations.Where(s => supportIds.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        Homes =
        [
            .. organisations.OrderBy(o => o.Name, StringComparer.CurrentCulture).Select(o => new TokenHome("o:" + o.Id, o.Name, o.Id, null)),
            .. supports.OrderBy(s => s.Name, StringComparer.CurrentCulture).Select(s => new TokenHome("s:" + s.Id, s.Name, null, s.Id)),
        ];
        var names = Homes.ToDictionary(h => h.OrganisationId ?? h.SupportOrganisationId!.Value, h => h.Name);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(cancellationToken);
        Tokens = tokens.OrderByDescending(t => t.CreatedAtUtc)
            .Select(t => new TokenRow(t, names.GetValueOrDefault(t.OrganisationId ?? t.SupportOrganisationId!.Value) ?? "–"))
            .ToList();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(ApiToken.NameMaxLength, ErrorMessage = "Validation.MaxLength")]
        [StorableText]
        [Display(Name = "Field.ApiTokenName")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.ApiTokenHome")]
        public string? Home { get; set; }

        [Display(Name = "Field.ApiTokenScopes")]
        public List<ApiScope> Scopes { get; set; } = [];

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.ApiTokenDays")]
        public int? Days { get; set; } = 90;
    }
}

/// <summary>Where a token can work: a company the person belongs to, or a support organisation.</summary>
public sealed record TokenHome(string Key, string Name, Guid? OrganisationId, Guid? SupportOrganisationId);

/// <summary>One token in the list.</summary>
public sealed record TokenRow(ApiToken Token, string HomeName)
{
    public bool IsActive(DateTime now) => Token.RevokedAtUtc is null && Token.ExpiresAtUtc > now;
}
