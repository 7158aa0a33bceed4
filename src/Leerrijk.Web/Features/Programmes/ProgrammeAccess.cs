using System.Globalization;
using System.Security.Claims;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Programmes;

/// <summary>
/// The tenancy rule for a programme's own pages (<c>/programma/{programmeId}/…</c>): the programme's managers and the
/// coordinators of the support organisation that runs it. Anyone else gets 404, as for a programme that does not
/// exist. Pages marked <see cref="RequiresProgrammeCoordinatorAttribute"/> (changing the programme, inviting) admit
/// coordinators only; a manager gets 403. These pages never read a company's own data: the monitor reads published
/// snapshots, and the participant list shows names, stages and choices only.
/// </summary>
public sealed class ProgrammeTenancyFilter(LeerrijkDbContext db) : IAsyncPageFilter
{
    public const string RouteKey = "programmeId";

    /// <summary>
    /// Who may read a programme, for its pages and its API alike: the coordinators of the support organisation that runs it
    /// (<c>Coordinator</c>, who may also change it) and its managers (<c>Reader</c> is true for both).
    /// </summary>
    public static async Task<(bool Coordinator, bool Reader)> ReaderAsync(
        LeerrijkDbContext db, Guid programmeId, Guid supportOrganisationId, Guid userId, CancellationToken cancellationToken)
    {
        var coordinator = await db.SupportMemberships.AnyAsync(
            m => m.SupportOrganisationId == supportOrganisationId && m.UserId == userId && m.Role == SupportRole.Coordinator, cancellationToken);
        return (coordinator, coordinator || await db.ProgrammeManagers.AnyAsync(m => m.ProgrammeId == programmeId && m.UserId == userId, cancellationToken));
    }

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

        if (!Guid.TryParse(Convert.ToString(raw, CultureInfo.InvariantCulture), out var programmeId)
            || await db.Programmes.AsNoTracking().Where(p => p.Id == programmeId).Select(p => new { p.Id, p.SupportOrganisationId })
                .SingleOrDefaultAsync(context.HttpContext.RequestAborted) is not { } programme)
        {
            context.Result = new NotFoundResult();
            return;
        }

        var (coordinator, manager) = await ReaderAsync(db, programme.Id, programme.SupportOrganisationId, userId, context.HttpContext.RequestAborted);
        if (!manager)
        {
            context.Result = new NotFoundResult();
            return;
        }

        var required = context.HandlerMethod?.MethodInfo.GetCustomAttributes(typeof(RequiresProgrammeCoordinatorAttribute), false).Length > 0
            || context.HandlerInstance.GetType().GetCustomAttributes(typeof(RequiresProgrammeCoordinatorAttribute), false).Length > 0;
        if (required && !coordinator)
        {
            context.Result = new ForbidResult();
            return;
        }

        context.HttpContext.Features.Set(new ProgrammeReader(programme.Id, programme.SupportOrganisationId, userId, coordinator));
        await next();
    }
}

/// <summary>The signed-in reader of the programme of the current request: a manager, or a coordinator of its support organisation.</summary>
public sealed record ProgrammeReader(Guid ProgrammeId, Guid SupportOrganisationId, Guid UserId, bool IsCoordinator);

/// <summary>Marks a programme page (or handler) that only coordinators of the support organisation may use.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequiresProgrammeCoordinatorAttribute : Attribute;

/// <summary>Base for pages under /programma/{programmeId}: gives them the reader that <see cref="ProgrammeTenancyFilter"/> admitted.</summary>
public abstract class ProgrammePageModel : PageModel
{
    public ProgrammeReader Reader => HttpContext.Features.Get<ProgrammeReader>()
        ?? throw new InvalidOperationException("Programme pages need a {programmeId} route so the programme filter admits the reader.");
}
