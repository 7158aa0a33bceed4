using System.Text.Json;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Menukaart;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.Wegwijzer;

/// <summary>
/// An offer as the app serves it. content/offers seeds these rows; editors may change them in the app, and then the
/// file no longer wins. Platform content, shared by every organisation.
/// </summary>
public sealed class OfferEntry
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string Slug { get; set; } = "";

    /// <summary>The <see cref="Offer"/> as JSON.</summary>
    public string Json { get; set; } = "";

    /// <summary>Hash of the file this row was last imported from, to notice a changed file on upgrade.</summary>
    public string FileHash { get; set; } = "";

    /// <summary>An editor changed it in the app: imports never overwrite it.</summary>
    public bool EditedInApp { get; set; }

    /// <summary>When the row last changed (import or editor); also the concurrency token of the edit page.</summary>
    public DateTime UpdatedAtUtc { get; set; }

    public Offer Read() => JsonSerializer.Deserialize<Offer>(Json)!;

    public static string Write(Offer offer) => JsonSerializer.Serialize(offer);

    /// <summary>The same content hash the menukaart's import uses.</summary>
    public static string Hash(string json) => MenukaartEntry.Hash(json);
}

public sealed class OfferEntryConfiguration : IEntityTypeConfiguration<OfferEntry>
{
    public void Configure(EntityTypeBuilder<OfferEntry> builder)
    {
        builder.ToTable("Offers");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Slug).HasMaxLength(100);
        builder.Property(e => e.FileHash).HasMaxLength(64);
        // Two editors saving the same offer: the second is told, instead of silently undoing the first.
        builder.Property(e => e.UpdatedAtUtc).IsConcurrencyToken();
        builder.HasIndex(e => e.Slug).IsUnique();
    }
}

/// <summary>The offer files as loaded and checked at start-up (content/offers).</summary>
public sealed record OfferFiles(IReadOnlyList<Offer> Offers);

/// <summary>
/// Brings content/offers into the database at start-up: a new slug is added, a changed file replaces a row no editor
/// touched, and a row an editor changed is left alone (the file change is logged, not applied).
/// </summary>
public sealed partial class OfferImporter(IServiceScopeFactory scopes, OfferFiles files, TimeProvider clock, ILogger<OfferImporter> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await ImportAsync(scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>(), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Imports every offer file; returns how many rows were added and updated.</summary>
    public async Task<(int Added, int Updated)> ImportAsync(LeerrijkDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Offers.ToDictionaryAsync(e => e.Slug, StringComparer.Ordinal, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var (added, updated) = (0, 0);
        foreach (var offer in files.Offers)
        {
            var json = OfferEntry.Write(offer);
            var hash = OfferEntry.Hash(json);
            if (!rows.TryGetValue(offer.Slug, out var row))
            {
                db.Offers.Add(new OfferEntry { Slug = offer.Slug, Json = json, FileHash = hash, UpdatedAtUtc = now });
                added++;
            }
            else if (row.FileHash == hash)
            {
                continue;
            }
            else if (row.EditedInApp)
            {
                LogKeptEdit(offer.Slug);
            }
            else
            {
                (row.Json, row.FileHash, row.UpdatedAtUtc) = (json, hash, now);
                updated++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (added + updated > 0)
        {
            LogImported(added, updated);
        }

        return (added, updated);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wegwijzer offers imported: {Added} new, {Updated} updated")]
    private partial void LogImported(int added, int updated);

    [LoggerMessage(Level = LogLevel.Information, Message = "The file of offer '{Slug}' changed, but an editor changed it in the app; the editor's version is kept")]
    private partial void LogKeptEdit(string slug);
}

/// <summary>The offers as the app serves them: the database rows (files plus editors' changes), read per request.</summary>
public sealed class OfferCatalog(LeerrijkDbContext db)
{
    public async Task<IReadOnlyList<Offer>> AllAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Offers.AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.Read()).OrderBy(o => o.Title.Nl, StringComparer.Ordinal)];
    }
}
