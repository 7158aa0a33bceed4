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
}
