using System.Security.Claims;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Api;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Organisations;

/// <summary>
/// The one decision who may work in an organisation, shared by the page filter (<see cref="OrganisationTenancyFilter"/>)
/// and the API filter (<see cref="OrganisationEndpointFilter"/>). It is also the only code that enters a tenant.
/// </summary>
/// <remarks>
/// Two ways in (ADR 0012): a membership, whose role is checked against the page's lowest role; or, for someone who is
/// not a member, a company's consent grant to a support organisation they advise or coordinate for. A grant admits only
/// to what the page or endpoint declares as its adviser scope (<see cref="AdviserScopeAttribute"/>) and only while it
/// is neither revoked nor past its end date; it is read on every request, so revoking refuses the very next one. Every
/// request admitted by a grant is written to the company's access log before the page runs.
/// </remarks>
public sealed class OrganisationAccess(LeerrijkDbContext db, TenantContext tenant, TimeProvider clock)
{
    /// <summary>
    /// Admits the signed-in person to <paramref name="organisationId"/> (null: none was found) when they may work in it:
    /// a member holding at least <paramref name="required"/>, or an adviser whose grant allows <paramref name="adviserScope"/>
    /// (null: advisers never). On success enters the tenant and records the member on the request.
    /// </summary>
    /// <remarks>
    /// A request signed in by an API token (<see cref="ApiTokenUse"/>) is admitted only inside the token's home: its company
    /// (anything else is 404), or the companies that granted its support organisation consent. It needs
    /// <paramref name="tokenScope"/> among the token's scopes as well as everything the person needs on the pages.
    /// </remarks>
    public async Task<OrganisationAdmission> AdmitAsync(
        HttpContext context, Guid? organisationId, OrganisationRole? required, ConsentScope? adviserScope, CancellationToken cancellationToken,
        ApiScope tokenScope = ApiScope.None)
    {
        if (!Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return OrganisationAdmission.NotSignedIn;
        }

        if (organisationId is not { } organisation)
        {
            return OrganisationAdmission.NotFound;
        }

        var token = context.Features.Get<ApiTokenUse>();
        if (token?.OrganisationId is { } home && home != organisation)
        {
            return OrganisationAdmission.NotFound;
        }

        var role = token?.SupportOrganisationId is not null ? null : await db.Memberships
            .Where(m => m.OrganisationId == organisation && m.UserId == userId)
            .Select(m => (OrganisationRole?)m.Role)
            .SingleOrDefaultAsync(cancellationToken);
        if (role is { } memberRole)
        {
            if (token is not null && !token.Allows(tokenScope))
            {
                return OrganisationAdmission.TokenScopeMissing;
            }

            if (required is { } lowest && memberRole < lowest)
            {
                return OrganisationAdmission.RoleTooLow;
            }

            tenant.Enter(organisation);
            context.Features.Set(new OrganisationMember(organisation, userId, memberRole));
            return OrganisationAdmission.Admitted;
        }

        var grants = await ActiveGrantsAsync(organisation, userId, cancellationToken);
        if (token is not null)
        {
            // A company token works in its company only (above); a support organisation's token only through that organisation's grants.
            grants = grants.Where(g => g.SupportOrganisationId == token.SupportOrganisationId).ToList();
        }

        if (grants.Count == 0)
        {
            // Not "forbidden": a foreign organisation must not even be shown to exist.
            return OrganisationAdmission.NotFound;
        }

        var grant = adviserScope is { } scope ? grants.FirstOrDefault(g => g.Allows(scope)) : null;
        if (grant is null)
        {
            // Connected, so the company exists for them, but this page or handler is not within what the owner shared.
            return OrganisationAdmission.RoleTooLow;
        }

        if (token is not null && !token.Allows(tokenScope))
        {
            return OrganisationAdmission.TokenScopeMissing;
        }

        tenant.Enter(organisation);
        var granted = grants.Aggregate(ConsentScope.None, (all, g) => all | g.Scopes);
        context.Features.Set(new OrganisationMember(organisation, userId, OrganisationRole.Viewer, new AdviserAccess(grant.SupportOrganisationId, granted)));
        await LogAsync(context, grant, userId, adviserScope!.Value, cancellationToken);
        return OrganisationAdmission.Admitted;
    }

    /// <summary>
    /// The grants of <paramref name="organisation"/> that admit <paramref name="userId"/> today: they name them as the
    /// adviser, or they coordinate for the support organisation. Revoked and expired grants admit nobody.
    /// </summary>
    private async Task<List<ConsentGrant>> ActiveGrantsAsync(Guid organisation, Guid userId, CancellationToken cancellationToken)
    {
        var today = LocalizationSetup.Today(clock);
        return await (
                from g in db.ConsentGrants.Where(ConsentGrant.ActiveOn(today))
                join s in db.SupportMemberships on g.SupportOrganisationId equals s.SupportOrganisationId
                where g.OrganisationId == organisation && s.UserId == userId
                      && (s.Role == SupportRole.Coordinator || g.AdviserUserId == userId)
                select g)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
    }

    /// <summary>"Who looked at what, when": written before the page runs, so a request that fails later is still on record.</summary>
    private async Task LogAsync(HttpContext context, ConsentGrant grant, Guid userId, ConsentScope scope, CancellationToken cancellationToken)
    {
        var path = context.Request.Path.Value ?? "";
        db.AccessLog.Add(new AccessLogEntry
        {
            OrganisationId = grant.OrganisationId,
            UserId = userId,
            SupportOrganisationId = grant.SupportOrganisationId,
            GrantId = grant.Id,
            AtUtc = clock.GetUtcNow().UtcDateTime,
            Method = context.Request.Method,
            Route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "",
            Handler = Truncate(HandlerOf(context), 40),
            Path = Truncate(path, AccessLogEntry.PathMaxLength),
            Scope = scope,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The page handler as Razor Pages chooses it: from the route, else from <c>?handler=</c>. (Convert.ToString of a
    /// missing route value is "", not null, so a fallback written with ?? never read the query: every download was
    /// logged as a plain read.)
    /// </summary>
    private static string HandlerOf(HttpContext context) =>
        Convert.ToString(context.GetRouteValue("handler"), System.Globalization.CultureInfo.InvariantCulture) is { Length: > 0 } routed
            ? routed
            : context.Request.Query["handler"].ToString();

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}

/// <summary>What <see cref="OrganisationAccess"/> decided; each filter turns it into its own kind of answer.</summary>
public enum OrganisationAdmission
{
    /// <summary>Admitted: the tenant is entered and <see cref="OrganisationMember"/> is on the request.</summary>
    Admitted,

    /// <summary>Nobody is signed in: log in first (page: redirect to log-in; API: 401).</summary>
    NotSignedIn,

    /// <summary>Unknown organisation, or one the person may not work in: 404 either way.</summary>
    NotFound,

    /// <summary>A member whose role is below what the page or handler needs, or an adviser outside the granted scopes: 403.</summary>
    RoleTooLow,

    /// <summary>An API token without the scope the endpoint needs: 403 naming the scope.</summary>
    TokenScopeMissing,
}

/// <summary>How a non-member came in: through a grant to this support organisation, with these scopes (all active grants together).</summary>
public sealed record AdviserAccess(Guid SupportOrganisationId, ConsentScope Scopes);

/// <summary>
/// The signed-in person and what they may do in the organisation of the current request. <c>Adviser</c> is null for
/// members; for advisers and coordinators admitted by consent it holds their grant (their <c>Role</c> is then Viewer).
/// </summary>
public sealed record OrganisationMember(Guid OrganisationId, Guid UserId, OrganisationRole Role, AdviserAccess? Adviser = null)
{
    public bool IsOwner => Adviser is null && Role == OrganisationRole.Owner;

    public bool IsAdviser => Adviser is not null;

    /// <summary>Whether the person may do what needs <paramref name="role"/> of a member or <paramref name="scope"/> of an adviser.</summary>
    public bool May(OrganisationRole role, ConsentScope scope) =>
        Adviser is null ? Role >= role : scope != ConsentScope.None && (Adviser.Scopes & scope) == scope;
}
