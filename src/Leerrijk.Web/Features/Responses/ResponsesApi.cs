using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Responses;

/// <summary>
/// <c>POST /api/v1/s/{code}/responses</c>: a complete response as JSON, for kiosk apps and load tests, with the
/// same validation and idempotency as the answering pages. Errors are RFC 9457 problem details.
/// </summary>
public static class ResponsesApi
{
    public static IEndpointRouteBuilder MapResponsesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/s/{code}/responses", SubmitAsync)
            .WithName("SubmitResponse")
            .WithSummary("Submit one complete, anonymous response to an open round")
            .WithDescription(
                "The id is a random UUID the device creates when the respondent starts. Sending the same id with the same content again " +
                "returns the same acknowledgement (200); the same id with other content is refused (409). Answers map item ids to a point " +
                "on the instrument's scale, or null for 'don't know'. Nothing is stored unless everything is valid.")
            .Produces<Acknowledgement>(StatusCodes.Status201Created)
            .Produces<Acknowledgement>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<IResult> SubmitAsync(
        string code, ResponseBody body, ResponseSubmission submission, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        var result = await submission.SubmitAsync(
            code,
            new SubmittedResponse(body.Id, body.Language, body.Role, body.Department, body.YearsEmployed, body.Answers, body.ModuleAnswers, body.Open),
            cancellationToken);
        var ack = result.Acknowledged ? new Acknowledgement(result.Id, result.ReceivedOn!.Value, l["Submit.Thanks"]) : null;
        return result.Outcome switch
        {
            SubmissionOutcome.Stored => Results.Created($"/api/v1/s/{code}/responses/{result.Id}", ack),
            SubmissionOutcome.Replayed => Results.Ok(ack),
            SubmissionOutcome.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: l["Submit.ConflictTitle"], detail: l["Submit.ConflictDetail"]),
            SubmissionOutcome.Invalid => Results.ValidationProblem(result.Errors, title: l["Submit.InvalidTitle"], detail: l["Submit.InvalidDetail"]),
            SubmissionOutcome.UnknownRound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Submit.UnknownRoundTitle"], detail: l["Submit.UnknownRoundDetail"]),
            SubmissionOutcome.NotOpenYet => Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: l["Submit.NotOpenTitle"],
                detail: l["Submit.NotOpenDetail", result.Round!.OpensOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)]),
            _ => Results.Problem(statusCode: StatusCodes.Status410Gone, title: l["Submit.ClosedTitle"], detail: l["Submit.ClosedDetail"]),
        };
    }

    /// <summary>The JSON body of a response.</summary>
    /// <param name="Id">Random UUID created on the respondent's device when they start.</param>
    /// <param name="Language">"nl" or "en"; one of the round's languages.</param>
    /// <param name="Role">One of the round's roles: employee, manager, hr, owner, works-council.</param>
    /// <param name="Department">One of the round's departments, or none.</param>
    /// <param name="YearsEmployed">lt1, 1-5, 5-10 or 10plus, where the instrument asks it.</param>
    /// <param name="Answers">Item id → point on the scale, or null for "don't know". Items left out count as skipped.</param>
    /// <param name="ModuleAnswers">The same for the round's module, if it has one.</param>
    /// <param name="Open">Open question id → text (at most 4,000 characters).</param>
    public sealed record ResponseBody(
        Guid Id,
        string? Language,
        string? Role,
        string? Department,
        string? YearsEmployed,
        Dictionary<string, int?>? Answers,
        Dictionary<string, int?>? ModuleAnswers,
        Dictionary<string, string?>? Open);

    /// <summary>What a stored response gets back: its id, the day it was received, and a word of thanks.</summary>
    public sealed record Acknowledgement(Guid Id, DateOnly ReceivedOn, string Message);
}
