using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Api;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.ActionPlan;

/// <summary>
/// <c>GET /api/v1/organisations/{orgId}/plan</c>: the action plan as its page shows it, for the company's members and
/// advisers whose consent lets them read it (the same rule as the plan page).
/// </summary>
public static class PlanApi
{
    public static IEndpointRouteBuilder MapPlanApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/organisations/{orgId:guid}/plan", GetAsync)
            .WithName("GetActionPlan")
            .WithTags("Action plans")
            .WithSummary("The organisation's action plan: steps and indicators")
            .WithDescription(
                "Steps with their status (Planned, Started, Done, Dropped), who takes them on, start and follow-up dates, the menukaart step and " +
                "wegwijzer offer they follow, the round they came from and, for steps agreed in a learning community, what came of it; indicators " +
                "with baseline, target and measurements. Token scope: plans:read.")
            .Produces<PlanDocument>()
            .WithExamples(StatusCodes.Status200OK, Example)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireOrganisationAccess(new(
                OrganisationLookup.OrganisationFromRoute, "Api.OrganisationNotFoundTitle", "Api.OrganisationNotFoundDetail", ApiScope.ReadPlans, AdviserScope: ConsentScope.ReadReports));
        return app;
    }

    private static readonly PlanDocument Example = new(
        Guid.Parse("0192f0aa-1c2d-7e3f-8a9b-0c1d2e3f4a5b"),
        [
            new PlanStep(
                Guid.Parse("0193b1d4-5e6f-7a8b-9c0d-1e2f3a4b5c6d"), "Elke week één leervraag in het werkoverleg", "Started", "Petra, werkplaats", new DateOnly(2027, 4, 1),
                new DateOnly(2027, 10, 1), "leervraag-van-de-week", null, Guid.Parse("0193a5c2-1111-7222-8333-444455556666"), null, null, null),
        ],
        [
            new PlanIndicatorView(
                Guid.Parse("0193b1d4-7777-7a8b-9c0d-1e2f3a4b5c6d"), "Turnover", null, "Percent", 14m, new DateOnly(2027, 1, 1), 10m, new DateOnly(2027, 12, 31),
                [new PlanMeasurement(new DateOnly(2027, 6, 30), 12m)]),
        ]);

    private static async Task<IResult> GetAsync(HttpContext context, LeerrijkDbContext db, CancellationToken cancellationToken)
    {
        var organisation = context.Features.GetRequiredFeature<OrganisationMember>().OrganisationId;
        var steps = await db.ActionSteps.AsNoTracking().Where(s => s.OrganisationId == organisation).OrderBy(s => s.CreatedAtUtc).ToListAsync(cancellationToken);
        var indicators = await db.PlanIndicators.AsNoTracking().Where(i => i.OrganisationId == organisation).OrderBy(i => i.CreatedAtUtc).ToListAsync(cancellationToken);
        var measurements = (await db.IndicatorMeasurements.AsNoTracking().Where(m => m.OrganisationId == organisation).ToListAsync(cancellationToken))
            .ToLookup(m => m.IndicatorId);
        return Results.Ok(new PlanDocument(
            organisation,
            [.. steps.Select(s => new PlanStep(
                s.Id, s.Title, s.Status.ToString(), s.Owner, s.StartOn, s.FollowUpOn, s.InterventionSlug, s.OfferSlug, s.RoundId, s.CommunityId, s.Note, s.Outcome))],
            [.. indicators.Select(i => new PlanIndicatorView(
                i.Id, i.Kind.ToString(), i.Name, i.Unit.ToString(), i.Baseline, i.BaselineOn, i.Target, i.TargetOn,
                [.. measurements[i.Id].OrderBy(m => m.MeasuredOn).Select(m => new PlanMeasurement(m.MeasuredOn, m.Value))]))]));
    }
}

/// <summary>An action plan as the API returns it.</summary>
public sealed record PlanDocument(Guid OrganisationId, IReadOnlyList<PlanStep> Steps, IReadOnlyList<PlanIndicatorView> Indicators);

/// <summary>One step of an action plan.</summary>
/// <param name="Status">Planned, Started, Done or Dropped.</param>
/// <param name="InterventionSlug">The menukaart step it follows (see /menukaart/{slug}).</param>
/// <param name="OfferSlug">The wegwijzer offer that pays for or supports it (see /wegwijzer/{slug}).</param>
/// <param name="CommunityId">The learning community where it was agreed, while the company takes part.</param>
/// <param name="Id">The step's id.</param>
/// <param name="Title">What the company will do.</param>
/// <param name="Owner">Who takes it on, in the company's own words.</param>
/// <param name="StartOn">When it starts.</param>
/// <param name="FollowUpOn">When the follow-up round should show whether it helped.</param>
/// <param name="RoundId">The round whose report it came from.</param>
/// <param name="Note">The company's note.</param>
/// <param name="Outcome">What came of it.</param>
public sealed record PlanStep(
    Guid Id,
    string Title,
    string Status,
    string? Owner,
    DateOnly? StartOn,
    DateOnly? FollowUpOn,
    string? InterventionSlug,
    string? OfferSlug,
    Guid? RoundId,
    Guid? CommunityId,
    string? Note,
    string? Outcome);

/// <summary>One indicator of an action plan with its measurements in date order.</summary>
public sealed record PlanIndicatorView(
    Guid Id,
    string Kind,
    string? Name,
    string Unit,
    decimal? Baseline,
    DateOnly? BaselineOn,
    decimal? Target,
    DateOnly? TargetOn,
    IReadOnlyList<PlanMeasurement> Measurements);

public sealed record PlanMeasurement(DateOnly MeasuredOn, decimal Value);
