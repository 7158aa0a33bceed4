using System.Globalization;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Organisations;
using Microsoft.AspNetCore.Http.Features;
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
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireOrganisationAccess(RoundsOrganisation);
        return app;
    }

    /// <summary>The organisation of the round the route names; tenancy then admits only its members.</summary>
    private static readonly OrganisationEndpoint RoundsOrganisation = new(
        async (context, db, cancellationToken) =>
            Guid.TryParse(Convert.ToString(context.GetRouteValue("id"), CultureInfo.InvariantCulture), out var roundId)
                ? await db.Rounds.Where(r => r.Id == roundId).Select(r => (Guid?)r.OrganisationId).SingleOrDefaultAsync(cancellationToken)
                : null,
        "Api.RoundNotFoundTitle",
        "Api.RoundNotFoundDetail",
        AdviserScope: ConsentScope.ReadReports);

    private static async Task<IResult> GetAsync(
        Guid id, HttpContext context, ReportQueries queries, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        // Admitted by OrganisationEndpointFilter, which entered the round's organisation.
        var organisation = context.Features.GetRequiredFeature<OrganisationMember>().OrganisationId;
        var report = await queries.BuildAsync(organisation, id, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, cancellationToken);
        return report is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Api.RoundNotFoundTitle"], detail: l["Api.RoundNotFoundDetail"])
            : Results.Ok(report);
    }
}
