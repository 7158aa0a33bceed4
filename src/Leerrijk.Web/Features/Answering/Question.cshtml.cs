using System.Globalization;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Responses;
using Leerrijk.Web.Features.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Answering;

/// <summary>
/// One screen of questions. Every submit saves the screen's answers on the server before moving on, so leaving
/// halfway loses nothing; the last screen sends the whole response through the same path as the API.
/// </summary>
public sealed class QuestionModel(Survey survey, ResponseSubmission submission, LeerrijkDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public SurveyRound Round { get; private set; } = null!;

    public SurveyPage Current { get; private set; } = null!;

    public ResponseDraft Draft { get; private set; } = null!;

    public string Language { get; private set; } = "nl";

    public Dictionary<string, int?> Answers { get; private set; } = [];

    public Dictionary<string, string?> Open { get; private set; } = [];

    public string? ResumeCode { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, int number, CancellationToken cancellationToken)
    {
        var problem = await LoadAsync(code, number, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        ResumeCode = TempData["ResumeCode"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, int number, string? action, CancellationToken cancellationToken)
    {
        var problem = await LoadAsync(code, number, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        ReadScreen();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        Survey.Store(Draft, Answers, Open);
        Draft.UpdatedOn = survey.Today;
        await db.SaveChangesAsync(cancellationToken);

        if (action == "back")
        {
            return Redirect($"/s/{Round.Round.Code}/{Math.Max(1, number - 1)}");
        }

        if (!Current.IsFinal)
        {
            return Redirect($"/s/{Round.Round.Code}/{number + 1}");
        }

        var result = await submission.SubmitAsync(Round.Round.Code, Survey.ToSubmission(Round, Draft), cancellationToken);
        if (result.Acknowledged)
        {
            db.Remove(Draft);
            await db.SaveChangesAsync(cancellationToken);
            survey.Forget(HttpContext, Round);
            return Redirect($"/s/{Round.Round.Code}/bedankt");
        }

        if (result.Outcome == SubmissionOutcome.Closed)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            ViewData["Closed"] = true;
            return Page();
        }

        foreach (var (field, messages) in result.Errors)
        {
            foreach (var message in messages)
            {
                ModelState.AddModelError(field, message);
            }
        }

        return Page();
    }

    /// <summary>Takes this screen's answers from the form: a point, "dk" for don't know, or nothing (skipped).</summary>
    private void ReadScreen()
    {
        if (Current.IsFinal)
        {
            foreach (var question in Round.Instrument.OpenQuestions)
            {
                var text = Request.Form["o." + question.Id].ToString();
                var problem = ResponseRules.CheckComment(text, out var kept);
                if (problem != ResponseRules.CommentProblem.None)
                {
                    ModelState.AddModelError(
                        "o." + question.Id,
                        problem == ResponseRules.CommentProblem.TooLong ? l["Submit.CommentTooLong", ResponseComment.MaxLength] : l["Submit.CommentInvalid"]);
                }

                // A refused text is shown again as written, so the respondent can shorten it rather than start over.
                Open[question.Id] = problem == ResponseRules.CommentProblem.None ? kept : text;
            }

            return;
        }

        var instrument = Current.Instrument;
        foreach (var item in instrument.ItemsOf(Current.Dimension!.Id))
        {
            var key = Survey.AnswerKey(instrument, item);
            var value = Request.Form["a." + item.Id].ToString();
            if (value.Length == 0)
            {
                continue;
            }

            if (value == QuestionView.DontKnow)
            {
                Answers[key] = null;
            }
            else if (int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var point) && ResponseRules.IsOnScale(instrument, point))
            {
                Answers[key] = point;
            }
            else
            {
                ModelState.AddModelError("a." + item.Id, l["Submit.OutOfScale", value, instrument.ScaleMin, instrument.ScaleMax]);
            }
        }
    }

    public QuestionView ViewOf(Leerrijk.Scoring.Instruments.Item item)
    {
        var key = Survey.AnswerKey(Current.Instrument, item);
        var selected = Answers.TryGetValue(key, out var value)
            ? value?.ToString(CultureInfo.InvariantCulture) ?? QuestionView.DontKnow
            : null;
        return new QuestionView(Current.Instrument, item, SurveyRound.RoleOf(Draft.Role), Language, "a." + item.Id, selected);
    }

    private async Task<IActionResult?> LoadAsync(string code, int number, CancellationToken cancellationToken)
    {
        var found = await survey.FindAsync(code, cancellationToken);
        if (found is null || found.Page(number) is not { } page)
        {
            return NotFound();
        }

        Round = found;
        Current = page;
        Language = AnsweringLanguage.Of(found);
        if (found.Status != RoundStatus.Open)
        {
            return Redirect($"/s/{found.Round.Code}");
        }

        var draft = await survey.DraftAsync(HttpContext, found, cancellationToken);
        if (draft is null)
        {
            // No draft on this device (new phone, cookies cleared): start, or resume with the code.
            return Redirect($"/s/{found.Round.Code}");
        }

        Draft = draft;
        Answers = Survey.Answers(draft);
        Open = Survey.Open(draft);
        return null;
    }
}
