using System.Globalization;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Wegwijzer;

/// <summary>
/// /wegwijzer, public: every offer judged for the company described in the filters, with a reason per rule. A signed-in
/// member starts from their organisation's profile; nobody needs an account.
/// </summary>
public sealed class IndexModel(OfferCatalog catalog, OfferEligibility rules, ReferenceData reference, LeerrijkDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : CompanyQuestionsPageModel(reference, db, l)
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "soort")]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "open")]
    public bool OpenNow { get; set; }

    public IReadOnlyList<OfferVerdict> Results { get; private set; } = [];

    public int Total { get; private set; }

    public DateOnly Today { get; private set; }

    public string Language { get; private set; } = "nl";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Today = LocalizationSetup.Today(clock);
        var profile = await ReadCompanyAsync(cancellationToken);
        var all = await catalog.AllAsync(cancellationToken);
        Total = all.Count;
        Results = Filter(all.Select(o => rules.Evaluate(o, profile, Today)), Kind, OpenNow, Query, Language);
    }

    /// <summary>Kind, open-now and search filters, and the order: what fits first, then what may fit, then the rest.</summary>
    public static IReadOnlyList<OfferVerdict> Filter(IEnumerable<OfferVerdict> verdicts, string? kind, bool openNow, string? query, string language)
    {
        var results = verdicts;
        if (!string.IsNullOrEmpty(kind))
        {
            results = results.Where(v => v.Offer.Kinds.Contains(kind));
        }

        if (openNow)
        {
            results = results.Where(v => v.Availability == Availability.Open);
        }

        var words = (query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length > 0)
        {
            string Text(Offer o) => string.Join(' ', [o.Slug, o.Title.For(language), o.Summary.For(language), o.Text.For(language), .. o.Sectors.Named.Select(n => n.For(language)), .. o.Areas.SubRegions.Select(s => s.Name)]);
            results = results.Where(v => words.All(w => Text(v.Offer).Contains(w, StringComparison.CurrentCultureIgnoreCase)));
        }

        return [.. results.OrderBy(v => v.Fit switch { Fit.Fits => 0, Fit.Unknown => 1, _ => 2 }).ThenBy(v => v.Offer.Title.For(language), StringComparer.CurrentCulture)];
    }

    public string Text(Reason reason) => reason.Text(Localizer, CultureInfo.CurrentUICulture);

    /// <summary>Where an offer is available, in words: the whole country, the named areas, or that the source does not say.</summary>
    public string AreaText(OfferAreas areas) =>
        areas.National ? Localizer["Wegwijzer.Area.National"]
        : areas.NotStated ? Localizer["Wegwijzer.Area.NotStated"]
        : string.Join(", ", areas.Provinces.Select(Reference.ProvinceName).Concat(areas.Regions.Select(Reference.RegionName)).Concat(areas.SubRegions.Select(s => s.Name)));

    /// <summary>The resource key naming a kind of offer (learning-community → Wegwijzer.Kind.LearningCommunity).</summary>
    public static string KindKey(string kind) => "Wegwijzer.Kind." + string.Concat(kind.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    protected override void CheckChoices()
    {
        base.CheckChoices();
        if (Kind is { Length: > 0 } && !OfferTerms.Kinds.Contains(Kind))
        {
            ModelState.AddModelError(nameof(Kind), Localizer["Wegwijzer.UnknownKind"]);
            Kind = null;
        }
    }
}
