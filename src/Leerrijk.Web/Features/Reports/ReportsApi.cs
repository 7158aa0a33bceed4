using System.Globalization;
using Leerrijk.Web.Features.Api;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Organisations;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Reports;

/// <summary>
/// <c>GET /api/v1/rounds/{id}/report</c>: the same report as the page, under the same anonymity rule, for members of
/// the round's organisation and advisers with consent (signed in with their Leerrijk session or an API token with reports:read). Anyone else gets 404, as for the pages.
/// </summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/rounds/{id:guid}/report", GetAsync)
            .WithName("GetRoundReport")
            .WithTags("Reports")
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

    private static readonly OrganisationEndpoint RoundsOrganisation = new(
        OrganisationLookup.OrganisationOfRound, "Api.RoundNotFoundTitle", "Api.RoundNotFoundDetail", ApiScope.ReadReports, AdviserScope: ConsentScope.ReadReports);

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
