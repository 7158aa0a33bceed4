using System.Globalization;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Features.Reference;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Leerrijk.Web.Features.Wegwijzer;

/// <summary>An offer file that does not fit the wegwijzer's shape: which file, and what to fix.</summary>
public sealed class OfferContentException(string message) : Exception(message);

/// <summary>
/// Reads content/offers strictly: an unknown field, a missing text, an unknown province, region or SBI section, a
/// source that is not https, a window that closes before it opens or an ended offer with an open window stops the
/// load with the file and the fix, so a wrong offer never reaches an owner.
/// </summary>
public static class OfferContent
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static IReadOnlyList<Offer> LoadFolder(string folder, ReferenceData reference)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var offers = Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => Parse(Path.GetFileName(f), File.ReadAllText(f), reference))
            .ToList();
        var twice = offers.GroupBy(o => o.Slug, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? offers : throw new OfferContentException($"offers/{twice.Key}.yaml: the slug is used twice.");
    }

    public static Offer Parse(string fileName, string yaml, ReferenceData reference)
    {
        var where = $"offers/{fileName}";
        OfferFile file;
        try
        {
            file = Yaml.Deserialize<OfferFile>(yaml) ?? throw new OfferContentException($"{where}: the file is empty.");
        }
        catch (YamlException ex)
        {
            throw new OfferContentException($"{where}, line {ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message} Use only the fields in content/offers/offer.schema.json.");
        }

        if (string.IsNullOrWhiteSpace(file.Slug) || file.Slug + ".yaml" != fileName)
        {
            throw new OfferContentException($"{where}: slug must equal the file name without .yaml.");
        }

        if (!OfferRules.IsSlug(file.Slug))
        {
            throw new OfferContentException($"{where}: slug '{file.Slug}' must be lower-case letters and digits joined by single hyphens, at most {OfferRules.SlugMax} characters, and not {string.Join(" or ", OfferRules.ReservedSlugs)}. Rename the file and the slug.");
        }

        var kinds = Terms(file.Kinds, OfferTerms.Kinds, where, "kinds");
        if (!OfferRules.HasKind(kinds))
        {
            throw new OfferContentException($"{where}: kinds needs at least one of {string.Join(", ", OfferTerms.Kinds)}.");
        }

        var lastChecked = Date(file.LastChecked, where, "lastChecked")
            ?? throw new OfferContentException($"{where}: lastChecked is missing. Give the date the facts were last checked (YYYY-MM-DD).");
        var status = file.Status;
        if (status is not null && !OfferTerms.Statuses.Contains(status))
        {
            throw new OfferContentException($"{where}: status '{status}' is unknown. Use {string.Join(", ", OfferTerms.Statuses)}, or leave it out when no source states it.");
        }

        var windows = (file.Windows ?? []).Select((w, i) => Window(w, where, i)).ToList();
        var expected = file.NextWindowExpected is { } next
            ? next.Estimate == true
                ? new ExpectedWindow(Date(next.Date, where, "nextWindowExpected.date") ?? throw new OfferContentException($"{where}: nextWindowExpected needs a date."), OptionalText(next.Note, where, "nextWindowExpected.note"))
                : throw new OfferContentException($"{where}: nextWindowExpected must say estimate: true. A confirmed window goes in windows.")
            : null;
        var closedUntil = Date(file.ClosedUntil, where, "closedUntil");
        if (closedUntil is not null && status != OfferTerms.ClosedUntil)
        {
            throw new OfferContentException($"{where}: closedUntil is only for status: closed-until.");
        }

        if (!OfferRules.ClosedUntilHasDate(status, closedUntil))
        {
            throw new OfferContentException($"{where}: status: closed-until needs closedUntil, the date it opens again. Add it, or leave the status out when no source states the date.");
        }

        var (open, expectedWhileEnded) = OfferRules.EndedButRunning(status, windows, expected, lastChecked);
        if (open is not null || expectedWhileEnded)
        {
            throw new OfferContentException($"{where}: the offer has ended but {(open is not null ? $"a window closes on {Iso(open.Closes)}, on or after lastChecked" : "it has a nextWindowExpected")}. Remove status: ended or the open window.");
        }

        return new Offer(
            file.Slug,
            kinds,
            Areas(file.Areas, where, reference),
            Sectors(file.Sectors, where, reference),
            Terms(file.Sizes, OfferTerms.Sizes, where, "sizes"),
            Terms(file.Audiences, OfferTerms.Audiences, where, "audiences"),
            Text(file.Title, where, "title"),
            Text(file.Summary, where, "summary"),
            Text(file.Offer, where, "offer"),
            Money(file.Money, where),
            windows,
            expected,
            status,
            closedUntil,
            Limits(file.Eligibility, where),
            Sources(file.Sources, where),
            lastChecked);
    }

    private static OfferAreas Areas(AreasFile? areas, string where, ReferenceData reference)
    {
        if (areas is null)
        {
            throw new OfferContentException($"{where}: areas is missing. Write areas: {{}} when the sources name no area.");
        }

        var subRegions = (areas.SubRegions ?? []).Select((s, i) =>
        {
            if (string.IsNullOrWhiteSpace(s.Name))
            {
                throw new OfferContentException($"{where}: subRegions[{i}] needs a name.");
            }

            var provinces = Provinces(s.Provinces, where, $"subRegions[{i}].provinces", reference);
            var regions = Regions(s.Regions, where, $"subRegions[{i}].regions", reference);
            return provinces.Count + regions.Count == 0
                ? throw new OfferContentException($"{where}: subRegions[{i}] ({s.Name}) needs the provinces or regions it lies in.")
                : new SubRegion(s.Name.Trim(), provinces, regions);
        }).ToList();
        return new OfferAreas(areas.National, Provinces(areas.Provinces, where, "areas.provinces", reference), Regions(areas.Regions, where, "areas.regions", reference), subRegions);
    }

    private static List<string> Provinces(List<string>? ids, string where, string field, ReferenceData reference) =>
        Known(ids, reference.IsProvince, where, field, "province", reference.Provinces.Select(p => p.Id), "content/reference/provinces.json");

    private static List<string> Regions(List<string>? ids, string where, string field, ReferenceData reference) =>
        Known(ids, reference.IsLabourMarketRegion, where, field, "labour-market region", reference.LabourMarketRegions.Select(p => p.Id), "content/reference/labour-market-regions.json");

    private static List<string> Known(List<string>? ids, Func<string, bool> exists, string where, string field, string what, IEnumerable<string> all, string list)
    {
        var unknown = OfferRules.FirstUnknown(ids, exists);
        return unknown is null
            ? [.. (ids ?? []).Distinct(StringComparer.Ordinal)]
            : throw new OfferContentException($"{where}: {field} names {what} '{unknown}', which does not exist. Use an id from {list}: {string.Join(", ", all)}.");
    }

    private static OfferSectors Sectors(SectorsFile? sectors, string where, ReferenceData reference)
    {
        var sections = Known(sectors?.Sections, reference.IsSbiSection, where, "sectors.sections", "SBI section", reference.SbiSections.Select(s => s.Id), "content/reference/sbi-sections.json");
        var named = (sectors?.Named ?? []).Select((n, i) => Text(n, where, $"sectors.named[{i}]")).ToList();
        return new OfferSectors(sections, named);
    }

    private static List<string> Terms(List<string>? values, IReadOnlyList<string> allowed, string where, string field)
    {
        var unknown = OfferRules.FirstUnknown(values, allowed);
        return unknown is null
            ? [.. (values ?? []).Distinct(StringComparer.Ordinal)]
            : throw new OfferContentException($"{where}: {field} has '{unknown}'. Use {string.Join(", ", allowed)}.");
    }

    private static OfferMoney Money(MoneyFile? money, string where)
    {
        if (money is null)
        {
            return new OfferMoney(null, null, null, null, null);
        }

        if (!OfferRules.IsPercentage(money.Percentage) || !new[] { money.MaximumEuros, money.OwnContributionEuros, money.MinimumCostsEuros }.All(OfferRules.IsAmount))
        {
            throw new OfferContentException($"{where}: money has a percentage outside 0-100, or an amount below 0 or above {OfferRules.MaxEuros}.");
        }

        return new OfferMoney(money.Percentage, money.MaximumEuros, money.OwnContributionEuros, money.MinimumCostsEuros, OptionalText(money.Note, where, "money.note"));
    }

    private static OfferWindow Window(WindowFile window, string where, int index)
    {
        var opens = Date(window.Opens, where, $"windows[{index}].opens") ?? throw new OfferContentException($"{where}: windows[{index}] needs opens.");
        var closes = Date(window.Closes, where, $"windows[{index}].closes") ?? throw new OfferContentException($"{where}: windows[{index}] needs closes.");
        return !OfferRules.OpensBeforeCloses(opens, closes)
            ? throw new OfferContentException($"{where}: windows[{index}] closes on {Iso(closes)}, before it opens on {Iso(opens)}. Swap or correct the dates.")
            : new OfferWindow(opens, closes, OptionalText(window.Note, where, $"windows[{index}].note"));
    }

    private static OfferLimits Limits(EligibilityFile? limits, string where)
    {
        if (limits is null)
        {
            return new OfferLimits(null, null, null);
        }

        if (!OfferRules.IsEmployeeLimit(limits.MinEmployees) || !OfferRules.IsEmployeeLimit(limits.MaxEmployees) || !OfferRules.IsTurnoverLimit(limits.MaxTurnoverEuros)
            || !OfferRules.MinNotAboveMax(limits.MinEmployees, limits.MaxEmployees))
        {
            throw new OfferContentException($"{where}: eligibility needs numbers of 1 or more (employees at most {OfferRules.MaxEmployees}, turnover at most {OfferRules.MaxTurnoverEuros}), and minEmployees not above maxEmployees.");
        }

        return new OfferLimits(limits.MinEmployees, limits.MaxEmployees, limits.MaxTurnoverEuros);
    }

    private static List<OfferSource> Sources(List<SourceFile>? sources, string where)
    {
        if (sources is not { Count: > 0 })
        {
            throw new OfferContentException($"{where}: sources is missing. Name at least one url (https) or document.");
        }

        return sources.Select((s, i) =>
        {
            if ((s.Url is null) == (s.Document is null))
            {
                throw new OfferContentException($"{where}: sources[{i}] needs either url or document, not both or neither.");
            }

            if (s.Url is not null && !OfferRules.IsHttpsUrl(s.Url))
            {
                throw new OfferContentException($"{where}: sources[{i}] '{s.Url}' is not an https address. Use https://, or leave a page that only works over http out.");
            }

            return s.Document is not null && string.IsNullOrWhiteSpace(s.Document)
                ? throw new OfferContentException($"{where}: sources[{i}].document is empty.")
                : new OfferSource(s.Url, s.Document?.Trim());
        }).ToList();
    }

    private static DateOnly? Date(string? value, string where, string field) =>
        value is null ? null
        : !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? throw new OfferContentException($"{where}: {field} '{value}' is not a date. Write it as YYYY-MM-DD.")
        : OfferRules.IsSensibleDate(date) ? date
        : throw new OfferContentException($"{where}: {field} '{value}' lies before {OfferRules.FirstYear} or after {OfferRules.LastYear}. Check the year.");

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static LocalizedText Text(TextFile? text, string where, string field) =>
        text is { Nl: { } nl, En: { } en } && OfferRules.HasBothLanguages(nl, en)
            ? new LocalizedText(nl.Trim(), en.Trim())
            : throw new OfferContentException($"{where}: {field} needs both nl and en.");

    private static LocalizedText? OptionalText(TextFile? text, string where, string field) =>
        text is null ? null : Text(text, where, field);

    private sealed class TextFile
    {
        public string? Nl { get; set; }

        public string? En { get; set; }
    }

    private sealed class SubRegionFile
    {
        public string? Name { get; set; }

        public List<string>? Provinces { get; set; }

        public List<string>? Regions { get; set; }
    }

    private sealed class AreasFile
    {
        public bool National { get; set; }

        public List<string>? Provinces { get; set; }

        public List<string>? Regions { get; set; }

        public List<SubRegionFile>? SubRegions { get; set; }
    }

    private sealed class SectorsFile
    {
        public List<string>? Sections { get; set; }

        public List<TextFile>? Named { get; set; }
    }

    private sealed class MoneyFile
    {
        public int? Percentage { get; set; }

        public int? MaximumEuros { get; set; }

        public int? OwnContributionEuros { get; set; }

        public int? MinimumCostsEuros { get; set; }

        public TextFile? Note { get; set; }
    }

    private sealed class WindowFile
    {
        public string? Opens { get; set; }

        public string? Closes { get; set; }

        public TextFile? Note { get; set; }
    }

    private sealed class ExpectedFile
    {
        public string? Date { get; set; }

        public bool? Estimate { get; set; }

        public TextFile? Note { get; set; }
    }

    private sealed class EligibilityFile
    {
        public int? MinEmployees { get; set; }

        public int? MaxEmployees { get; set; }

        public long? MaxTurnoverEuros { get; set; }
    }

    private sealed class SourceFile
    {
        public string? Url { get; set; }

        public string? Document { get; set; }
    }

    private sealed class OfferFile
    {
        public string? Slug { get; set; }

        public List<string>? Kinds { get; set; }

        public AreasFile? Areas { get; set; }

        public SectorsFile? Sectors { get; set; }

        public List<string>? Sizes { get; set; }

        public List<string>? Audiences { get; set; }

        public TextFile? Title { get; set; }

        public TextFile? Summary { get; set; }

        public TextFile? Offer { get; set; }

        public MoneyFile? Money { get; set; }

        public List<WindowFile>? Windows { get; set; }

        public ExpectedFile? NextWindowExpected { get; set; }

        public string? Status { get; set; }

        public string? ClosedUntil { get; set; }

        public EligibilityFile? Eligibility { get; set; }

        public List<SourceFile>? Sources { get; set; }

        public string? LastChecked { get; set; }
    }
}
