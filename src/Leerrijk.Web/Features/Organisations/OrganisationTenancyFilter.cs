using System.Reflection;
using System.Security.Claims;
using Leerrijk.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Organisations;

/// <summary>
/// The tenancy rule for requests, in one place: any page whose route has <c>{orgId}</c> is served only to a
/// member of that organisation; everyone else gets 404, so a foreign organisation cannot even be shown to exist.
/// </summary>
/// <remarks>
/// On success it enters the organisation in <see cref="TenantContext"/>, which makes the database filter every
/// organisation-scoped row to it; objects of other organisations then resolve to "not found" as well.
/// </remarks>
public sealed class OrganisationTenancyFilter(LeerrijkDbContext db, TenantContext tenant) : IAsyncPageFilter
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

        if (!Guid.TryParse(context.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            context.Result = new ChallengeResult();
            return;
        }

        var role = await db.Memberships
            .Where(m => m.OrganisationId == organisationId && m.UserId == userId)
            .Select(m => (OrganisationRole?)m.Role)
            .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (role is null)
        {
            context.Result = new NotFoundResult();
            return;
        }

        var required = context.HandlerMethod?.MethodInfo.GetCustomAttribute<RequiresOrganisationRoleAttribute>()
            ?? context.HandlerInstance.GetType().GetCustomAttribute<RequiresOrganisationRoleAttribute>();
        if (required is not null && role < required.Role)
        {
            context.Result = new ForbidResult();
            return;
        }

        tenant.Enter(organisationId);
        context.HttpContext.Features.Set(new OrganisationMember(organisationId, userId, role.Value));
        await next();
    }
}

/// <summary>The signed-in member and their role in the organisation of the current request.</summary>
public sealed record OrganisationMember(Guid OrganisationId, Guid UserId, OrganisationRole Role)
{
    public bool IsOwner => Role == OrganisationRole.Owner;
}

/// <summary>Sets the lowest organisation role a page (or one of its handlers) needs; members below it get 403.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequiresOrganisationRoleAttribute(OrganisationRole role) : Attribute
{
    public OrganisationRole Role { get; } = role;
}
