using System.Globalization;
using System.Text;
using System.Text.Json;
using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Menukaart;

/// <summary>Saves an editor's version of an intervention or story; upgrades never overwrite it afterwards.</summary>
public sealed class MenukaartEditing(LeerrijkDbContext db, TimeProvider clock)
{
    /// <summary>The authorization policy of the edit pages and their links: editors and admins.</summary>
    public const string Policy = "Editor";

    public async Task<bool> SaveAsync<T>(string kind, string slug, T content, CancellationToken cancellationToken)
    {
        var entry = await db.MenukaartEntries.SingleOrDefaultAsync(e => e.Kind == kind && e.Slug == slug, cancellationToken);
        if (entry is null)
        {
            return false;
        }

        entry.Json = JsonSerializer.Serialize(content);
        entry.EditedInApp = true;
        entry.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Adds an intervention or story an editor wrote in the app. It has no content file, and a file with the same
    /// slug added later does not replace it (the importer keeps rows edited in the app).
    /// </summary>
    public async Task AddAsync<T>(string kind, string slug, T content, CancellationToken cancellationToken)
    {
        db.MenukaartEntries.Add(new MenukaartEntry
        {
            Kind = kind,
            Slug = slug,
            Json = JsonSerializer.Serialize(content),
            EditedInApp = true,
            UpdatedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// A web address for a new entry made from its Dutch title ("Koffie met een fout!" becomes koffie-met-een-fout),
    /// unique among <paramref name="taken"/> by a number at the end; never a word the pages use themselves.
    /// </summary>
    public static string SlugFor(string title, IEnumerable<string> taken)
    {
        var decomposed = title.Normalize(NormalizationForm.FormD);
        var ascii = new StringBuilder();
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            ascii.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }

        var slug = string.Join('-', ascii.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        slug = slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
        slug = slug.Length == 0 ? "stap" : slug;
        var used = new HashSet<string>(taken, StringComparer.Ordinal) { NewSlug };
        var candidate = slug;
        for (var n = 2; used.Contains(candidate); n++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{slug}-{n}");
        }

        return candidate;
    }

    /// <summary>The address word of the pages that add a new entry (/menukaart/nieuw, /verhalen/nieuw).</summary>
    public const string NewSlug = "nieuw";
}
