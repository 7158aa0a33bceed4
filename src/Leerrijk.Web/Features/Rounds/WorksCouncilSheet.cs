using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Anonymity;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Rounds;

/// <summary>
/// Everything the works council sheet states, read from one round (or, before it exists, from the form's instrument)
/// and the organisation's current settings: nothing on the sheet is typed in by hand, so it cannot drift from what
/// Leerrijk does.
/// </summary>
public sealed record WorksCouncilSheet
{
    /// <summary>The round the sheet is about; null for the preview offered on the new-round form.</summary>
    public Round? Round { get; init; }

    public required string OrganisationName { get; init; }

    /// <summary>Months after closing that this organisation keeps raw answers (its own setting; the default on the preview).</summary>
    public int RetentionMonths { get; init; } = Erasure.RetentionRules.DefaultMonths;

    public required Instrument Instrument { get; init; }

    public Instrument? Module { get; init; }

    /// <summary>The language the questions are shown in: the reader's when the round offers it, else Dutch, else the round's first.</summary>
    public required string ItemLanguage { get; init; }

    /// <summary>Respondent roles invited, as instrument role names.</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>The departments respondents may choose from; empty when the round does not ask.</summary>
    public required IReadOnlyList<string> Departments { get; init; }

    /// <summary>Languages respondents may answer in.</summary>
    public required IReadOnlyList<string> Languages { get; init; }

    public required int Minutes { get; init; }

    /// <summary>k: the round's own threshold.</summary>
    public required int Threshold { get; init; }

    /// <summary>r: accounts that can read the report today.</summary>
    public required int Readers { get; init; }

    /// <summary>k' = k + r, the threshold every figure actually uses today (<see cref="Anonymity.EffectiveThreshold"/>).</summary>
    public int EffectiveThreshold => Anonymity.EffectiveThreshold.Of(Threshold, Readers);

    /// <summary>Respondents a round needs before any open answer is shown: max(k', 10).</summary>
    public int CommentThreshold => new Disclosure(EffectiveThreshold).CommentThreshold;

    /// <summary>Below this many respondents the report shows whole-company figures only (2k').</summary>
    public int BreakdownThreshold => 2 * EffectiveThreshold;

    /// <summary>Members per role, highest role first.</summary>
    public required IReadOnlyList<(OrganisationRole Role, int Count)> Members { get; init; }

    /// <summary>Support organisations the company lets in today, with what each may do and until when.</summary>
    public required IReadOnlyList<(string Name, ConsentScope Scopes, DateOnly EndsOn)> Advisers { get; init; }

    /// <summary>Programmes the company shares its results with, and the fewest companies any of their figures rests on.</summary>
    public required IReadOnlyList<(string Name, int MinCompanies)> Programmes { get; init; }

    /// <summary>Whether the company chose to count in the norm groups of some programme.</summary>
    public required bool InNormPool { get; init; }

    /// <summary>The body the WOR expects for the company's size; null below 10 staff.</summary>
    public required ConsultedBody? ExpectedBody { get; init; }

    /// <summary>The wordings a respondent in one of <see cref="Roles"/> actually reads for an item, each with the roles that read it.</summary>
    public IReadOnlyList<(string Text, IReadOnlyList<string> Roles)> Wordings(Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Roles
            .GroupBy(role => item.TextFor(Answering.SurveyRound.RoleOf(role)).For(ItemLanguage), StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.ToList()))
            .ToList();
    }

    /// <summary>The sheet of an existing round.</summary>
    public static async Task<WorksCouncilSheet?> ForRoundAsync(
        LeerrijkDbContext db, Instruments.InstrumentCatalog catalog, Round round, string readerLanguage, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(round);
        var instrument = catalog.Find(round.InstrumentId, round.InstrumentVersion);
        if (instrument is null)
        {
            return null;
        }

        var module = round.ModuleId is { } moduleId ? catalog.Find(moduleId, round.ModuleVersion ?? 0) : null;
        var itemLanguage = round.Languages.Contains(readerLanguage) ? readerLanguage
            : round.Languages.Contains("nl") || round.Languages.Count == 0 ? "nl"
            : round.Languages[0];
        return await LoadAsync(
            db,
            round.OrganisationId,
            today,
            new WorksCouncilSheet
            {
                Round = round,
                OrganisationName = "",
                Instrument = instrument,
                Module = module,
                ItemLanguage = itemLanguage,
                Roles = round.Roles,
                Departments = round.Departments,
                Languages = round.Languages,
                Minutes = RoundDuration.Minutes(instrument, module),
                Threshold = round.AnonymityThreshold,
                Readers = 0,
                Members = [],
                Advisers = [],
                Programmes = [],
                InNormPool = false,
                ExpectedBody = null,
            },
            cancellationToken);
    }

    /// <summary>The sheet for a round not made yet: the instrument's roles, the default threshold, Dutch and English.</summary>
    public static Task<WorksCouncilSheet> PreviewAsync(
        LeerrijkDbContext db, Guid organisationId, Instrument instrument, int defaultThreshold, string readerLanguage, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return LoadAsync(
            db,
            organisationId,
            today,
            new WorksCouncilSheet
            {
                OrganisationName = "",
                Instrument = instrument,
                ItemLanguage = readerLanguage == "en" ? "en" : "nl",
                Roles = [.. instrument.Roles.Select(r => r.ToString())],
                Departments = [],
                Languages = ["nl", "en"],
                Minutes = RoundDuration.Minutes(instrument, null),
                Threshold = defaultThreshold,
                Readers = 0,
                Members = [],
                Advisers = [],
                Programmes = [],
                InNormPool = false,
                ExpectedBody = null,
            },
            cancellationToken);
    }

    /// <summary>Fills in what comes from the organisation as it is today: who reads, who is let in, what is shared.</summary>
    private static async Task<WorksCouncilSheet> LoadAsync(
        LeerrijkDbContext db, Guid organisationId, DateOnly today, WorksCouncilSheet sheet, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == organisationId, cancellationToken);
        var roles = await db.Memberships.Where(m => m.OrganisationId == organisationId).Select(m => m.Role).ToListAsync(cancellationToken);
        var advisers = await db.ConsentGrants.AsNoTracking()
            .Where(ConsentGrant.ActiveOn(today))
            .Where(g => g.OrganisationId == organisationId)
            .Select(g => new { g.SupportOrganisation!.Name, g.Scopes, g.EndsOn })
            .ToListAsync(cancellationToken);
        var participants = db.ProgrammeParticipants.AsNoTracking().Where(p => p.OrganisationId == organisationId);
        var programmes = await participants.Where(ProgrammeParticipant.Sharing)
            .Select(p => new { p.Programme!.Name, p.Programme.MinCompanies })
            .ToListAsync(cancellationToken);
        var inPool = await participants.Where(ProgrammeParticipant.InPool).AnyAsync(cancellationToken);

        // Readers are every membership, as the report counts them (ReportQueries.ReadersAsync): k' must match the report.
        var readers = await Reports.ReportQueries.ReadersAsync(db, organisationId, cancellationToken);
        return sheet with
        {
            OrganisationName = organisation.Name,
            RetentionMonths = organisation.RetentionMonths,
            Readers = readers,
            Members = [.. roles.GroupBy(r => r).OrderByDescending(g => g.Key).Select(g => (g.Key, g.Count()))],
            Advisers = [.. advisers.OrderBy(a => a.Name, StringComparer.CurrentCulture).Select(a => (a.Name, a.Scopes, a.EndsOn))],
            Programmes = [.. programmes.OrderBy(p => p.Name, StringComparer.CurrentCulture).Select(p => (p.Name, p.MinCompanies))],
            InNormPool = inPool,
            ExpectedBody = WorksCouncilRules.ExpectedBody(organisation),
        };
    }
}
