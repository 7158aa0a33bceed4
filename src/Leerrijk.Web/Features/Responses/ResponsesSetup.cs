namespace Leerrijk.Web.Features.Responses;

/// <summary>Registers the one way a response enters the database, and the responses API.</summary>
public static class ResponsesSetup
{
    public static IServiceCollection AddResponses(this IServiceCollection services) =>
        services.AddScoped<ResponseSubmission>().AddSingleton<ResponseMetrics>().AddSingleton<RecentAnswers>().AddSingleton<SubmissionBatcher>();

    public static IEndpointRouteBuilder MapResponses(this IEndpointRouteBuilder app) => app.MapResponsesApi();
}
