using System.Globalization;
using Leerrijk.Web.Features.Api;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Infrastructure;
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
            .WithExamples(StatusCodes.Status200OK, Example)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireOrganisationAccess(RoundsOrganisation);
        return app;
    }

    /// <summary>A small closed round: whole-company figures only (fewer than 2k answered), one dimension of six shown here.</summary>
    private static readonly RoundReport Example = new(
        Guid.Parse("0193a5c2-1111-7222-8333-444455556666"), "Teamscan voorjaar", "leerrijk-teamscan", "Leerrijk teamscan", "nl", new DateOnly(2027, 3, 1), new DateOnly(2027, 3, 14),
        5, ReportStatus.CompanyOnly, 8, 12, 0.67, null,
        [
            new DimensionResult(
                "leerrijk-teamscan", "ruimte-en-veiligheid", "Ruimte voor fouten en eigen inbreng", "Mensen durven fouten te melden, vragen te stellen en eigen ideeën te geven.",
                false, 8, 71.9, 62.4, 81.4, "Sterk", 0.81, false, [1, 2, 6, 14, 9], 0,
                [new ItemResult("fout-melden", "Als ik een fout maak, kan ik dat zonder zorgen melden.", false, 8, 75.0, [0, 1, 1, 3, 3], 0)]),
        ],
        ["ruimte-en-veiligheid"], [], [], [], null, null, false, 5, []);

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
