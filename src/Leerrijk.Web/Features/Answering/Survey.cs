using System.Text.Json;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Responses;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Answering;

/// <summary>One screen of a survey: a dimension of the instrument or its module, or the last screen with the open questions.</summary>
public sealed record SurveyPage(int Number, Instrument Instrument, Dimension? Dimension)
{
    public bool IsFinal => Dimension is null;
}

/// <summary>A round as respondents meet it: its instrument, module, state today and screens.</summary>
public sealed record SurveyRound(Round Round, Instrument Instrument, Instrument? Module, RoundStatus Status, IReadOnlyList<SurveyPage> Pages)
{
    public SurveyPage? Page(int number) => number >= 1 && number <= Pages.Count ? Pages[number - 1] : null;

    /// <summary>Minutes to answer the whole round, the same number the poster states.</summary>
    public int Minutes => RoundDuration.Minutes(Instrument, Module);

    public static RespondentRole RoleOf(string role) => Enum.TryParse<RespondentRole>(role, out var r) ? r : RespondentRole.Employee;
}

/// <summary>Finds rounds by code and keeps a respondent's draft between screens (cookie on the device, resume code on screen).</summary>
public sealed class Survey(LeerrijkDbContext db, RoundCache rounds, InstrumentCatalog catalog, TimeProvider clock)
{
    public const string CookieName = "Leerrijk.Answering";

    public DateOnly Today => LocalizationSetup.Today(clock);

    public async Task<SurveyRound?> FindAsync(string code, CancellationToken cancellationToken)
    {
        // Every screen of every respondent needs the round: from the cache, as the submission path reads it
        // (profiled at census-peak load, the uncached lookup was the largest single cost of a screen).
        var round = await rounds.FindByCodeAsync(db.Rounds, code, cancellationToken);
        var instrument = round is null ? null : catalog.Find(round.InstrumentId, round.InstrumentVersion);
        if (round is null || instrument is null)
        {
            return null;
        }

        var module = round.ModuleId is null ? null : catalog.Find(round.ModuleId, round.ModuleVersion ?? 0);
        var dimensions = instrument.Dimensions.Select(d => (instrument, d))
            .Concat(module?.Dimensions.Select(d => (module, d)) ?? []);
        var pages = dimensions.Select((x, i) => new SurveyPage(i + 1, x.Item1, x.d)).ToList();
        pages.Add(new SurveyPage(pages.Count + 1, instrument, null));
        return new SurveyRound(round, instrument, module, round.StatusOn(Today), pages);
    }

    public async Task<ResponseDraft?> DraftAsync(HttpContext context, SurveyRound survey, CancellationToken cancellationToken) =>
        Guid.TryParse(context.Request.Cookies[CookieName], out var id)
            ? await db.Set<ResponseDraft>().SingleOrDefaultAsync(d => d.Id == id && d.RoundId == survey.Round.Id, cancellationToken)
            : null;

    public Task<ResponseDraft?> DraftByResumeCodeAsync(SurveyRound survey, string code, CancellationToken cancellationToken)
    {
        var hash = ResponseDraft.HashResumeCode(survey.Round.Id, code);
        return db.Set<ResponseDraft>().SingleOrDefaultAsync(d => d.RoundId == survey.Round.Id && d.ResumeCodeHash == hash, cancellationToken);
    }

    /// <summary>Remembers the draft on this device, for this round's pages only, until the round closes.</summary>
    public void Remember(HttpContext context, SurveyRound survey, ResponseDraft draft) =>
        context.Response.Cookies.Append(CookieName, draft.Id.ToString(), new CookieOptions
        {
            Path = "/s/" + survey.Round.Code,
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(Math.Clamp(survey.Round.ClosesOn.DayNumber - Today.DayNumber + 1, 1, 120)),
        });

    public void Forget(HttpContext context, SurveyRound survey) =>
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/s/" + survey.Round.Code });

    public static string AnswerKey(Instrument instrument, Item item) => $"{instrument.Id}/{item.Id}";

    public static Dictionary<string, int?> Answers(ResponseDraft draft) =>
        JsonSerializer.Deserialize<Dictionary<string, int?>>(draft.AnswersJson) ?? [];

    public static Dictionary<string, string?> Open(ResponseDraft draft) =>
        JsonSerializer.Deserialize<Dictionary<string, string?>>(draft.OpenJson) ?? [];

    public static void Store(ResponseDraft draft, Dictionary<string, int?> answers, Dictionary<string, string?> open)
    {
        draft.AnswersJson = JsonSerializer.Serialize(answers);
        draft.OpenJson = JsonSerializer.Serialize(open);
    }

    /// <summary>The draft as a complete response, for the one submission path shared with the API.</summary>
    public static SubmittedResponse ToSubmission(SurveyRound survey, ResponseDraft draft)
    {
        var answers = Answers(draft);
        Dictionary<string, int?> For(Instrument instrument) => answers
            .Where(a => a.Key.StartsWith(instrument.Id + "/", StringComparison.Ordinal))
            .ToDictionary(a => a.Key[(instrument.Id.Length + 1)..], a => a.Value, StringComparer.Ordinal);
        return new SubmittedResponse(
            draft.Id,
            draft.Language,
            draft.Role,
            draft.Department,
            draft.YearsEmployed,
            For(survey.Instrument),
            survey.Module is null ? null : For(survey.Module),
            Open(draft));
    }
}
