using System.Globalization;
using System.Reflection;
using System.Security.Claims;
using Leerrijk.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Support;

/// <summary>
/// The tenancy rule for a support organisation's own pages (<c>/support/{supportId}/…</c>): only its members, and pages
/// marked <see cref="RequiresSupportRoleAttribute"/> only for coordinators. Anyone else gets 404. These pages read
/// companies only through <see cref="Consent.ConsentedCompanies"/>, which starts from active consent grants; company pages
/// themselves stay under <see cref="Organisations.OrganisationAccess"/>.
/// </summary>
public sealed class SupportTenancyFilter(LeerrijkDbContext db) : IAsyncPageFilter
{
    public const string RouteKey = "supportId";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!context.RouteData.Values.TryGetValue(RouteKey, out var raw))
        {
            await next();
            return;
        }

        if (!Guid.TryParse(context.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            context.Result = new ChallengeResult();
            return;
        }

        if (!Guid.TryParse(Convert.ToString(raw, CultureInfo.InvariantCulture), out var supportId))
        {
            context.Result = new NotFoundResult();
            return;
        }

        var role = await db.SupportMemberships
            .Where(m => m.SupportOrganisationId == supportId && m.UserId == userId)
            .Select(m => (SupportRole?)m.Role)
            .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (role is null)
        {
            context.Result = new NotFoundResult();
            return;
        }

        var required = context.HandlerMethod?.MethodInfo.GetCustomAttribute<RequiresSupportRoleAttribute>()
            ?? context.HandlerInstance.GetType().GetCustomAttribute<RequiresSupportRoleAttribute>();
        if (required is not null && role < required.Role)
        {
            context.Result = new ForbidResult();
            return;
        }

        context.HttpContext.Features.Set(new SupportMember(supportId, userId, role.Value));
        await next();
    }
}

/// <summary>The signed-in member of the support organisation of the current request.</summary>
public sealed record SupportMember(Guid SupportOrganisationId, Guid UserId, SupportRole Role)
{
    public bool IsCoordinator => Role == SupportRole.Coordinator;
}

/// <summary>Sets the lowest support role a support page (or handler) needs; advisers below it get 403.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequiresSupportRoleAttribute(SupportRole role) : Attribute
{
    public SupportRole Role { get; } = role;
}

/// <summary>Base for pages under /support/{supportId}: gives them the member that <see cref="SupportTenancyFilter"/> admitted.</summary>
public abstract class SupportPageModel : PageModel
{
    public SupportMember Member => HttpContext.Features.Get<SupportMember>()
        ?? throw new InvalidOperationException("Support pages need a {supportId} route so the support filter admits the member.");
}
