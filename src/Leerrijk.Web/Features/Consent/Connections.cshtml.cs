using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Consent;

/// <summary>
/// The owner's overview of what the company shares: its connections to support organisations (active and ended) and
/// the access log, "who looked at what, when". Members only: advisers never see whom else the company lets in.
/// </summary>
[RequiresOrganisationRole(OrganisationRole.Owner)]
public sealed class ConnectionsModel(LeerrijkDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : OrganisationPageModel
{
    public const int LogPageSize = 50;

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int LogPage { get; set; } = 1;

    public IReadOnlyList<GrantRow> Grants { get; private set; } = [];

    public IReadOnlyList<LogRow> Log { get; private set; } = [];

    public int LogPages { get; private set; } = 1;

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = LocalizationSetup.Today(clock);
        Grants = await GrantRow.QueryAsync(db, Member.OrganisationId, null, Today, cancellationToken);

        // The log only grows; paging by position is fine for people reading it.
        var entries = db.AccessLog.Where(e => e.OrganisationId == Member.OrganisationId);
        var count = await entries.CountAsync(cancellationToken);
        LogPages = Math.Max(1, (count + LogPageSize - 1) / LogPageSize);
        LogPage = Math.Clamp(LogPage, 1, LogPages);
        var page = await entries
            .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
            .Skip((LogPage - 1) * LogPageSize).Take(LogPageSize)
            .ToListAsync(cancellationToken);

        var userIds = page.Select(e => e.UserId).Distinct().ToList();
        var people = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var supportIds = page.Select(e => e.SupportOrganisationId).Distinct().ToList();
        var supports = await db.SupportOrganisations.Where(s => supportIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var roundIds = page.Select(AccessLogDescriptions.RoundIdOf).OfType<Guid>().Distinct().ToList();
        var rounds = await db.Rounds.Where(r => roundIds.Contains(r.Id) && r.OrganisationId == Member.OrganisationId)
            .ToDictionaryAsync(r => r.Id, r => r.Title, cancellationToken);
        Log = page.Select(e => new LogRow(
                LocalizationSetup.ToLocalTime(e.AtUtc),
                people.GetValueOrDefault(e.UserId) ?? l["Consent.UnknownPerson"].Value,
                supports.GetValueOrDefault(e.SupportOrganisationId) ?? "",
                AccessLogDescriptions.Describe(e, rounds, l)))
            .ToList();
    }

    public sealed record LogRow(DateTime At, string Person, string SupportOrganisation, string What);
}

/// <summary>A company's grant as its owner sees it: with whom, who in particular, what, until when, and its state.</summary>
public sealed record GrantRow(
    Guid Id, string SupportName, SupportKind Kind, string? AdviserName, ConsentScope Scopes, DateOnly EndsOn, DateTime CreatedAtUtc, DateTime? RevokedAtUtc)
{
    public bool IsActiveOn(DateOnly today) => ConsentGrant.IsActive(RevokedAtUtc, EndsOn, today);

    /// <summary>The grants of <paramref name="organisationId"/> (or the one <paramref name="grantId"/>), those active <paramref name="today"/> first.</summary>
    public static async Task<List<GrantRow>> QueryAsync(LeerrijkDbContext db, Guid organisationId, Guid? grantId, DateOnly today, CancellationToken cancellationToken)
    {
        var grants = db.ConsentGrants.Where(g => g.OrganisationId == organisationId);
        if (grantId is { } id)
        {
            grants = grants.Where(g => g.Id == id);
        }

        var rows = await (
                from g in grants
                join u in db.Users on g.AdviserUserId equals u.Id into advisers
                from adviser in advisers.DefaultIfEmpty()
                select new GrantRow(g.Id, g.SupportOrganisation!.Name, g.SupportOrganisation.Kind, adviser == null ? null : adviser.DisplayName, g.Scopes, g.EndsOn, g.CreatedAtUtc, g.RevokedAtUtc))
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.IsActiveOn(today)).ThenByDescending(r => r.RevokedAtUtc ?? r.CreatedAtUtc).ToList();
    }
}
