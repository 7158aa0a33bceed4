using System.Globalization;
using System.Net;
using Ical.Net;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Wegwijzer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Wegwijzer;

/// <summary>
/// Deadlines: the dashboard's windows opening or closing in the next 30 days, and the calendar feed per region read back
/// with the library that wrote it. Each test starts from an empty offer table, so the seeded files cannot decide the outcome.
/// </summary>
public sealed class DeadlineTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    private async Task WithoutOffersAsync()
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Offers.ExecuteDeleteAsync();
    }

    private static Offer InZeeland(Offer o) => o with { Areas = new OfferAreas(false, ["zeeland"], [], []) };

    private async Task<(Leerrijk.Web.Features.Organisations.Organisation, HttpClient)> CompanyInZeelandAsync()
    {
        var (organisation, owner) = await app.OrganisationWithOwnerAsync();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var row = await db.Organisations.IgnoreQueryFilters().SingleAsync(o => o.Id == organisation.Id);
        (row.ProvinceId, row.LabourMarketRegionId) = ("zeeland", "zeeland");
        await db.SaveChangesAsync();
        return (row, owner);
    }

    [Fact]
    public async Task The_dashboard_lists_windows_of_fitting_offers_opening_or_closing_in_the_next_30_days_soonest_first()
    {
        await WithoutOffersAsync();
        var (organisation, owner) = await CompanyInZeelandAsync();
        var opening = await TestOffers.AddAsync(app, o => InZeeland(o) with { Windows = [TestOffers.Window(5, 60)] });
        var closing = await TestOffers.AddAsync(app, o => InZeeland(o) with { Windows = [TestOffers.Window(-20, 12)] });
        var later = await TestOffers.AddAsync(app, o => InZeeland(o) with { Windows = [TestOffers.Window(31, 60)] });
        var ended = await TestOffers.AddAsync(app, o => InZeeland(o) with { Status = OfferTerms.Ended, Windows = [TestOffers.Window(-20, 12)] });
        var elsewhere = await TestOffers.AddAsync(app, o => o with { Areas = new OfferAreas(false, ["limburg"], [], []), Windows = [TestOffers.Window(-20, 12)] });

        var html = await owner.GetHtmlAsync($"/o/{organisation.Id}");

        var section = html[html.IndexOf("<h2 id=\"deadlines\">", StringComparison.Ordinal)..];
        var opens = section.IndexOf($"<strong>{TestOffers.Today.AddDays(5).ToString("D", Dutch)}</strong>:\n                    <a href=\"/wegwijzer#aanbod-{opening.Slug}\">", StringComparison.Ordinal);
        var closes = section.IndexOf($"<strong>{TestOffers.Today.AddDays(12).ToString("D", Dutch)}</strong>:\n                    <a href=\"/wegwijzer#aanbod-{closing.Slug}\">", StringComparison.Ordinal);
        Assert.True(opens >= 0 && closes > opens, section[..Math.Min(section.Length, 2000)]);
        Assert.Contains("opent", section[opens..closes], StringComparison.Ordinal);
        Assert.DoesNotContain("De komende 30 dagen opent of sluit er geen", section, StringComparison.Ordinal);
        Assert.Contains("href=\"/wegwijzer/zeeland.ics\"", section, StringComparison.Ordinal);
        foreach (var hidden in new[] { later, ended, elsewhere })
        {
            Assert.DoesNotContain(hidden.Slug, section, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_dashboard_says_so_when_no_window_opens_or_closes_in_the_next_30_days()
    {
        await WithoutOffersAsync();
        var (organisation, owner) = await CompanyInZeelandAsync();
        var later = await TestOffers.AddAsync(app, o => InZeeland(o) with { Windows = [TestOffers.Window(31, 60)] });
        var past = await TestOffers.AddAsync(app, o => InZeeland(o) with { Windows = [TestOffers.Window(-60, -1)] });

        var html = await owner.GetHtmlAsync($"/o/{organisation.Id}");

        Assert.Contains("De komende 30 dagen opent of sluit er geen aanvraagronde van aanbod dat bij u past.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(later.Slug, html, StringComparison.Ordinal);
        Assert.DoesNotContain(past.Slug, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_calendar_feed_of_a_region_holds_its_open_and_coming_windows_and_estimates_and_no_ended_offer()
    {
        await WithoutOffersAsync();
        var open = await TestOffers.AddAsync(app, o => InZeeland(o) with { Windows = [TestOffers.Window(-20, 12), TestOffers.Window(-400, -300)] });
        var expected = await TestOffers.AddAsync(app, o => o with { Windows = [], NextWindowExpected = new ExpectedWindow(TestOffers.Today.AddDays(90), null) });
        var ended = await TestOffers.AddAsync(app, o => InZeeland(o) with { Status = OfferTerms.Ended, Windows = [TestOffers.Window(-20, 12)] });
        var elsewhere = await TestOffers.AddAsync(app, o => o with { Areas = new OfferAreas(false, ["limburg"], [], []), Windows = [TestOffers.Window(-20, 12)] });
        var client = app.CreateClient();

        var response = await client.GetAsync("/wegwijzer/zeeland.ics");
        var english = Ical.Net.Calendar.Load(await client.GetStringAsync("/wegwijzer/zeeland.ics?lang=en"))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
        var events = calendar.Events.ToDictionary(e => e.Uid!);
        Assert.Equal(2, events.Count);
        var window = events[$"{open.Slug}-{TestOffers.Today.AddDays(-20):yyyyMMdd}@wegwijzer.leerrijk"];
        Assert.Equal($"{open.Title.Nl}: aanvragen kan", window.Summary);
        Assert.False(window.DtStart!.HasTime);
        Assert.Equal(TestOffers.Today.AddDays(-20), DateOnly.FromDateTime(window.DtStart.Value));
        Assert.Equal(TestOffers.Today.AddDays(13), DateOnly.FromDateTime(window.DtEnd!.Value)); // the closing day counts
        Assert.Equal(EventStatus.Confirmed, window.Status);
        var estimate = events[$"{expected.Slug}-{TestOffers.Today.AddDays(90):yyyyMMdd}@wegwijzer.leerrijk"];
        Assert.Equal($"{expected.Title.Nl}: volgende ronde verwacht (schatting)", estimate.Summary);
        Assert.Equal(EventStatus.Tentative, estimate.Status);
        Assert.DoesNotContain(calendar.Events, e => e.Uid!.StartsWith(ended.Slug, StringComparison.Ordinal) || e.Uid.StartsWith(elsewhere.Slug, StringComparison.Ordinal));
        Assert.Contains(english.Events, e => e.Summary == $"{open.Title.En}: applications open");
    }

    [Fact]
    public async Task An_unknown_region_gets_404_with_a_plain_problem_detail_and_the_wegwijzer_links_the_chosen_regions_feed()
    {
        var client = app.CreateClient();

        var unknown = await client.GetAsync("/wegwijzer/atlantis.ics");
        var page = await client.GetHtmlAsync("/wegwijzer?provincie=gelderland&regio=achterhoek");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Deze provincie of regio kennen we niet.", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("<a href=\"/wegwijzer/achterhoek.ics\">Agenda met aanvraagrondes in Achterhoek</a>", page, StringComparison.Ordinal);
    }
}
