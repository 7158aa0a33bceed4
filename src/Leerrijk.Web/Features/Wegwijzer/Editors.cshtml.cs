using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Menukaart;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Wegwijzer;

/// <summary>/wegwijzer/redactie: every offer for editors, those not checked for six months first, each with a link to edit it.</summary>
[Authorize(Policy = MenukaartEditing.Policy)]
public sealed class EditorsModel(LeerrijkDbContext db, TimeProvider clock) : PageModel
{
    public const string Path = "/wegwijzer/redactie";

    /// <summary>The offers, stale first and then by last-checked date, oldest first.</summary>
    public IReadOnlyList<(Offer Offer, bool EditedInApp, bool Stale)> Offers { get; private set; } = [];

    public int StaleCount => Offers.Count(o => o.Stale);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = LocalizationSetup.Today(clock);
        var rows = await db.Offers.AsNoTracking().ToListAsync(cancellationToken);
        Offers = [.. rows.Select(r => (Offer: r.Read(), r.EditedInApp))
            .Select(r => (r.Offer, r.EditedInApp, Stale: r.Offer.IsStaleOn(today)))
            .OrderByDescending(r => r.Stale).ThenBy(r => r.Offer.LastChecked).ThenBy(r => r.Offer.Title.Nl, StringComparer.CurrentCulture)];
    }
}
