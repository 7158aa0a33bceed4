using System.Security.Claims;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Infrastructure.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Wegwijzer;

/// <summary>
/// The questions about a company that the wegwijzer's rules need, read from the address bar the same way by /wegwijzer
/// and its guide: a value not in the lists is reported beside its field and left out, never guessed. A signed-in
/// member who comes without answers starts from their organisation's profile.
/// </summary>
public abstract class CompanyQuestionsPageModel(ReferenceData reference, LeerrijkDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "provincie")]
    public string? Province { get; set; }

    [BindProperty(SupportsGet = true, Name = "regio")]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true, Name = "sector")]
    public string? Sector { get; set; }

    [BindProperty(SupportsGet = true, Name = "medewerkers")]
    public string? Employees { get; set; }

    [BindProperty(SupportsGet = true, Name = "omzet")]
    public string? Turnover { get; set; }

    [BindProperty(SupportsGet = true, Name = "grootte")]
    public SizeClass? Size { get; set; }

    [BindProperty(SupportsGet = true, Name = "voor")]
    public string? Audience { get; set; }

    /// <summary>The organisation whose profile filled the questions, when the person came without answers.</summary>
    public string? PrefilledFrom { get; private set; }

    public ReferenceData Reference => reference;

    /// <summary>The texts, for the pages' own messages and reasons.</summary>
    protected IStringLocalizer<SharedResource> Localizer => l;

    /// <summary>Fills the questions from the member's profile when none were asked, then reads them.</summary>
    protected async Task<CompanyProfile> ReadCompanyAsync(CancellationToken cancellationToken)
    {
        if (Request.Query.Count == 0 || (Request.Query.Count == 1 && Request.Query.ContainsKey("lang")))
        {
            await PrefillAsync(cancellationToken);
        }

        CheckChoices();
        var employees = NumberField.Read(ModelState, nameof(Employees), Employees, OrganisationProfileInput.EmployeesRule, l["Wegwijzer.Employees"], l);
        var turnover = NumberField.Read(ModelState, nameof(Turnover), Turnover, OrganisationProfileInput.TurnoverRule, l["Field.Turnover"], l);
        return new CompanyProfile((int?)employees, Size, Sector, Province, Region, Audience ?? OfferTerms.Employer, (long?)turnover);
    }

    /// <summary>Reports and drops a value that is not in its list; the page's own lists (kind) add theirs.</summary>
    protected virtual void CheckChoices()
    {
        if (Province is { Length: > 0 } && !reference.IsProvince(Province))
        {
            ModelState.AddModelError(nameof(Province), l["Wegwijzer.UnknownProvince"]);
            Province = null;
        }

        if (Region is { Length: > 0 } && !reference.IsLabourMarketRegion(Region))
        {
            ModelState.AddModelError(nameof(Region), l["Wegwijzer.UnknownRegion"]);
            Region = null;
        }

        if (Sector is { Length: > 0 } && !reference.IsSbiSection(Sector))
        {
            ModelState.AddModelError(nameof(Sector), l["Wegwijzer.UnknownSector"]);
            Sector = null;
        }

        if (Audience is { Length: > 0 } && !OfferTerms.Audiences.Contains(Audience))
        {
            ModelState.AddModelError(nameof(Audience), l["Wegwijzer.UnknownAudience"]);
            Audience = null;
        }

        if ((ModelState.TryGetValue("grootte", out var sizeState) && sizeState.Errors.Count > 0) || (Size is { } size && !Enum.IsDefined(size)))
        {
            ModelState.Remove("grootte");
            ModelState.AddModelError(nameof(Size), l["Wegwijzer.UnknownSizeFilter"]);
            Size = null;
        }

        Province = NullIfEmpty(Province);
        Region = NullIfEmpty(Region);
        Sector = NullIfEmpty(Sector);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private async Task PrefillAsync(CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            || await OfferAdvice.MemberOrganisationAsync(db, userId, cancellationToken) is not { } organisation)
        {
            return;
        }

        var input = OrganisationProfileInput.From(organisation);
        (Province, Region, Sector, Size, Employees, Turnover, PrefilledFrom) =
            (organisation.ProvinceId, organisation.LabourMarketRegionId, organisation.SbiSection, organisation.SizeClass, input.Employees, input.Turnover, organisation.Name);
    }
}
