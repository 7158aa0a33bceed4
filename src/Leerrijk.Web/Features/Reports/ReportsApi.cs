using System.Globalization;
using System.Security.Claims;
using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Reports;

/// <summary>
/// <c>GET /api/v1/rounds/{id}/report</c>: the same report as the page, under the same anonymity rule, for members of
/// the round's organisation (signed in with their Leerrijk session). Anyone else gets 404, as for the pages.
/// </summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/rounds/{id:guid}/report", GetAsync)
            .WithName("GetRoundReport")
            .WithSummary("The report of one round, as the organisation's members see it")
            .WithDescription(
                "Scores per dimension (0-100) with 95% intervals, distributions, items, groups, perception gaps, phase, trend and open " +
                "answers. A figure the anonymity rule hides is null and nothing else about it is returned. While the round is open, " +
                "and when fewer than the threshold answered, only the status and the count are returned. Use ?lang=en for English texts.")
            .Produces<RoundReport>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> GetAsync(
        Guid id, HttpContext context, LeerrijkDbContext db, TenantContext tenant, ReportQueries queries,
        IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: l["Api.SignInTitle"], detail: l["Api.SignInDetail"]);
        }

        // The same rule as the organisation pages: a round of an organisation you are not a member of does not exist.
        var organisationId = await db.Rounds.Where(r => r.Id == id && db.Memberships.Any(m => m.OrganisationId == r.OrganisationId && m.UserId == userId))
            .Select(r => (Guid?)r.OrganisationId)
            .SingleOrDefaultAsync(cancellationToken);
        if (organisationId is not { } organisation)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Api.RoundNotFoundTitle"], detail: l["Api.RoundNotFoundDetail"]);
        }

        tenant.Enter(organisation);
        var report = await queries.BuildAsync(organisation, id, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, cancellationToken);
        return report is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Api.RoundNotFoundTitle"], detail: l["Api.RoundNotFoundDetail"])
            : Results.Ok(report);
    }
}
