using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Wegwijzer;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Wegwijzer;

/// <summary>Offers a test needs (windows around today, an ended one), stored as the importer would store a file.</summary>
internal static class TestOffers
{
    /// <summary>A national voucher for employers with a unique slug and title, shaped by <paramref name="shape"/>, stored in the database.</summary>
    public static async Task<Offer> AddAsync(LeerrijkAppFactory app, Func<Offer, Offer> shape)
    {
        var template = app.Services.GetRequiredService<OfferFiles>().Offers.Single(o => o.Slug == "gelrepact");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var offer = shape(template with
        {
            Slug = "test-" + suffix,
            Kinds = ["voucher"],
            Areas = new OfferAreas(true, [], [], []),
            Title = new LocalizedText("Testaanbod " + suffix, "Test offer " + suffix),
        });
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var json = OfferEntry.Write(offer);
        db.Offers.Add(new OfferEntry { Slug = offer.Slug, Json = json, FileHash = OfferEntry.Hash(json), UpdatedAtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return offer;
    }

    public static DateOnly Today => Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(TimeProvider.System);

    public static OfferWindow Window(int opensInDays, int closesInDays) => new(Today.AddDays(opensInDays), Today.AddDays(closesInDays), null);
}
