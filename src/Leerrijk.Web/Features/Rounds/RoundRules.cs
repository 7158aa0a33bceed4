using Leerrijk.Scoring.Instruments;
using Leerrijk.Scoring.Languages;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Anonymity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Rounds;

/// <summary>What a new round asks for, once every field is present.</summary>
public sealed record RoundPlan(
    string Title,
    DateOnly OpensOn,
    DateOnly ClosesOn,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Departments,
    IReadOnlyList<string> Languages,
    int AnonymityThreshold,
    int? ExpectedRespondents);

/// <summary>
/// The rules for opening a round and for closing one, shared by the round pages and the API so both accept and refuse
/// exactly the same things.
/// </summary>
public static class RoundRules
{
    /// <summary>The languages a round offers when nobody chose: Dutch and English, which every instrument has.</summary>
    public static readonly IReadOnlyList<string> DefaultLanguages = ["nl", "en"];

    /// <summary>Every problem with a new round's choices, as (field, message); empty when it may be opened.</summary>
    public static IEnumerable<(string Field, string Message)> Check(
        Instrument instrument,
        string? moduleId,
        Instrument? module,
        DateOnly? opensOn,
        DateOnly? closesOn,
        IReadOnlyCollection<string> roles,
        IReadOnlyList<string> departments,
        IReadOnlyCollection<string> languages,
        int? threshold,
        DateOnly today,
        LanguageRegistry registry,
        IStringLocalizer l)
    {
        if (!string.IsNullOrEmpty(moduleId) && module is not { IsModule: true })
        {
            yield return ("ModuleId", l["Validation.NotInList"]);
        }

        if (opensOn is { } opens && opens < today)
        {
            yield return ("OpensOn", l["Rounds.OpensInPast"]);
        }

        if (opensOn is { } from && closesOn is { } to && to < from)
        {
            yield return ("ClosesOn", l["Rounds.ClosesBeforeOpens"]);
        }

        var offered = instrument.Roles.Select(r => r.ToString()).ToHashSet(StringComparer.Ordinal);
        if (roles.Count == 0)
        {
            yield return ("Roles", l["Rounds.ChooseRole"]);
        }
        else if (roles.Any(r => !offered.Contains(r)))
        {
            yield return ("Roles", l["Validation.NotInList"]);
        }

        if (languages.Count == 0 || languages.Any(x => !registry.Contains(x)))
        {
            yield return ("Languages", l["Rounds.ChooseLanguage"]);
        }
        else if (languages.Where(x => !instrument.Languages.Contains(x) || module is not null && !module.Languages.Contains(x)).ToList() is [_, ..] untranslated)
        {
            // A registered language the scan (or its module) has no translation file for would show Dutch questions.
            yield return ("Languages", l["Rounds.LanguageNotTranslated", string.Join(", ", untranslated.Select(code => RoundLanguages.NameOf(code, l, registry)))]);
        }

        if (threshold is { } k && k < AnonymityOptions.LowestThreshold)
        {
            yield return ("AnonymityThreshold", l["Rounds.ThresholdTooLow", AnonymityOptions.LowestThreshold]);
        }

        if (departments.Count > Round.MaxDepartments)
        {
            yield return ("Departments", l["Rounds.TooManyDepartments", Round.MaxDepartments]);
        }
        else if (departments.Any(d => d.Length > Round.DepartmentMaxLength))
        {
            yield return ("Departments", l["Rounds.DepartmentTooLong", Round.DepartmentMaxLength]);
        }
    }

    /// <summary>A new round of <paramref name="instrument"/> as planned; it keeps the instrument version and fingerprint it starts with.</summary>
    public static Round Build(Guid organisationId, Guid userId, Instrument instrument, Instrument? module, RoundPlan plan) => new()
    {
        OrganisationId = organisationId,
        Title = plan.Title.Trim(),
        InstrumentId = instrument.Id,
        InstrumentVersion = instrument.Version,
        InstrumentFingerprint = InstrumentFingerprint.Of(instrument),
        ModuleId = module?.Id,
        ModuleVersion = module?.Version,
        ModuleFingerprint = module is null ? null : InstrumentFingerprint.Of(module),
        OpensOn = plan.OpensOn,
        ClosesOn = plan.ClosesOn,
        Roles = [.. plan.Roles.Distinct(StringComparer.Ordinal)],
        Departments = [.. plan.Departments],
        Languages = [.. plan.Languages.Distinct(StringComparer.Ordinal)],
        AnonymityThreshold = plan.AnonymityThreshold,
        ExpectedRespondents = plan.ExpectedRespondents,
        CreatedByUserId = userId,
    };

    /// <summary>
    /// Adds a new round with a public code no other round has (codes are random, so on the rare clash it draws again);
    /// the caller saves. A round open today is announced by webhook in the same save; one that opens later is announced
    /// by the webhook worker on its first day.
    /// </summary>
    public static async Task AddAsync(LeerrijkDbContext db, Round round, DateOnly today, DateTime nowUtc, CancellationToken cancellationToken)
    {
        do
        {
            round.Code = Round.NewCode();
        }
        while (await db.Rounds.IgnoreQueryFilters().AnyAsync(r => r.Code == round.Code, cancellationToken));

        db.Rounds.Add(round);
        if (round.StatusOn(today) == RoundStatus.Open)
        {
            Webhooks.WebhookOutbox.RoundOpened(db, round, nowUtc);
        }
    }

    /// <summary>
    /// Closes a round for good (the caller saves, which also stores its round.closed webhook event). Its period ends where
    /// it really ended, so the next round (opened the same day, say) finds it as its previous round and the report shows
    /// the trend. Closing a closed round changes nothing.
    /// </summary>
    public static void Close(LeerrijkDbContext db, Round round, DateOnly today, DateTime nowUtc)
    {
        if (round.ClosedAtUtc is not null)
        {
            return;
        }

        round.ClosesOn = today < round.OpensOn ? round.OpensOn : today < round.ClosesOn ? today : round.ClosesOn;
        round.ClosedAtUtc = nowUtc;
        Webhooks.WebhookOutbox.RoundClosed(db, round, nowUtc);
    }
}
