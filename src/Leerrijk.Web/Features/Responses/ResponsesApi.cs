using System.Text.Json;
using System.Text.Json.Serialization;
using Leerrijk.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Responses;

/// <summary>
/// <c>POST /api/v1/s/{code}/responses</c>: a complete response as JSON, for kiosk apps and load tests, with the
/// same validation and idempotency as the answering pages. Errors are RFC 9457 problem details.
/// </summary>
public static class ResponsesApi
{
    private const string Route = "/api/v1/s/{code}/responses";

    /// <summary>
    /// How the body is read: numbers must be numbers (<c>"3"</c> is refused, not stored as 3). Duplicate names are
    /// refused before this runs (<see cref="FindDuplicate"/>), because "the last one wins" would store what the
    /// device did not mean.
    /// </summary>
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.Strict };

    public static IEndpointRouteBuilder MapResponsesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, SubmitAsync)
            .WithName("SubmitResponse")
            .WithTags("Responses")
            .WithSummary("Submit one complete, anonymous response to an open round")
            .WithDescription(
                "The id is a random UUID the device creates when the respondent starts. Sending the same id with the same content again " +
                "returns the same acknowledgement (200); the same id with other content is refused (409). Answers map item ids to a point " +
                "on the instrument's scale (a JSON number, not a string), or null for 'don't know'. A name given twice is refused. " +
                "Nothing is stored unless everything is valid.")
            .Accepts<ResponseBody>("application/json")
            .Produces<Acknowledgement>(StatusCodes.Status201Created)
            .WithExamples(
                StatusCodes.Status201Created,
                new Acknowledgement(Guid.Parse("6f1c2b7e-4a0d-4c8e-9b1a-2d3e4f5a6b7c"), new DateOnly(2027, 3, 4), "Bedankt! Uw antwoorden zijn ontvangen."),
                new ResponseBody(
                    Guid.Parse("6f1c2b7e-4a0d-4c8e-9b1a-2d3e4f5a6b7c"), "nl", "employee", "Werkplaats", "1-5",
                    new() { ["fout-melden"] = 4, ["feedback"] = null }, null, new() { ["beter"] = "Meer tijd om samen naar fouten te kijken." }))
            .Produces<Acknowledgement>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        // Routing answers a known address with the wrong method as "not found"; say what is allowed instead (RFC 9110 15.5.6).
        app.MapMethods(Route, [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete], (HttpContext context, IStringLocalizer<SharedResource> l) =>
            {
                context.Response.Headers.Allow = HttpMethods.Post;
                return Results.Problem(statusCode: StatusCodes.Status405MethodNotAllowed, title: l["Input.Problem.405.Title"], detail: l["Input.Problem.405.Detail"]);
            })
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SubmitAsync(
        string code, HttpRequest request, ResponseSubmission submission, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: l["Input.Problem.415.Title"], detail: l["Input.Problem.415.Detail"]);
        }

        var (body, problem) = await ReadAsync(request, l, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

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

    /// <summary>
    /// Reads the body strictly, or says in the caller's language what is wrong with it and which field: malformed JSON,
    /// a name given twice, or a value of the wrong kind (such as <c>"3"</c> for an answer).
    /// </summary>
    private static async Task<(ResponseBody? Body, IResult? Problem)> ReadAsync(HttpRequest request, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        // The body is at most RequestLimits:MaxBodyBytes (the middleware stops a larger one with 413), so reading it
        // whole costs little and lets the duplicate check and the deserializer see the same bytes.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var json = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);

        IResult FieldProblem(string field, string message) =>
            Results.ValidationProblem(
                new Dictionary<string, string[]> { [field] = [message] }, title: l["Submit.InvalidTitle"], detail: l["Submit.InvalidDetail"]);

        IResult Malformed(long? line, long? position) =>
            Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: l["Input.Problem.400.Title"],
                detail: l["Input.Json.Malformed", (line ?? 0) + 1, (position ?? 0) + 1]);

        try
        {
            if (FindDuplicate(json.Span) is { } duplicate)
            {
                return (null, FieldProblem(duplicate, l["Input.Json.Duplicate"]));
            }
        }
        catch (JsonException ex)
        {
            return (null, Malformed(ex.LineNumber, ex.BytePositionInLine));
        }

        try
        {
            var body = JsonSerializer.Deserialize<ResponseBody>(json.Span, Strict);
            return body is null ? (null, Malformed(0, 0)) : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, FieldProblem(FieldName(ex.Path), l["Input.Json.WrongType"]));
        }
    }

    /// <summary>The first name that occurs twice in one object, as a field path ("id", "answers.fout-melden"), or null.</summary>
    /// <remarks>Names are compared without case, as the deserializer matches them.</remarks>
    private static string? FindDuplicate(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var scopes = new Stack<(HashSet<string>? Names, string Path)>();
        var lastName = "";
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    var path = scopes.Count == 0 ? "" : scopes.Peek().Names is null ? scopes.Peek().Path : lastName;
                    scopes.Push((reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.OrdinalIgnoreCase) : null, path));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    scopes.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    var (names, parent) = scopes.Peek();
                    var name = reader.GetString()!;
                    lastName = parent.Length == 0 ? name : $"{parent}.{name}";
                    if (!names!.Add(name))
                    {
                        return lastName;
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary>Turns the deserializer's JSON path ("$.answers.x", "$['answers']['x']") into the field names the API's errors use.</summary>
    private static string FieldName(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "body";
        }

        var field = jsonPath.TrimStart('$').Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal).TrimStart('.');
        return field.Length == 0 ? "body" : field;
    }

    /// <summary>The JSON body of a response.</summary>
    /// <param name="Id">Random UUID created on the respondent's device when they start.</param>
    /// <param name="Language">One of the round's languages ("nl", "en" or another registered code).</param>
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
