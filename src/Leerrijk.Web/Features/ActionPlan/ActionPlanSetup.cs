namespace Leerrijk.Web.Features.ActionPlan;

/// <summary>Maps the action plan's API; the plan pages need no services of their own.</summary>
public static class ActionPlanSetup
{
    public static IEndpointRouteBuilder MapActionPlan(this IEndpointRouteBuilder app) => app.MapPlanApi();
}
