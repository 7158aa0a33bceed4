using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Consent;

/// <summary>
/// What every consent form checks, in one place: the owner's grant, the change of a grant, the adviser's request and
/// the owner's acceptance of it choose scopes and a period by the same rules.
/// </summary>
public static class ConsentRules
{
    /// <summary>The scopes an owner can choose, in the order they are shown.</summary>
    public static readonly IReadOnlyList<ConsentScope> All =
        [ConsentScope.ReadReports, ConsentScope.WorkOnPlan, ConsentScope.ManageRounds, ConsentScope.RawAnswers];

    /// <summary>Every scope at once: what an owner may choose from.</summary>
    public static readonly ConsentScope Every = All.Aggregate(ConsentScope.None, (all, s) => all | s);

    /// <summary>The longest a grant may run: the owner renews it on purpose after that.</summary>
    public const int MaxYears = 3;

    public const int MaxMonths = MaxYears * 12;

    /// <summary>How long a grant runs unless the owner chooses otherwise.</summary>
    public const int DefaultMonths = 12;

    /// <summary>The single scopes in <paramref name="scopes"/>, in the order they are shown.</summary>
    public static IReadOnlyList<ConsentScope> Split(ConsentScope scopes) => All.Where(s => (scopes & s) == s).ToList();

    /// <summary>
    /// Checks the scopes a form sent against those on offer and returns them combined; errors go to <paramref name="key"/>.
    /// At least one; and reading is the base of every other scope: without it an adviser could not open the plan they
    /// may work on, the rounds they may manage, or the report whose raw answers they may download.
    /// </summary>
    public static ConsentScope CheckScopes(
        IReadOnlyCollection<ConsentScope> chosen, ConsentScope offered, ModelStateDictionary state, string key, IStringLocalizer l)
    {
        if (chosen.Any(s => !All.Contains(s) || (offered & s) != s))
        {
            state.AddModelError(key, l["Validation.NotInList"]);
            return ConsentScope.None;
        }

        var scopes = chosen.Aggregate(ConsentScope.None, (all, s) => all | s);
        if (scopes == ConsentScope.None)
        {
            state.AddModelError(key, l["Consent.NoScope"]);
        }
        else if ((scopes & ConsentScope.ReadReports) == 0)
        {
            state.AddModelError(key, (scopes & ConsentScope.RawAnswers) != 0 ? l["Consent.RawAnswersNeedReadReports"] : l["Consent.NeedsReadReports"]);
        }

        return scopes;
    }

    /// <summary>The latest end date an owner may choose today.</summary>
    public static DateOnly LatestEnd(DateOnly today) => today.AddYears(MaxYears);

    /// <summary>
    /// Checks an end date: after today (a grant that ends today or earlier admits nobody) and no later than
    /// <paramref name="latest"/>; <paramref name="tooLateKey"/> explains why that is the limit.
    /// </summary>
    public static void CheckEndsOn(
        DateOnly? endsOn, DateOnly today, DateOnly latest, string tooLateKey, ModelStateDictionary state, string key, IStringLocalizer l)
    {
        if (endsOn is not { } end)
        {
            return; // [Required] says so
        }

        if (end <= today)
        {
            state.AddModelError(key, l["Consent.EndsOnNotAfterToday"]);
        }
        else if (end > latest)
        {
            state.AddModelError(key, l[tooLateKey, latest.ToString("D", System.Globalization.CultureInfo.CurrentCulture)]);
        }
    }
}

/// <summary>What the owner chooses on every consent form: the scopes and the grant's last day.</summary>
public class GrantInput
{
    /// <summary>The form name of <see cref="Scopes"/> on pages that bind this input as <c>Input</c>.</summary>
    public const string ScopesField = "Input.Scopes";

    [Display(Name = "Consent.ScopesLegend")]
    public List<ConsentScope> Scopes { get; set; } = [];

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Consent.EndsOn")]
    public DateOnly? EndsOn { get; set; }

    /// <summary>
    /// Checks the input by <see cref="ConsentRules"/>: scopes among <paramref name="offered"/>, an end date after
    /// <paramref name="today"/> and no later than <paramref name="latest"/> (<paramref name="tooLateKey"/> says why).
    /// Returns the chosen scopes combined; errors go beside the fields.
    /// </summary>
    public ConsentScope Validate(
        ConsentScope offered, DateOnly today, DateOnly latest, string tooLateKey, ModelStateDictionary state, IStringLocalizer l)
    {
        var scopes = ConsentRules.CheckScopes(Scopes, offered, state, ScopesField, l);
        ConsentRules.CheckEndsOn(EndsOn, today, latest, tooLateKey, state, "Input.EndsOn", l);
        return scopes;
    }

    /// <summary>The scope checkboxes of this input, with what was chosen ticked.</summary>
    public ScopeChoicesView Choices(string fieldName, IReadOnlyList<ConsentScope> offered) =>
        new(fieldName, offered, Scopes.Aggregate(ConsentScope.None, (all, s) => all | s));
}

/// <summary>The checkboxes of a scope choice (<c>_ScopeChoices</c>): the form field, the scopes on offer, and which are ticked.</summary>
public sealed record ScopeChoicesView(string FieldName, IReadOnlyList<ConsentScope> Offered, ConsentScope Chosen);
