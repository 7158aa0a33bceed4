using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Wegwijzer;

/// <summary>Whether a date is the day an application window opens or the day it closes.</summary>
public enum WindowEdge
{
    Opens,
    Closes,
}

/// <summary>A day an application window of an offer opens or closes, for an offer judged for one company.</summary>
public sealed record OfferDeadline(OfferVerdict Verdict, OfferWindow Window, WindowEdge Edge)
{
    public DateOnly Date => Edge == WindowEdge.Opens ? Window.Opens : Window.Closes;
}

/// <summary>
/// The wegwijzer where decisions are made (a menukaart step, the dashboard, the caseload): which offers can pay for or
/// support a step, and which windows open or close soon, for one company. An offer counts when it fits or may fit and has
/// not ended: a "maybe" is shown with its reason, so nobody is kept from an offer the wegwijzer cannot rule out.
/// </summary>
public sealed class OfferAdvice(OfferCatalog catalog, OfferEligibility rules)
{
    /// <summary>How far ahead "soon" looks for opening and closing windows.</summary>
    public const int DeadlineDays = 30;

    /// <summary>
    /// The kinds that pay for or support a company's own learning step: money (voucher, subsidy, fund) or people who help
    /// do it (a coach or adviser, a learning community). Scans, platforms and networks inform, but do not carry a step.
    /// </summary>
    public static readonly IReadOnlyList<string> SupportingKinds = ["voucher", "subsidy", "fund", "coach", "learning-community"];

    /// <summary>What the wegwijzer knows of an organisation from its profile (head count and turnover when the owner gave them).</summary>
    public static CompanyProfile ProfileOf(Organisation organisation) =>
        ProfileOf(organisation.SbiSection, organisation.SizeClass, organisation.ProvinceId, organisation.LabourMarketRegionId, organisation.Employees, organisation.TurnoverEuros);

    /// <summary>The same profile from its fields, for rows that carry them without the entity.</summary>
    public static CompanyProfile ProfileOf(string section, SizeClass size, string province, string region, int? employees, long? turnoverEuros) =>
        new(employees, size, NullIfEmpty(section), NullIfEmpty(province), NullIfEmpty(region), OfferTerms.Employer, turnoverEuros);

    /// <summary>Whether an offer may be recommended at all: it fits or may fit, and has not ended.</summary>
    public static bool Recommendable(OfferVerdict verdict) =>
        verdict.Fit != Fit.DoesNotFit && verdict.Availability != Availability.Ended;

    /// <summary>The offers that can pay for or support a step for this company: fitting first, then by title.</summary>
    public async Task<IReadOnlyList<OfferVerdict>> SupportingAsync(CompanyProfile company, DateOnly today, string language, CancellationToken cancellationToken) =>
        Supporting(await catalog.AllAsync(cancellationToken), company, today, language);

    /// <summary>The supporting offers among <paramref name="offers"/>, for reading the catalogue once for several companies.</summary>
    public IReadOnlyList<OfferVerdict> Supporting(IEnumerable<Offer> offers, CompanyProfile company, DateOnly today, string language) =>
        [.. offers.Where(o => o.Kinds.Any(SupportingKinds.Contains))
            .Select(o => rules.Evaluate(o, company, today))
            .Where(Recommendable)
            .OrderBy(v => v.Fit == Fit.Fits ? 0 : 1)
            .ThenBy(v => v.Offer.Title.For(language), StringComparer.CurrentCulture)];

    /// <summary>
    /// The offers a company can pick for a plan step or a voucher: the supporting offers that fit or may fit, and the one
    /// already picked (<paramref name="keepSlugs"/>) even when they no longer would, so saving does not drop them unasked.
    /// </summary>
    public async Task<IReadOnlyList<OfferVerdict>> ChoicesAsync(CompanyProfile company, IEnumerable<string?> keepSlugs, DateOnly today, string language, CancellationToken cancellationToken)
    {
        var all = await catalog.AllAsync(cancellationToken);
        var choices = Supporting(all, company, today, language).ToList();
        foreach (var kept in keepSlugs.OfType<string>().Distinct().Where(k => choices.All(v => v.Offer.Slug != k)))
        {
            if (all.FirstOrDefault(o => o.Slug == kept) is { } offer)
            {
                choices.Add(rules.Evaluate(offer, company, today));
            }
        }

        return choices;
    }

    /// <summary>
    /// Reads a picked offer against <paramref name="choices"/>: empty is no offer; a slug that is not a choice (a forged
    /// form, or an offer that ended since the page was shown) is refused with a message key.
    /// </summary>
    public static (Offer? Offer, string? ErrorKey) Pick(string? slug, IReadOnlyList<OfferVerdict> choices)
    {
        if (string.IsNullOrEmpty(slug))
        {
            return (null, null);
        }

        return choices.FirstOrDefault(v => v.Offer.Slug == slug) is { } chosen ? (chosen.Offer, null) : (null, "Wegwijzer.Pick.NotAChoice");
    }

    /// <summary>Windows of offers that fit or may fit this company opening or closing within <see cref="DeadlineDays"/> days, soonest first.</summary>
    public async Task<IReadOnlyList<OfferDeadline>> DeadlinesAsync(CompanyProfile company, DateOnly today, CancellationToken cancellationToken) =>
        Deadlines(await catalog.AllAsync(cancellationToken), company, today, [WindowEdge.Opens, WindowEdge.Closes]);

    /// <summary>The deadlines among <paramref name="offers"/> of the given edges (the caseload asks for closing days only).</summary>
    public IReadOnlyList<OfferDeadline> Deadlines(IEnumerable<Offer> offers, CompanyProfile company, DateOnly today, IReadOnlyCollection<WindowEdge> edges)
    {
        var last = today.AddDays(DeadlineDays);
        return [.. offers
            .Where(o => o.Windows.Any(w => (w.Opens >= today && w.Opens <= last) || (w.Closes >= today && w.Closes <= last)))
            .Select(o => rules.Evaluate(o, company, today))
            .Where(Recommendable)
            .SelectMany(v => v.Offer.Windows.SelectMany(w => new[] { new OfferDeadline(v, w, WindowEdge.Opens), new OfferDeadline(v, w, WindowEdge.Closes) }))
            .Where(d => edges.Contains(d.Edge) && d.Date >= today && d.Date <= last)
            .OrderBy(d => d.Date).ThenBy(d => d.Verdict.Offer.Slug, StringComparer.Ordinal)];
    }

    /// <summary>The organisation a signed-in person's wegwijzer answers for: their first membership, as on /wegwijzer.</summary>
    public static Task<Organisation?> MemberOrganisationAsync(LeerrijkDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.CreatedAtUtc)
            .Select(m => m.Organisation!)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The address of an offer's card on /wegwijzer.</summary>
    public static string Link(Offer offer) => Link(offer.Slug);

    /// <summary>The address of the card of the offer with this slug (a stored pick, when the offer itself is not at hand).</summary>
    public static string Link(string slug) => "/wegwijzer#" + Anchor(slug);

    /// <summary>The id of an offer's card; prefixed so a slug never collides with a filter field's id.</summary>
    public static string Anchor(Offer offer) => Anchor(offer.Slug);

    private static string Anchor(string slug) => "aanbod-" + slug;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

/// <summary>The offer picker's field: the choices from <see cref="OfferAdvice.ChoicesAsync"/>, the picked slug and any error.</summary>
public sealed record OfferPicker(string Id, string Name, IReadOnlyList<OfferVerdict> Choices, string? Selected, string? Error);
