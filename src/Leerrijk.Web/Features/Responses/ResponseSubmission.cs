using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Responses;

/// <summary>A complete response as a respondent's device sends it. Answers map item ids to a point, or null for "don't know".</summary>
public sealed record SubmittedResponse(
    Guid Id,
    string? Language,
    string? Role,
    string? Department,
    string? YearsEmployed,
    IReadOnlyDictionary<string, int?>? Answers,
    IReadOnlyDictionary<string, int?>? ModuleAnswers,
    IReadOnlyDictionary<string, string?>? Open);

public enum SubmissionOutcome
{
    /// <summary>Stored now.</summary>
    Stored,

    /// <summary>The same id with the same content was stored before: the same acknowledgement again.</summary>
    Replayed,

    /// <summary>The same id was stored before with other content: refused (409).</summary>
    Conflict,

    Invalid,
    UnknownRound,
    NotOpenYet,
    Closed,
}

public sealed record SubmissionResult(SubmissionOutcome Outcome, Guid Id, DateOnly? ReceivedOn, IReadOnlyDictionary<string, string[]> Errors, Round? Round)
{
    public bool Acknowledged => Outcome is SubmissionOutcome.Stored or SubmissionOutcome.Replayed;
}

/// <summary>
/// The one way a response enters the database, for the answering pages and the JSON API alike: validates it against
/// the round and its instrument, writes it whole in one transaction, and makes a repeat of the same id harmless.
/// </summary>
public sealed class ResponseSubmission(
    LeerrijkDbContext db, RoundCache rounds, InstrumentCatalog catalog, TimeProvider clock, IStringLocalizer<SharedResource> l, ResponseMetrics metrics,
    SubmissionBatcher batcher, ILogger<ResponseSubmission> logger)
{
    public async Task<SubmissionResult> SubmitAsync(string code, SubmittedResponse response, CancellationToken cancellationToken)
    {
        var result = await SubmitOnceAsync(code, response, cancellationToken);
        metrics.Record(result);
        return result;
    }

    private async Task<SubmissionResult> SubmitOnceAsync(string code, SubmittedResponse response, CancellationToken cancellationToken)
    {
        var round = await rounds.FindByCodeAsync(db.Rounds, code, cancellationToken);
        if (round is null)
        {
            return Result(SubmissionOutcome.UnknownRound, response.Id, null);
        }

        var today = LocalizationSetup.Today(clock);
        var status = round.StatusOn(today);
        if (status != RoundStatus.Open)
        {
            return Result(status == RoundStatus.Planned ? SubmissionOutcome.NotOpenYet : SubmissionOutcome.Closed, response.Id, round);
        }

        var instrument = catalog.Find(round.InstrumentId, round.InstrumentVersion)
            ?? throw new InvalidOperationException($"Round {round.Id} uses instrument '{round.InstrumentId}', which is not installed.");
        var module = round.ModuleId is null ? null : catalog.Find(round.ModuleId, round.ModuleVersion ?? 0);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var entity = Validate(round, instrument, module, response, errors);
        if (errors.Count > 0 || entity is null)
        {
            return new SubmissionResult(SubmissionOutcome.Invalid, response.Id, null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), round);
        }

        entity.SubmittedOn = today;

        // Insert first and let the primary key catch a repeat: a repeat is rare, so looking first would cost every
        // submission a query, and only the key decides correctly when two copies of one id arrive at once. The write
        // goes with whatever else is being submitted at this moment, in one transaction (group commit).
        if (!await batcher.WriteAsync(entity))
        {
            var existing = await FindExistingAsync(response.Id, cancellationToken)
                ?? throw new InvalidOperationException($"Response {response.Id} was refused as stored before, and is not stored.");
            var repeat = Repeat(existing, entity, round);
            // A repeat is normal traffic, not a fault: one debug line.
            logger.LogDebug("Response {ResponseId} was sent again: {Outcome}", existing.Id, repeat.Outcome);
            return repeat;
        }

        return new SubmissionResult(SubmissionOutcome.Stored, entity.Id, entity.SubmittedOn, Empty, round);
    }

    private static readonly IReadOnlyDictionary<string, string[]> Empty = new Dictionary<string, string[]>();

    private static SubmissionResult Result(SubmissionOutcome outcome, Guid id, Round? round) => new(outcome, id, null, Empty, round);

    private Task<SurveyResponse?> FindExistingAsync(Guid id, CancellationToken cancellationToken) =>
        db.Responses.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

    private static SubmissionResult Repeat(SurveyResponse existing, SurveyResponse attempt, Round round) =>
        existing.RoundId == attempt.RoundId && existing.ContentHash == attempt.ContentHash
            ? new SubmissionResult(SubmissionOutcome.Replayed, existing.Id, existing.SubmittedOn, Empty, round)
            : new SubmissionResult(SubmissionOutcome.Conflict, existing.Id, null, Empty, round);

    private SurveyResponse? Validate(Round round, Instrument instrument, Instrument? module, SubmittedResponse r, Dictionary<string, List<string>> errors)
    {
        void Error(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        if (r.Id == Guid.Empty)
        {
            Error("id", l["Submit.IdMissing"]);
        }

        var language = r.Language ?? round.Languages.FirstOrDefault() ?? "nl";
        if (!round.Languages.Contains(language))
        {
            Error("language", l["Submit.LanguageNotOffered", string.Join(", ", round.Languages)]);
        }

        if (!ResponseRules.TryRole(round, r.Role, out var role))
        {
            Error("role", l["Submit.RoleNotInvited", string.Join(", ", round.Roles.Select(RoleName))]);
        }

        if (!ResponseRules.TryDepartment(round, r.Department, out var department))
        {
            Error("department", l["Submit.DepartmentUnknown"]);
        }

        if (!ResponseRules.TryYears(instrument, r.YearsEmployed, out var years))
        {
            Error("yearsEmployed", l["Submit.YearsUnknown", string.Join(", ", ResponseRules.YearsBands)]);
        }

        var entity = new SurveyResponse
        {
            Id = r.Id,
            OrganisationId = round.OrganisationId,
            RoundId = round.Id,
            Language = language,
            Role = role,
            Department = department,
            YearsEmployed = years,
        };

        AddAnswers(entity, instrument, r.Answers, "answers", Error);
        if (module is not null)
        {
            AddAnswers(entity, module, r.ModuleAnswers, "moduleAnswers", Error);
        }
        else if (r.ModuleAnswers is { Count: > 0 })
        {
            Error("moduleAnswers", l["Submit.NoModule"]);
        }

        if (entity.Answers.Count == 0 && !errors.ContainsKey("answers"))
        {
            Error("answers", l["Submit.NoAnswers"]);
        }

        foreach (var (questionId, text) in r.Open ?? new Dictionary<string, string?>())
        {
            var field = $"open.{questionId}";
            if (instrument.OpenQuestions.All(q => q.Id != questionId))
            {
                Error(field, l["Submit.UnknownQuestion"]);
            }
            else if (ResponseRules.CheckComment(text, out var kept) is not ResponseRules.CommentProblem.None and var problem)
            {
                Error(field, problem == ResponseRules.CommentProblem.TooLong ? l["Submit.CommentTooLong", ResponseComment.MaxLength] : l["Submit.CommentInvalid"]);
            }
            else if (kept is not null)
            {
                entity.Comments.Add(new ResponseComment { ResponseId = r.Id, OrganisationId = round.OrganisationId, RoundId = round.Id, QuestionId = questionId, Text = kept });
            }
        }

        entity.ContentHash = ResponseHash.Of(entity);
        return entity;
    }

    private void AddAnswers(SurveyResponse entity, Instrument instrument, IReadOnlyDictionary<string, int?>? answers, string prefix, Action<string, string> error)
    {
        foreach (var (itemId, value) in answers ?? new Dictionary<string, int?>())
        {
            var field = $"{prefix}.{itemId}";
            if (instrument.Items.All(i => i.Id != itemId))
            {
                error(field, l["Submit.UnknownItem"]);
            }
            else if (!ResponseRules.IsOnScale(instrument, value))
            {
                error(field, l["Submit.OutOfScale", value!.Value, instrument.ScaleMin, instrument.ScaleMax]);
            }
            else
            {
                entity.Answers.Add(new ResponseAnswer { ResponseId = entity.Id, OrganisationId = entity.OrganisationId, InstrumentId = instrument.Id, ItemId = itemId, Value = value });
            }
        }
    }

    /// <summary>The API's spelling of a role: lower-case with hyphens, as in the instrument files.</summary>
    public static string RoleName(string roundRole) => roundRole switch
    {
        nameof(RespondentRole.WorksCouncil) => "works-council",
        _ => roundRole.ToLowerInvariant(),
    };
}
