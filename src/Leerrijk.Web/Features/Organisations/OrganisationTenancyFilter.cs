using System.Reflection;
using Leerrijk.Web.Features.Consent;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Leerrijk.Web.Features.Organisations;

/// <summary>
/// The tenancy rule for requests, in one place: any page whose route has <c>{orgId}</c> is served only to a
/// member of that organisation, or to an adviser within the scope the company granted (<see cref="AdviserScopeAttribute"/>);
/// everyone else gets 404, so a foreign organisation cannot even be shown to exist.
/// </summary>
/// <remarks>
/// Who may work in an organisation is decided by <see cref="OrganisationAccess"/>, the same decision the API's
/// <see cref="OrganisationEndpointFilter"/> asks. On success it enters the organisation in
/// <see cref="Data.TenantContext"/>, which makes the database filter every organisation-scoped row to it; objects of
/// other organisations then resolve to "not found" as well.
/// </remarks>
public sealed class OrganisationTenancyFilter(OrganisationAccess access) : IAsyncPageFilter
{
    public const string RouteKey = "orgId";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!context.RouteData.Values.TryGetValue(RouteKey, out var raw))
        {
            await next();
            return;
        }

        if (!Guid.TryParse(Convert.ToString(raw, System.Globalization.CultureInfo.InvariantCulture), out var organisationId))
        {
            context.Result = new NotFoundResult();
            return;
        }

        var required = context.HandlerMethod?.MethodInfo.GetCustomAttribute<RequiresOrganisationRoleAttribute>()
            ?? context.HandlerInstance.GetType().GetCustomAttribute<RequiresOrganisationRoleAttribute>();
        var adviserScope = context.HandlerMethod?.MethodInfo.GetCustomAttribute<AdviserScopeAttribute>()
            ?? context.HandlerInstance.GetType().GetCustomAttribute<AdviserScopeAttribute>();
        var admission = await access.AdmitAsync(context.HttpContext, organisationId, required?.Role, adviserScope?.Scope, context.HttpContext.RequestAborted);
        context.Result = admission switch
        {
            OrganisationAdmission.NotSignedIn => new ChallengeResult(),
            OrganisationAdmission.NotFound => new NotFoundResult(),
            OrganisationAdmission.RoleTooLow or OrganisationAdmission.TokenScopeMissing => new ForbidResult(),
            _ => null,
        };
        if (admission == OrganisationAdmission.Admitted)
        {
            await next();
        }
    }
}

/// <summary>Sets the lowest organisation role a page (or one of its handlers) needs; members below it get 403.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequiresOrganisationRoleAttribute(OrganisationRole role) : Attribute
{
    public OrganisationRole Role { get; } = role;
}
