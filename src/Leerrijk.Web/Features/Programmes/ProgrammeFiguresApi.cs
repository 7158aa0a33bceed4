using System.Security.Claims;
using System.Text.Json;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Api;
using Leerrijk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Programmes;

/// <summary>
/// <c>GET /api/v1/programmes/{programmeId}/figures</c>: the programme monitor's latest published figures, exactly as the
/// monitor page shows them (the snapshot already passed the anonymity and time rules, ADR 0016), for the programme's
/// managers and the coordinators of the support organisation that runs it.
/// </summary>
public static class ProgrammeFiguresApi
{
    public static IEndpointRouteBuilder MapProgrammeFiguresApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/programmes/{programmeId:guid}/figures", GetAsync)
            .WithName("GetProgrammeFigures")
            .WithTags("Programmes")
            .WithSummary("A programme's published figures")
            .WithDescription(
                "Reach, stages, baseline and follow-up per dimension with intervals, indicators, coach hours, vouchers and learning communities, " +
                "each for at least k companies or hidden (null). Computed at most once a night and on demand by a coordinator; computedAtUtc says " +
                "when. Token scope: programmes:read (a token of the support organisation that runs the programme).")
            .Produces<ProgrammeFigures>()
            .WithExamples(StatusCodes.Status200OK, Example)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>A programme's figures early on: the funnel, no indicator or dimension with enough companies yet.</summary>
    private static readonly ProgrammeFigures Example = new(
        Guid.Parse("0193c0de-1111-7222-8333-444455556666"), "LeercultuurMKB Oost", new DateTime(2027, 5, 3, 3, 0, 0, DateTimeKind.Utc),
        new MonitorData(
            new DateTime(2027, 5, 3, 3, 0, 0, DateTimeKind.Utc), new DateOnly(2027, 5, 3), 5, 5, 24,
            new FunnelData(30, 24, 21, 18, 9, 0, 48, 40, 30, 20), [], [], new SupportUsedData(9, 182.5m, [new SchemeUse("SLIM", 6, 6, 14000m)], null, 8, 2, 17)));

    private static async Task<IResult> GetAsync(Guid programmeId, HttpContext context, LeerrijkDbContext db, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        var notFound = Results.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Api.ProgrammeNotFoundTitle"], detail: l["Api.ProgrammeNotFoundDetail"]);
        if (ApiCaller.Refusal(context, l) is { } refused)
        {
            return refused;
        }

        if (!Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return ApiCaller.NotSignedIn(l);
        }

        var programme = await db.Programmes.AsNoTracking().Where(p => p.Id == programmeId)
            .Select(p => new { p.Id, p.Name, p.SupportOrganisationId })
            .SingleOrDefaultAsync(cancellationToken);
        if (programme is null)
        {
            return notFound;
        }

        if (SupportTokenRule.Check(context, programme.SupportOrganisationId, ApiScope.ReadProgrammeFigures, notFound, l) is { } tokenRefused)
        {
            return tokenRefused;
        }

        // The same readers as the monitor page: the support organisation's coordinators and the programme's managers.
        var (_, reader) = await ProgrammeTenancyFilter.ReaderAsync(db, programme.Id, programme.SupportOrganisationId, userId, cancellationToken);
        if (!reader)
        {
            return notFound;
        }

        var snapshot = await db.ProgrammeSnapshots.AsNoTracking().Where(s => s.ProgrammeId == programme.Id)
            .OrderByDescending(s => s.ComputedAtUtc).Select(s => new { s.ComputedAtUtc, s.DataJson })
            .FirstOrDefaultAsync(cancellationToken);
        var data = snapshot is null ? null : JsonSerializer.Deserialize<MonitorData>(snapshot.DataJson, ProgrammeComputation.Json);
        return Results.Ok(new ProgrammeFigures(programme.Id, programme.Name, snapshot?.ComputedAtUtc, data));
    }
}

/// <summary>A programme's latest published figures; <c>Data</c> is null until they were first computed.</summary>
public sealed record ProgrammeFigures(Guid ProgrammeId, string Name, DateTime? ComputedAtUtc, MonitorData? Data);
