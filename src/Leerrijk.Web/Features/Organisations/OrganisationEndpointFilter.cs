using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Organisations;

/// <summary>Finds the organisation an API request is about (from its route, or from the object it names), or null when there is none.</summary>
public delegate ValueTask<Guid?> OrganisationOf(HttpContext context, LeerrijkDbContext db, CancellationToken cancellationToken);

/// <summary>
/// Endpoint metadata: this endpoint works inside one organisation, found by <see cref="OrganisationOf"/>. Tests
/// discover organisation endpoints by it; the texts name what a caller gets 404 for. <c>AdviserScope</c> is the consent
/// scope that admits an adviser (null: members only).
/// </summary>
public sealed record OrganisationEndpoint(
    OrganisationOf OrganisationOf, string NotFoundTitleKey, string NotFoundDetailKey, OrganisationRole? Required = null, ConsentScope? AdviserScope = null);

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
        var organisationId = await endpoint.OrganisationOf(http, services.GetRequiredService<LeerrijkDbContext>(), http.RequestAborted);
        var admission = await services.GetRequiredService<OrganisationAccess>().AdmitAsync(http, organisationId, endpoint.Required, endpoint.AdviserScope, http.RequestAborted);
        return admission switch
        {
            OrganisationAdmission.Admitted => await next(context),
            OrganisationAdmission.NotSignedIn => Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: l["Api.SignInTitle"], detail: l["Api.SignInDetail"]),
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
