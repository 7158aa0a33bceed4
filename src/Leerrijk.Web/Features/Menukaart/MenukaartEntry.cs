using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.Menukaart;

/// <summary>
/// An intervention or story as the app serves it. Content files seed these rows; editors may change them in the app.
/// Platform content, shared by every organisation.
/// </summary>
public sealed class MenukaartEntry
{
    public const string InterventionKind = "intervention";
    public const string StoryKind = "story";

    public Guid Id { get; set; } = Guid.NewGuid();

    public string Kind { get; set; } = "";

    public string Slug { get; set; } = "";

    /// <summary>The <see cref="Intervention"/> or <see cref="Story"/> as JSON.</summary>
    public string Json { get; set; } = "";

    /// <summary>Hash of the content file this row was last imported from, to notice a changed file on upgrade.</summary>
    public string FileHash { get; set; } = "";

    /// <summary>An editor changed it in the app: upgrades never overwrite it.</summary>
    public bool EditedInApp { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    public static string Serialize<T>(T content) => JsonSerializer.Serialize(content);
}

public sealed class MenukaartEntryConfiguration : IEntityTypeConfiguration<MenukaartEntry>
{
    public void Configure(EntityTypeBuilder<MenukaartEntry> builder)
    {
        builder.ToTable("MenukaartEntries");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Kind).HasMaxLength(16);
        builder.Property(e => e.Slug).HasMaxLength(100);
        builder.Property(e => e.FileHash).HasMaxLength(64);
        builder.HasIndex(e => new { e.Kind, e.Slug }).IsUnique();
    }
}

/// <summary>
/// Brings the content files into the database at start-up: new files are added, files that changed replace rows no
/// editor has touched, and rows an editor changed are left alone (their file change is logged, not applied).
/// </summary>
public sealed partial class MenukaartImporter(IServiceScopeFactory scopes, MenukaartFiles files, TimeProvider clock, ILogger<MenukaartImporter> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        await ImportAsync(db, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Imports every file; returns how many rows were added and updated.</summary>
    public async Task<(int Added, int Updated)> ImportAsync(LeerrijkDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.MenukaartEntries.ToDictionaryAsync(e => (e.Kind, e.Slug), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var (added, updated) = (0, 0);
        var incoming = files.Interventions.Select(i => (MenukaartEntry.InterventionKind, i.Slug, MenukaartEntry.Serialize(i)))
            .Concat(files.Stories.Select(s => (MenukaartEntry.StoryKind, s.Slug, MenukaartEntry.Serialize(s))));
        foreach (var (kind, slug, json) in incoming)
        {
            var hash = MenukaartEntry.Hash(json);
            if (!existing.TryGetValue((kind, slug), out var entry))
            {
                db.MenukaartEntries.Add(new MenukaartEntry { Kind = kind, Slug = slug, Json = json, FileHash = hash, UpdatedAtUtc = now });
                added++;
            }
            else if (entry.FileHash != hash && !entry.EditedInApp)
            {
                (entry.Json, entry.FileHash, entry.UpdatedAtUtc) = (json, hash, now);
                updated++;
            }
            else if (entry.FileHash != hash)
            {
                LogKeptEdit(kind, slug);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (added + updated > 0)
        {
            LogImported(added, updated);
        }

        return (added, updated);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Menukaart content imported: {Added} new, {Updated} updated")]
    private partial void LogImported(int added, int updated);

    [LoggerMessage(Level = LogLevel.Information, Message = "The file of {Kind} '{Slug}' changed, but an editor changed it in the app; the editor's version is kept")]
    private partial void LogKeptEdit(string kind, string slug);
}

/// <summary>The content files as loaded and validated at start-up (content/interventions and content/stories).</summary>
public sealed record MenukaartFiles(IReadOnlyList<Intervention> Interventions, IReadOnlyList<Story> Stories);

/// <summary>The menukaart as the app serves it: the database rows (files plus editors' changes), read per request.</summary>
public sealed class Menukaart(LeerrijkDbContext db)
{
    private (List<Intervention> Interventions, List<Story> Stories)? _loaded;

    public async Task<IReadOnlyList<Intervention>> InterventionsAsync(CancellationToken cancellationToken) => (await LoadAsync(cancellationToken)).Interventions;

    public async Task<IReadOnlyList<Story>> StoriesAsync(CancellationToken cancellationToken) => (await LoadAsync(cancellationToken)).Stories;

    private async Task<(List<Intervention> Interventions, List<Story> Stories)> LoadAsync(CancellationToken cancellationToken)
    {
        if (_loaded is { } loaded)
        {
            return loaded;
        }

        var rows = await db.MenukaartEntries.AsNoTracking().ToListAsync(cancellationToken);
        _loaded = (
            rows.Where(r => r.Kind == MenukaartEntry.InterventionKind).Select(r => JsonSerializer.Deserialize<Intervention>(r.Json)!).OrderBy(i => i.Slug, StringComparer.Ordinal).ToList(),
            rows.Where(r => r.Kind == MenukaartEntry.StoryKind).Select(r => JsonSerializer.Deserialize<Story>(r.Json)!).OrderBy(s => s.Slug, StringComparer.Ordinal).ToList());
        return _loaded.Value;
    }
}
