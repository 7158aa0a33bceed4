using System.Globalization;
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

    /// <summary>
    /// The editors' form filled as it would be for <paramref name="offer"/> (lists as indexed names, which the model
    /// binder reads like repeated checkboxes), with the version the page was loaded at.
    /// </summary>
    public static Dictionary<string, string> Form(Offer offer, string version)
    {
        static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
        var form = new Dictionary<string, string>
        {
            ["Input.TitleNl"] = offer.Title.Nl,
            ["Input.TitleEn"] = offer.Title.En,
            ["Input.SummaryNl"] = offer.Summary.Nl,
            ["Input.SummaryEn"] = offer.Summary.En,
            ["Input.TextNl"] = offer.Text.Nl,
            ["Input.TextEn"] = offer.Text.En,
            ["Input.Percentage"] = Number(offer.Money.Percentage),
            ["Input.MaximumEuros"] = Number(offer.Money.MaximumEuros),
            ["Input.OwnContributionEuros"] = Number(offer.Money.OwnContributionEuros),
            ["Input.MinimumCostsEuros"] = Number(offer.Money.MinimumCostsEuros),
            ["Input.MoneyNoteNl"] = offer.Money.Note?.Nl ?? "",
            ["Input.MoneyNoteEn"] = offer.Money.Note?.En ?? "",
            ["Input.MinEmployees"] = Number(offer.Eligibility.MinEmployees),
            ["Input.MaxEmployees"] = Number(offer.Eligibility.MaxEmployees),
            ["Input.MaxTurnoverEuros"] = Number(offer.Eligibility.MaxTurnoverEuros),
            ["Input.Status"] = offer.Status ?? "",
            ["Input.ClosedUntil"] = Date(offer.ClosedUntil),
            ["Input.Windows"] = OfferForm.WindowLines(offer.Windows),
            ["Input.NextWindowDate"] = Date(offer.NextWindowExpected?.Date),
            ["Input.NextWindowNoteNl"] = offer.NextWindowExpected?.Note?.Nl ?? "",
            ["Input.NextWindowNoteEn"] = offer.NextWindowExpected?.Note?.En ?? "",
            ["Input.Sources"] = OfferForm.SourceLines(offer.Sources),
            ["Input.LastChecked"] = Date(offer.LastChecked),
            ["Input.Version"] = version,
        };
        if (offer.Areas.National)
        {
            form["Input.National"] = "true";
        }

        foreach (var (name, values) in new[]
        {
            ("Kinds", offer.Kinds), ("Provinces", offer.Areas.Provinces), ("Regions", offer.Areas.Regions),
            ("Sections", offer.Sectors.Sections), ("Sizes", offer.Sizes), ("Audiences", offer.Audiences),
        })
        {
            for (var i = 0; i < values.Count; i++)
            {
                form[$"Input.{name}[{i}]"] = values[i];
            }
        }

        return form;
    }

    public static DateOnly Today => Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(TimeProvider.System);

    public static OfferWindow Window(int opensInDays, int closesInDays) => new(Today.AddDays(opensInDays), Today.AddDays(closesInDays), null);
}
