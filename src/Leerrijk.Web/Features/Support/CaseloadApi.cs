using System.Globalization;
using System.Security.Claims;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Api;
using Leerrijk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Support;

/// <summary>
/// <c>GET /api/v1/support/{supportId}/caseload</c>: the adviser's caseload as on the page, for the support
/// organisation's members (or its token with reports:read). It lists only companies with an active consent grant, and
/// only the figures their reports show (<see cref="Caseload"/>).
/// </summary>
public static class CaseloadApi
{
    public const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapCaseloadApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/support/{supportId:guid}/caseload", GetAsync)
            .WithName("GetCaseload")
            .WithTags("Support organisations")
            .WithSummary("The caseload: companies that share with this support organisation")
            .WithDescription(
                "Per company: sector, size, region, adviser, what it shares and until when, stage, coach hours, the latest closed round " +
                "(responses, weakest dimensions as its report shows them) and open and overdue plan steps. Advisers see their own companies, " +
                "coordinators all. page starts at 1; pageSize at most 200. Token scope: reports:read (a token of this support organisation).")
            .Produces<CaseloadPage>()
            .WithExamples(StatusCodes.Status200OK, Example)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static readonly CaseloadPage Example = new(1, 1, 1, 1,
    [
        new CaseloadRow(
            Guid.Parse("0192f0aa-1c2d-7e3f-8a9b-0c1d2e3f4a5b"), "Bakkerij De Korenaar", "C", Organisations.SizeClass.Small, "GE", "ARN", "Sanne de Vries",
            Consent.ConsentScope.ReadReports | Consent.ConsentScope.WorkOnPlan, new DateOnly(2027, 12, 31), Tracks.TrackStage.ActionPlan, 40m, 12.5m, new DateOnly(2027, 10, 1),
            false, new LastRound(Guid.Parse("0193a5c2-1111-7222-8333-444455556666"), "Teamscan voorjaar", new DateOnly(2027, 3, 14), 23, 72, [new WeakDimension("Leidinggevende als coach", 48.5)]),
            3, 1),
    ]);

    private static async Task<IResult> GetAsync(
        Guid supportId,
        int? page,
        int? pageSize,
        HttpContext context,
        LeerrijkDbContext db,
        Caseload caseload,
        IStringLocalizer<SharedResource> l,
        CancellationToken cancellationToken)
    {
        var notFound = Results.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Api.SupportNotFoundTitle"], detail: l["Api.SupportNotFoundDetail"]);
        if (ApiCaller.Refusal(context, l) is { } refused)
        {
            return refused;
        }

        if (!Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return ApiCaller.NotSignedIn(l);
        }

        if (SupportTokenRule.Check(context, supportId, ApiScope.ReadReports, notFound, l) is { } tokenRefused)
        {
            return tokenRefused;
        }

        var role = await db.SupportMemberships
            .Where(m => m.SupportOrganisationId == supportId && m.UserId == userId)
            .Select(m => (SupportRole?)m.Role)
            .SingleOrDefaultAsync(cancellationToken);
        if (role is null)
        {
            return notFound;
        }

        if (pageSize is < 1 or > MaxPageSize || page is < 1)
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["pageSize"] = [l["Api.PageSize", MaxPageSize]] },
                title: l["Api.InvalidTitle"]);
        }

        var rows = await caseload.ReadAsync(
            new SupportMember(supportId, userId, role.Value), CaseloadFilter.None, page ?? 1, pageSize ?? 50, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, cancellationToken);
        return Results.Ok(rows);
    }
}
