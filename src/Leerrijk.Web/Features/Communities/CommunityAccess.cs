using System.Globalization;
using System.Security.Claims;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Communities;

/// <summary>
/// The tenancy rule for a community's own pages (<c>/leergemeenschap/{communityId}/…</c>), in one place. Who runs it
/// (its facilitators, the coordinators of the support organisation that runs it, the owners of the company that runs
/// it) and its active members get in; anyone else gets 404, as for a community that does not exist. Pages or handlers
/// marked <see cref="RequiresCommunityFacilitatorAttribute"/> admit those who run it only; a member gets 403.
/// These pages run outside any organisation's tenant, so they read a company's rows only through the member rows of
/// the community (<see cref="CommunityMember.Active"/>), and never its rounds or reports.
/// </summary>
public sealed class CommunityTenancyFilter(LeerrijkDbContext db) : IAsyncPageFilter
{
    public const string RouteKey = "communityId";

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

        var aborted = context.HttpContext.RequestAborted;
        if (!Guid.TryParse(Convert.ToString(raw, CultureInfo.InvariantCulture), out var communityId)
            || await CommunityAccess.ReaderAsync(db, communityId, userId, aborted) is not { } reader)
        {
            context.Result = new NotFoundResult();
            return;
        }

        var required = context.HandlerMethod?.MethodInfo.GetCustomAttributes(typeof(RequiresCommunityFacilitatorAttribute), false).Length > 0
            || context.HandlerInstance.GetType().GetCustomAttributes(typeof(RequiresCommunityFacilitatorAttribute), false).Length > 0;
        if (required && !reader.RunsIt)
        {
            context.Result = new ForbidResult();
            return;
        }

        context.HttpContext.Features.Set(reader);
        await next();
    }
}

/// <summary>Who may do what in a community: the one decision the page filter and the background jobs ask.</summary>
public static class CommunityAccess
{
    /// <summary>The reader's standing in the community, or null when they have none (then the community does not exist for them).</summary>
    public static async Task<CommunityReader?> ReaderAsync(LeerrijkDbContext db, Guid communityId, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var community = await db.Communities.AsNoTracking().Where(c => c.Id == communityId)
            .Select(c => new { c.Id, c.SupportOrganisationId, c.OrganisationId })
            .SingleOrDefaultAsync(cancellationToken);
        if (community is null)
        {
            return null;
        }

        var own = await db.CommunityMembers.AsNoTracking().Where(CommunityMember.Active)
            .Where(m => m.CommunityId == communityId && m.UserId == userId)
            .Select(m => new { m.Id, m.Role })
            .FirstOrDefaultAsync(cancellationToken);
        var runsIt = own?.Role == CommunityRole.Facilitator
            || (community.SupportOrganisationId is { } supportId && await db.SupportMemberships.AnyAsync(
                m => m.SupportOrganisationId == supportId && m.UserId == userId && m.Role == SupportRole.Coordinator, cancellationToken))
            || (community.OrganisationId is { } organisationId && await db.Memberships.AnyAsync(
                m => m.OrganisationId == organisationId && m.UserId == userId && m.Role == OrganisationRole.Owner, cancellationToken));
        if (own is null && !runsIt)
        {
            return null;
        }

        return new CommunityReader(communityId, userId, runsIt, own?.Id);
    }

    /// <summary>
    /// How a member appears to the reader: their name and company when the member agreed to show them, when the reader
    /// runs the community (they invited or admitted them) or when it is the reader themself; otherwise a neutral label.
    /// </summary>
    public static bool ShowsIdentityTo(CommunityMember member, CommunityReader reader)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(reader);
        return member.ShowsIdentity || reader.RunsIt || member.UserId == reader.UserId;
    }
}

/// <summary>The signed-in reader of the community of the current request.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="UserId">The reader.</param>
/// <param name="RunsIt">A facilitator, or a coordinator or owner of whoever runs it: may change the community and its sessions.</param>
/// <param name="MemberId">The reader's own active member row, if they take part.</param>
public sealed record CommunityReader(Guid CommunityId, Guid UserId, bool RunsIt, Guid? MemberId);

/// <summary>Marks a community page (or handler) that only those who run the community may use.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequiresCommunityFacilitatorAttribute : Attribute;

/// <summary>Base for pages under /leergemeenschap/{communityId}: gives them the reader that <see cref="CommunityTenancyFilter"/> admitted.</summary>
public abstract class CommunityPageModel : PageModel
{
    public CommunityReader Reader => HttpContext.Features.Get<CommunityReader>()
        ?? throw new InvalidOperationException("Community pages need a {communityId} route so the community filter admits the reader.");
}
