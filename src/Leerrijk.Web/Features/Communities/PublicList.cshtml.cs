using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Communities;

/// <summary>
/// The public list of communities that take requests and whose cycle has not ended, by province, kind and theme.
/// Anyone may read it; only what the community shows of itself (never its members).
/// </summary>
public sealed class PublicListModel(LeerrijkDbContext db, ReferenceData reference, TimeProvider clock) : PageModel
{
    public const int MaxSearchLength = 100;

    [BindProperty(SupportsGet = true, Name = "provincie")]
    public string? Province { get; set; }

    [BindProperty(SupportsGet = true, Name = "soort")]
    public CommunityKind? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "thema")]
    public string? Theme { get; set; }

    public IReadOnlyList<PublicRow> Communities { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = Open(db, LocalizationSetup.Today(clock));
        if (!string.IsNullOrEmpty(Province) && reference.IsProvince(Province))
        {
            query = query.Where(c => c.ProvinceId == Province);
        }
        else if (Province == Online)
        {
            query = query.Where(c => c.ProvinceId == "");
        }

        if (Kind is { } kind && Enum.IsDefined(kind))
        {
            query = query.Where(c => c.Kind == kind);
        }

        var rows = await query.OrderBy(c => c.StartsOn).ThenBy(c => c.Name)
            .Select(c => new { c.Id, c.Name, c.Theme, c.Kind, c.ProvinceId, c.StartsOn, c.EndsOn })
            .ToListAsync(cancellationToken);
        // The theme search runs here, case-insensitive in both databases; the open list is short.
        var words = Theme?.Trim() is { Length: > 0 and <= MaxSearchLength } typed ? typed : null;
        Communities = [.. rows
            .Where(c => words is null || c.Theme.Contains(words, StringComparison.CurrentCultureIgnoreCase) || c.Name.Contains(words, StringComparison.CurrentCultureIgnoreCase))
            .Select(c => new PublicRow(
            c.Id, c.Name, c.Theme, c.Kind, string.IsNullOrEmpty(c.ProvinceId) ? null : reference.ProvinceName(c.ProvinceId), c.StartsOn, c.EndsOn))];
    }

    /// <summary>The province filter's value for communities that meet online only.</summary>
    public const string Online = "online";

    /// <summary>The rule for the public list and detail pages: open for requests, cycle not ended.</summary>
    /// <param name="db">The database.</param>
    /// <param name="today">Today.</param>
    public static IQueryable<Community> Open(LeerrijkDbContext db, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Communities.AsNoTracking().Where(c => c.OpenForRequests && c.EndsOn >= today);
    }

    public sealed record PublicRow(Guid Id, string Name, string Theme, CommunityKind Kind, string? ProvinceName, DateOnly StartsOn, DateOnly EndsOn);
}
