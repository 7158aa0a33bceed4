using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Api;
using Leerrijk.Web.Features.Consent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Organisations;

/// <summary>Finds the organisation an API request is about (from its route, or from the object it names), or null when there is none.</summary>
public delegate ValueTask<Guid?> OrganisationOf(HttpContext context, LeerrijkDbContext db, CancellationToken cancellationToken);

/// <summary>
/// Endpoint metadata: this endpoint works inside one organisation, found by <see cref="OrganisationOf"/>. Tests
/// discover organisation endpoints by it; the texts name what a caller gets 404 for. <c>AdviserScope</c> is the consent
/// scope that admits an adviser (null: members only); <c>TokenScope</c> the scope an API token needs (every endpoint names one).
/// </summary>
public sealed record OrganisationEndpoint(
    OrganisationOf OrganisationOf,
    string NotFoundTitleKey,
    string NotFoundDetailKey,
    ApiScope TokenScope,
    OrganisationRole? Required = null,
    ConsentScope? AdviserScope = null);

/// <summary>
/// The tenancy rule for API endpoints, beside <see cref="OrganisationTenancyFilter"/> for pages: the same decision
/// (<see cref="OrganisationAccess"/>), answered as RFC 9457 problem details: 401 without a log-in, 404 for an
/// organisation (or an object of one) the caller may not work in, 403 for a role too low.
/// </summary>
public sealed class OrganisationEndpointFilter(OrganisationEndpoint endpoint) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var l = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        if (ApiCaller.Refusal(http, l) is { } refused)
        {
            return refused;
        }

        var organisationId = await endpoint.OrganisationOf(http, services.GetRequiredService<LeerrijkDbContext>(), http.RequestAborted);
        var admission = await services.GetRequiredService<OrganisationAccess>().AdmitAsync(http, organisationId, endpoint.Required, endpoint.AdviserScope, http.RequestAborted, endpoint.TokenScope);
        return admission switch
        {
            OrganisationAdmission.Admitted => await next(context),
            OrganisationAdmission.NotSignedIn => ApiCaller.NotSignedIn(l),
            OrganisationAdmission.TokenScopeMissing => ApiCaller.ScopeMissing(endpoint.TokenScope, l),
            OrganisationAdmission.RoleTooLow => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: l["Error.403.Title"], detail: l["Error.403.Text"]),
            _ => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: l[endpoint.NotFoundTitleKey], detail: l[endpoint.NotFoundDetailKey]),
        };
    }
}

/// <summary>Puts an API endpoint under the tenancy rule.</summary>
public static class OrganisationEndpointExtensions
{
    /// <summary>Serves the endpoint only to those <see cref="OrganisationAccess"/> admits to the organisation <paramref name="endpoint"/> finds.</summary>
    public static RouteHandlerBuilder RequireOrganisationAccess(this RouteHandlerBuilder builder, OrganisationEndpoint endpoint) =>
        builder.WithMetadata(endpoint).AddEndpointFilter(new OrganisationEndpointFilter(endpoint));
}

/// <summary>The usual ways an API endpoint names its organisation: in its route, or through the round it names.</summary>
public static class OrganisationLookup
{
    /// <summary>The organisation in <c>{orgId}</c>.</summary>
    public static ValueTask<Guid?> OrganisationFromRoute(HttpContext context, LeerrijkDbContext db, CancellationToken cancellationToken) =>
        ValueTask.FromResult(RouteGuid(context, "orgId"));

    /// <summary>The organisation of the round in <c>{id}</c>; tenancy then admits only those who may work in it.</summary>
    public static async ValueTask<Guid?> OrganisationOfRound(HttpContext context, LeerrijkDbContext db, CancellationToken cancellationToken) =>
        RouteGuid(context, "id") is { } roundId
            ? await db.Rounds.Where(r => r.Id == roundId).Select(r => (Guid?)r.OrganisationId).SingleOrDefaultAsync(cancellationToken)
            : null;

    private static Guid? RouteGuid(HttpContext context, string key) =>
        Guid.TryParse(Convert.ToString(context.GetRouteValue(key), System.Globalization.CultureInfo.InvariantCulture), out var id) ? id : null;
}
