using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Wegwijzer;

/// <summary>
/// /wegwijzer/{region}.ics: an iCalendar feed (RFC 5545) of the application windows of the offers available in a
/// province or labour-market region, for subscribing from a calendar app. Public, like /wegwijzer.
/// </summary>
public static class WegwijzerFeed
{
    /// <summary>The feed's address for a province or labour-market region id.</summary>
    public static string Path(string region) => $"/wegwijzer/{region}.ics";

    public static IEndpointRouteBuilder MapWegwijzerFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/wegwijzer/{region}.ics", WriteAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> WriteAsync(string region, OfferCatalog catalog, ReferenceData reference, TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        var name = reference.IsLabourMarketRegion(region) ? reference.RegionName(region)
            : reference.IsProvince(region) ? reference.ProvinceName(region)
            : null;
        if (name is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Wegwijzer.Feed.UnknownRegionTitle"], detail: l["Wegwijzer.Feed.UnknownRegion"]);
        }

        var offers = await catalog.AllAsync(cancellationToken);
        var ics = Write(offers, region, name, LocalizationSetup.Today(clock), clock.GetUtcNow().UtcDateTime, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, l);
        return Results.Text(ics, "text/calendar; charset=utf-8");
    }

    /// <summary>
    /// The calendar: every window that has not closed yet, as an all-day event from opening to closing day, and every
    /// expected next window as a one-day tentative event marked as an estimate. Ended offers are left out.
    /// </summary>
    public static string Write(IEnumerable<Offer> offers, string region, string regionName, DateOnly today, DateTime nowUtc, string language, IStringLocalizer l)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//Leerrijk//Wegwijzer//NL", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", l["Wegwijzer.Feed.Name", regionName]);
        var stamp = new CalDateTime(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc));
        foreach (var offer in offers.Where(o => o.Status != OfferTerms.Ended && ServesRegion(o.Areas, region)).OrderBy(o => o.Slug, StringComparer.Ordinal))
        {
            var title = offer.Title.For(language);
            var url = offer.Sources.Select(s => s.Url).FirstOrDefault(u => u is not null && OfferRules.IsHttpsUrl(u));
            foreach (var window in offer.Windows.Where(w => w.Closes >= today))
            {
                calendar.Events.Add(Event(offer, window.Opens, window.Closes.AddDays(1), l["Wegwijzer.Feed.Window", title], EventStatus.Confirmed, url, stamp, language));
            }

            if (offer.NextWindowExpected is { } expected && expected.Date >= today && !offer.Windows.Any(w => w.Opens == expected.Date))
            {
                calendar.Events.Add(Event(offer, expected.Date, expected.Date.AddDays(1), l["Wegwijzer.Feed.Expected", title], EventStatus.Tentative, url, stamp, language));
            }
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>Whether an offer is available in a province or region: nationally, by name, or in a sub-region that lies in it.</summary>
    public static bool ServesRegion(OfferAreas areas, string region) =>
        areas.National || areas.Provinces.Contains(region) || areas.Regions.Contains(region)
        || areas.SubRegions.Any(s => s.Provinces.Contains(region) || s.Regions.Contains(region));

    private static CalendarEvent Event(Offer offer, DateOnly start, DateOnly endExclusive, string summary, string status, string? url, CalDateTime stamp, string language) => new()
    {
        // Stable per offer and start day, so a calendar app updates an event instead of adding it twice.
        Uid = string.Create(CultureInfo.InvariantCulture, $"{offer.Slug}-{start:yyyyMMdd}@wegwijzer.leerrijk"),
        Summary = summary,
        Description = offer.Summary.For(language) + (url is null ? "" : "\n" + url),
        DtStart = new CalDateTime(start.Year, start.Month, start.Day),
        DtEnd = new CalDateTime(endExclusive.Year, endExclusive.Month, endExclusive.Day),
        DtStamp = stamp,
        Status = status,
        Url = url is null ? null : new Uri(url),
    };
}
