using System.Globalization;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Reference;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Wegwijzer;

/// <summary>What the wegwijzer knows about a company; anything null is unknown and makes a rule that needs it say so.</summary>
/// <param name="Employees">Head count, when known; otherwise <paramref name="Size"/> is used.</param>
/// <param name="Size">Size class, when the head count is not known.</param>
/// <param name="Section">SBI 2008 section letter.</param>
/// <param name="Province">Province id from content/reference.</param>
/// <param name="Region">Labour-market region id from content/reference.</param>
/// <param name="Audience">Who asks: employer, employee or job-seeker.</param>
/// <param name="TurnoverEuros">Yearly turnover, when known.</param>
public sealed record CompanyProfile(
    int? Employees = null,
    SizeClass? Size = null,
    string? Section = null,
    string? Province = null,
    string? Region = null,
    string? Audience = OfferTerms.Employer,
    long? TurnoverEuros = null)
{
    /// <summary>The size class the head count falls in, or the class given.</summary>
    public SizeClass? SizeClassOrCount => Employees is { } count ? SizeClasses.Of(count) : Size;
}

/// <summary>Whether an offer fits a company: every stated rule is met, one is not, or the wegwijzer cannot tell.</summary>
public enum Fit
{
    Fits,
    DoesNotFit,
    Unknown,
}

/// <summary>Whether an offer can be used now, as far as the sources say.</summary>
public enum Availability
{
    Open,
    Closed,
    Ended,
    NotStated,
}

/// <summary>The outcome of one rule; <see cref="Info"/> explains without deciding (a closed window, an unknown status).</summary>
public enum RuleOutcome
{
    Fits,
    DoesNotFit,
    Unknown,
    Info,
}

/// <summary>A resource key that an argument of a reason is shown as (an audience, a size class).</summary>
public sealed record Term(string Key);

/// <summary>One plain line about one rule: a resource key and its arguments, rendered in the reader's language.</summary>
public sealed record Reason(RuleOutcome Outcome, string Key, params object[] Args)
{
    /// <summary>The line in the reader's language: texts by culture, terms by key, numbers and dates formatted for it.</summary>
    public string Text(IStringLocalizer localizer, CultureInfo culture)
    {
        string Show(object arg) => arg switch
        {
            LocalizedText t => culture.TwoLetterISOLanguageName == "en" ? t.En : t.Nl,
            Term term => localizer[term.Key],
            IEnumerable<object> list => string.Join(", ", list.Select(Show)),
            DateOnly date => date.ToString("d MMMM yyyy", culture),
            int n => n.ToString("N0", culture),
            long n => n.ToString("N0", culture),
            _ => Convert.ToString(arg, culture) ?? "",
        };
        return localizer[Key, [.. Args.Select(Show)]];
    }
}

/// <summary>An offer judged for one company on one day, with a reason line per rule; <paramref name="Timing"/> is the time
/// rule's line (open until, next window, ended), which is also among <paramref name="Reasons"/>.</summary>
public sealed record OfferVerdict(Offer Offer, Fit Fit, Availability Availability, IReadOnlyList<Reason> Reasons, OfferWindow? OpenWindow, Reason Timing)
{
    /// <summary>
    /// The line shown first: the rule that rules the offer out, else the one that leaves it open, else the most telling
    /// rule that fits ("you have 60 staff: it is for up to 250" says more than "it is available nationwide").
    /// </summary>
    public Reason Headline =>
        Reasons.FirstOrDefault(r => r.Outcome == RuleOutcome.DoesNotFit)
        ?? Reasons.FirstOrDefault(r => r.Outcome == RuleOutcome.Unknown)
        ?? Reasons.FirstOrDefault(r => r.Outcome == RuleOutcome.Fits && r.Key != "Wegwijzer.Reason.National" && r != Timing)
        ?? Reasons.First(r => r.Outcome != RuleOutcome.Info);
}

/// <summary>
/// The wegwijzer's eligibility rules in one place: area, sector, size, turnover, who it is for, and time. A rule the
/// sources are silent on is skipped or says it cannot tell; an ended offer never fits; a closed window is reported
/// with the next window when one is known, marked as an estimate when it is one.
/// </summary>
public sealed class OfferEligibility(ReferenceData reference)
{
    public OfferVerdict Evaluate(Offer offer, CompanyProfile company, DateOnly today)
    {
        var (availability, timeReason, openWindow) = Time(offer, today);
        var reasons = new List<Reason>();
        reasons.AddRange(new[] { Area(offer, company), Sector(offer, company) }.OfType<Reason>());
        reasons.AddRange(Size(offer, company));
        reasons.AddRange(new[] { Turnover(offer, company), Audience(offer, company), timeReason }.OfType<Reason>());
        var fit = reasons.Any(r => r.Outcome == RuleOutcome.DoesNotFit) ? Fit.DoesNotFit
            : reasons.Any(r => r.Outcome == RuleOutcome.Unknown) ? Fit.Unknown
            : Fit.Fits;
        return new OfferVerdict(offer, fit, availability, reasons, openWindow, timeReason);
    }

    private static (Availability, Reason, OfferWindow?) Time(Offer offer, DateOnly today)
    {
        if (offer.Status == OfferTerms.Ended)
        {
            return (Availability.Ended, new Reason(RuleOutcome.DoesNotFit, "Wegwijzer.Reason.Ended", offer.Title), null);
        }

        if (offer.Windows.FirstOrDefault(w => w.IsOpenOn(today)) is { } open)
        {
            return (Availability.Open, new Reason(RuleOutcome.Fits, "Wegwijzer.Reason.OpenUntil", open.Closes), open);
        }

        var next = offer.Windows.Where(w => w.Opens > today).OrderBy(w => w.Opens).FirstOrDefault();
        if (next is not null)
        {
            return (Availability.Closed, new Reason(RuleOutcome.Info, "Wegwijzer.Reason.ClosedNextWindow", next.Opens), null);
        }

        if (offer.Status == OfferTerms.ClosedUntil)
        {
            return offer.ClosedUntil is { } until && until > today
                ? (Availability.Closed, new Reason(RuleOutcome.Info, "Wegwijzer.Reason.ClosedUntil", until), null)
                : (Availability.Closed, new Reason(RuleOutcome.Info, "Wegwijzer.Reason.ClosedNoDate"), null);
        }

        if (offer.NextWindowExpected is { } expected)
        {
            return expected.Date >= today
                ? (Availability.Closed, new Reason(RuleOutcome.Info, "Wegwijzer.Reason.ClosedExpected", expected.Date), null)
                : (Availability.NotStated, new Reason(RuleOutcome.Info, "Wegwijzer.Reason.ExpectedPassed", expected.Date), null);
        }

        if (offer.Status == OfferTerms.Open)
        {
            return (Availability.Open, new Reason(RuleOutcome.Fits, "Wegwijzer.Reason.Runs"), null);
        }

        return offer.Windows.Count > 0
            ? (Availability.NotStated, new Reason(RuleOutcome.Info, "Wegwijzer.Reason.LastWindowClosed", offer.Windows.Max(w => w.Closes)), null)
            : (Availability.NotStated, new Reason(RuleOutcome.Info, "Wegwijzer.Reason.NoWindowsStated"), null);
    }

    private Reason Area(Offer offer, CompanyProfile company)
    {
        var areas = offer.Areas;
        if (areas.NotStated)
        {
            return new Reason(RuleOutcome.Unknown, "Wegwijzer.Reason.AreaNotStated");
        }

        if (areas.National)
        {
            return new Reason(RuleOutcome.Fits, "Wegwijzer.Reason.National");
        }

        if (company.Region is { } region && areas.Regions.Contains(region))
        {
            return new Reason(RuleOutcome.Fits, "Wegwijzer.Reason.InArea", reference.RegionName(region));
        }

        if (company.Province is { } province && areas.Provinces.Contains(province))
        {
            return new Reason(RuleOutcome.Fits, "Wegwijzer.Reason.InArea", reference.ProvinceName(province));
        }

        var sub = areas.SubRegions.FirstOrDefault(s => (company.Region is not null && s.Regions.Contains(company.Region)) || (company.Province is not null && s.Provinces.Contains(company.Province)));
        if (sub is not null)
        {
            return new Reason(RuleOutcome.Unknown, "Wegwijzer.Reason.SubRegion", sub.Name);
        }

        var names = areas.Provinces.Select(reference.ProvinceName).Concat(areas.Regions.Select(reference.RegionName)).Concat(areas.SubRegions.Select(s => s.Name)).ToList<object>();
        if (company.Region is null || company.Province is null)
        {
            // A region can cross a province border, so without both we cannot rule the company out.
            return new Reason(RuleOutcome.Unknown, "Wegwijzer.Reason.AreaUnknown", names);
        }

        return new Reason(RuleOutcome.DoesNotFit, "Wegwijzer.Reason.OutsideArea", names, reference.ProvinceName(company.Province), reference.RegionName(company.Region));
    }

    private Reason? Sector(Offer offer, CompanyProfile company)
    {
        var sectors = offer.Sectors;
        if (sectors.All)
        {
            return null;
        }

        var sectionNames = sectors.Sections.Select(SectionName).ToList<object>();
        if (company.Section is null)
        {
            return new Reason(RuleOutcome.Unknown, "Wegwijzer.Reason.SectorUnknown", sectionNames.Concat(sectors.Named).ToList());
        }

        if (sectors.Sections.Count > 0 && !sectors.Sections.Contains(company.Section))
        {
            return new Reason(RuleOutcome.DoesNotFit, "Wegwijzer.Reason.OtherSector", SectionName(company.Section), sectionNames);
        }

        return sectors.Named.Count > 0
            ? new Reason(RuleOutcome.Unknown, "Wegwijzer.Reason.NamedSector", sectors.Named.ToList<object>())
            : new Reason(RuleOutcome.Fits, "Wegwijzer.Reason.InSector", SectionName(company.Section));
    }

    private LocalizedText SectionName(string id) =>
        reference.SbiSections.FirstOrDefault(s => s.Id == id) is { } s ? new LocalizedText(s.Nl, s.En) : new LocalizedText(id, id);

    private static IEnumerable<Reason> Size(Offer offer, CompanyProfile company)
    {
        var limits = offer.Eligibility;
        var size = company.SizeClassOrCount;
        if (limits.MaxEmployees is { } max)
        {
            var fits = company.Employees is { } n ? n <= max : size is null ? (bool?)null : SizeClasses.Range(size.Value).High <= max ? true : SizeClasses.Range(size.Value).Low > max ? false : null;
            yield return company.Employees is { } count
                ? new Reason(fits == true ? RuleOutcome.Fits : RuleOutcome.DoesNotFit, "Wegwijzer.Reason.MaxEmployees", count, offer.Title, max + 1)
                : new Reason(Outcome(fits), "Wegwijzer.Reason.MaxEmployeesClass", size is null ? Unknown : new Term("SizeClass." + size), offer.Title, max + 1);
        }

        if (limits.MinEmployees is { } min)
        {
            var fits = company.Employees is { } n ? n >= min : size is null ? (bool?)null : SizeClasses.Range(size.Value).Low >= min ? true : SizeClasses.Range(size.Value).High < min ? false : null;
            yield return company.Employees is { } count
                ? new Reason(fits == true ? RuleOutcome.Fits : RuleOutcome.DoesNotFit, "Wegwijzer.Reason.MinEmployees", count, offer.Title, min)
                : new Reason(Outcome(fits), "Wegwijzer.Reason.MinEmployeesClass", size is null ? Unknown : new Term("SizeClass." + size), offer.Title, min);
        }

        if (offer.Sizes.Count > 0 && limits.MaxEmployees is null && limits.MinEmployees is null)
        {
            var sizes = offer.Sizes.Select(s => (object)new Term("SizeClass." + char.ToUpperInvariant(s[0]) + s[1..])).ToList();
            yield return size is null
                ? new Reason(RuleOutcome.Unknown, "Wegwijzer.Reason.SizeUnknown", sizes)
                : new Reason(offer.Sizes.Contains(size.Value.ToString().ToLowerInvariant()) ? RuleOutcome.Fits : RuleOutcome.DoesNotFit, "Wegwijzer.Reason.Sizes", new Term("SizeClass." + size), sizes);
        }
    }

    private static readonly Term Unknown = new("Wegwijzer.UnknownSize");

    private static RuleOutcome Outcome(bool? fits) => fits switch
    {
        true => RuleOutcome.Fits,
        false => RuleOutcome.DoesNotFit,
        null => RuleOutcome.Unknown,
    };

    private static Reason? Turnover(Offer offer, CompanyProfile company) => offer.Eligibility.MaxTurnoverEuros is not { } max ? null
        : company.TurnoverEuros is not { } turnover ? new Reason(RuleOutcome.Unknown, "Wegwijzer.Reason.TurnoverUnknown", offer.Title, max)
        : new Reason(turnover <= max ? RuleOutcome.Fits : RuleOutcome.DoesNotFit, "Wegwijzer.Reason.Turnover", turnover, offer.Title, max);

    private static Reason? Audience(Offer offer, CompanyProfile company)
    {
        if (offer.Audiences.Count == 0)
        {
            return null;
        }

        var audiences = offer.Audiences.Select(a => (object)AudienceTerm(a)).ToList();
        return company.Audience is null ? new Reason(RuleOutcome.Unknown, "Wegwijzer.Reason.AudienceUnknown", audiences)
            : offer.Audiences.Contains(company.Audience) ? new Reason(RuleOutcome.Fits, "Wegwijzer.Reason.ForAudience", audiences)
            : new Reason(RuleOutcome.DoesNotFit, "Wegwijzer.Reason.NotForAudience", audiences, AudienceTerm(company.Audience));
    }

    /// <summary>The resource key that names an audience.</summary>
    public static Term AudienceTerm(string audience) => new(audience switch
    {
        OfferTerms.Employee => "Wegwijzer.Audience.Employee",
        OfferTerms.JobSeeker => "Wegwijzer.Audience.JobSeeker",
        _ => "Wegwijzer.Audience.Employer",
    });
}
