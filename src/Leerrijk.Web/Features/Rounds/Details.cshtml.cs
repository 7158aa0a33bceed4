using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Anonymity;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Infrastructure;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Rounds;

/// <summary>One round: how people reach it, its settings and its state; HR and owners close it by hand here.</summary>
[AdviserScope(ConsentScope.ReadReports)]
public sealed class DetailsModel(
    LeerrijkDbContext db, InstrumentCatalog catalog, TimeProvider clock, PublicLinks links, RoundCache cache, IStringLocalizer<SharedResource> l)
    : OrganisationPageModel
{
    public Round Round { get; private set; } = null!;

    public RoundStatus Status { get; private set; }

    public Leerrijk.Scoring.Instruments.Instrument? Instrument { get; private set; }

    public string PublicLink { get; private set; } = "";

    public bool CanManage => Member.May(OrganisationRole.Hr, ConsentScope.ManageRounds);

    /// <summary>Only owners delete a round (Erasure/DeleteRound), and never as an adviser.</summary>
    public bool CanDelete => Member.IsOwner;

    public int Responses { get; private set; }

    public IReadOnlyList<SmallGroupSuppression.GroupCount> ByRole { get; private set; } = [];

    public IReadOnlyList<SmallGroupSuppression.GroupCount> ByDepartment { get; private set; } = [];

    /// <summary>k' = k + readers, the threshold of every figure and count about this round.</summary>
    public int EffectiveThreshold { get; private set; }

    /// <summary>Accounts that can read the round's report.</summary>
    public int Readers { get; private set; }

    /// <summary>The last day whose responses the group counts include; null before the first snapshot.</summary>
    public DateOnly? SnapshotDay { get; private set; }

    /// <summary>The key under which respondents who did not name a department are counted.</summary>
    public const string NoDepartment = "";

    public async Task<IActionResult> OnGetAsync(Guid roundId, CancellationToken cancellationToken)
    {
        var round = await FindAsync(roundId, cancellationToken);
        if (round is null)
        {
            return NotFound();
        }

        await LoadAsync(round, cancellationToken);
        if (IsOwner)
        {
            Agreement = round.WorksCouncilAgreedOn is null
                ? new WorksCouncilAgreement { Body = await ExpectedBodyAsync(cancellationToken) }
                : new WorksCouncilAgreement { AgreedOn = round.WorksCouncilAgreedOn, Body = round.WorksCouncilBody, Note = round.WorksCouncilNote };
        }

        return Page();
    }

    /// <summary>Everything the page shows about the round, for GET and for a refused form alike.</summary>
    private async Task LoadAsync(Round round, CancellationToken cancellationToken)
    {
        Round = round;
        Status = round.StatusOn(LocalizationSetup.Today(clock));
        Instrument = catalog.Find(round.InstrumentId, round.InstrumentVersion);
        PublicLink = links.Absolute(HttpContext, "/s/" + round.Code);

        // Progress without exposure: the live total and rate (they have no group), and group counts only from the
        // published snapshot, through the same rule and threshold k' as the report (ADR 0008).
        var counts = await db.Responses.Where(r => r.RoundId == round.Id)
            .GroupBy(r => new { r.SubmittedOn, r.Role, r.Department })
            .Select(g => new { g.Key.SubmittedOn, g.Key.Role, g.Key.Department, Count = g.Count() })
            .ToListAsync(cancellationToken);
        Responses = counts.Sum(c => c.Count) + round.RemovedResponses;
        var readers = await Reports.ReportQueries.ReadersAsync(db, round.OrganisationId, cancellationToken);
        EffectiveThreshold = Anonymity.EffectiveThreshold.Of(round.AnonymityThreshold, readers);
        Readers = readers;
        var departments = round.Departments.Count > 0 ? round.Departments.Append(NoDepartment).ToList() : [];
        var progress = ProgressSnapshot.Publish(
            counts.Select(c => (c.SubmittedOn, c.Role, c.Department ?? NoDepartment, c.Count)).ToList(), round.Roles, departments, LocalizationSetup.Today(clock), EffectiveThreshold, readers);
        SnapshotDay = progress.Day;
        ByRole = progress.ByRole;
        ByDepartment = progress.ByDepartment;
    }

    private async Task<ConsultedBody?> ExpectedBodyAsync(CancellationToken cancellationToken) =>
        WorksCouncilRules.ExpectedBody(await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == Member.OrganisationId, cancellationToken));

    /// <summary>Only the owner records the agreement: the company, not HR or an adviser, answers to its works council.</summary>
    public bool IsOwner => Member.IsOwner;

    /// <summary>The owner's form for "the works council agreed on …"; prefilled with the record or the body the company's size suggests.</summary>
    /// <remarks>Bound by its handler only, so closing the round never meets the agreement's validation.</remarks>
    public WorksCouncilAgreement Agreement { get; private set; } = new();

    [RequiresOrganisationRole(OrganisationRole.Owner)]
    [AdviserScope(ConsentScope.None)]
    public async Task<IActionResult> OnPostAgreementAsync(Guid roundId, [Bind(Prefix = nameof(Agreement))] WorksCouncilAgreement agreement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        Agreement = agreement;
        var round = await FindAsync(roundId, cancellationToken);
        if (round is null)
        {
            return NotFound();
        }

        foreach (var (field, key) in Agreement.Check(LocalizationSetup.Today(clock)))
        {
            ModelState.AddModelError($"{nameof(Agreement)}.{field}", l[key]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(round, cancellationToken);
            return Page();
        }

        Agreement.ApplyTo(round);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["WorksCouncil.Recorded"].Value;
        return RedirectToPage(new { orgId = Member.OrganisationId, roundId });
    }

    /// <summary>Set by ?sluiten=ja: the page asks "are you sure?" before a round closes for good.</summary>
    [BindProperty(SupportsGet = true, Name = "sluiten")]
    public string? ConfirmClose { get; set; }

    public bool AskingToClose => ConfirmClose == "ja" && CanManage && Status != RoundStatus.Closed;

    [RequiresOrganisationRole(OrganisationRole.Hr)]
    [AdviserScope(ConsentScope.ManageRounds)]
    public async Task<IActionResult> OnPostCloseAsync(Guid roundId, bool confirmed, CancellationToken cancellationToken)
    {
        var round = await FindAsync(roundId, cancellationToken);
        if (round is null)
        {
            return NotFound();
        }

        // Closing cannot be undone: without the confirmation's own field the page asks first.
        if (!confirmed)
        {
            return RedirectToPage(new { orgId = Member.OrganisationId, roundId, sluiten = "ja" });
        }

        RoundRules.Close(db, round, LocalizationSetup.Today(clock), clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        cache.Forget(round.Code);
        TempData["Status"] = l["Rounds.Closed"].Value;
        return RedirectToPage(new { orgId = Member.OrganisationId, roundId });
    }

    private Task<Round?> FindAsync(Guid roundId, CancellationToken cancellationToken) =>
        db.Rounds.SingleOrDefaultAsync(r => r.Id == roundId && r.OrganisationId == Member.OrganisationId, cancellationToken);
}
