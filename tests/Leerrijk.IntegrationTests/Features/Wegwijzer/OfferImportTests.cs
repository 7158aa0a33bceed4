using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Wegwijzer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Leerrijk.IntegrationTests.Features.Wegwijzer;

/// <summary>Offer files seed the database at start-up without overwriting editors' changes; a broken file stops start-up.</summary>
public sealed class OfferImportTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Fact]
    public async Task Every_shipped_offer_is_in_the_database_after_start_up()
    {
        app.CreateClient();
        using var scope = app.Services.CreateScope();
        var served = await scope.ServiceProvider.GetRequiredService<OfferCatalog>().AllAsync(default);

        var files = app.Services.GetRequiredService<OfferFiles>().Offers;
        Assert.NotEmpty(files);
        Assert.Subset(served.Select(o => o.Slug).ToHashSet(), files.Select(o => o.Slug).ToHashSet());
        Assert.Equal(files.Single(o => o.Slug == "slim-regeling"), served.Single(o => o.Slug == "slim-regeling"), OfferJson.Instance);
    }

    [Fact]
    public async Task New_files_are_imported_changed_files_update_untouched_rows_and_editors_changes_are_kept()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var template = app.Services.GetRequiredService<OfferFiles>().Offers[0];
        Offer Version(string slug, string summary) => template with { Slug = slug, Summary = new LocalizedText(summary, summary) };
        OfferImporter Importer(params Offer[] offers) =>
            new(app.Services.GetRequiredService<IServiceScopeFactory>(), new OfferFiles(offers), TimeProvider.System, NullLogger<OfferImporter>.Instance);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();

        Assert.Equal((2, 0), await Importer(Version("kept-" + suffix, "v1"), Version("updated-" + suffix, "v1")).ImportAsync(db, default));
        var edited = await db.Offers.SingleAsync(e => e.Slug == "kept-" + suffix);
        edited.Json = OfferEntry.Write(Version("kept-" + suffix, "door de redactie"));
        edited.EditedInApp = true;
        await db.SaveChangesAsync();

        var result = await Importer(Version("kept-" + suffix, "v2"), Version("updated-" + suffix, "v2"), Version("new-" + suffix, "v1")).ImportAsync(db, default);

        Assert.Equal((1, 1), result);
        var rows = (await new OfferCatalog(db).AllAsync(default)).Where(o => o.Slug.EndsWith(suffix, StringComparison.Ordinal)).ToDictionary(o => o.Slug);
        Assert.Equal("door de redactie", rows["kept-" + suffix].Summary.Nl);
        Assert.Equal("v2", rows["updated-" + suffix].Summary.Nl);
        Assert.Equal("v1", rows["new-" + suffix].Summary.Nl);
        Assert.Equal((0, 0), await Importer(Version("kept-" + suffix, "v2"), Version("updated-" + suffix, "v2"), Version("new-" + suffix, "v1")).ImportAsync(db, default));
    }

    [Fact]
    public async Task A_broken_offer_file_stops_start_up_and_says_what_to_fix()
    {
        var folder = Directory.CreateTempSubdirectory("leerrijk-offers-");
        try
        {
            var good = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "content", "offers", "gelrepact.yaml"));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "gelrepact.yaml"), good.Replace("[gelderland]", "[gelre]", StringComparison.Ordinal));
            await using var broken = new BrokenOffersApp(app, folder.FullName);

            var error = Assert.ThrowsAny<Exception>(() => broken.CreateClient());

            Assert.Contains("offers/gelrepact.yaml: areas.provinces names province 'gelre'", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Compares offers by their stored form, since records with lists compare lists by reference.</summary>
    private sealed class OfferJson : IEqualityComparer<Offer>
    {
        public static readonly OfferJson Instance = new();

        public bool Equals(Offer? x, Offer? y) => x is not null && y is not null && OfferEntry.Write(x) == OfferEntry.Write(y);

        public int GetHashCode(Offer obj) => OfferEntry.Write(obj).GetHashCode(StringComparison.Ordinal);
    }

    private sealed class BrokenOffersApp(LeerrijkAppFactory first, string folder) : LeerrijkAppFactory(first.Database, first.MailDirectory)
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Wegwijzer:Folder", folder);
        }
    }
}
