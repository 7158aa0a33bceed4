using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Organisations;

/// <summary>An organisation's home: its profile, its plan, and the one next step that fits where it stands.</summary>
[AdviserScope(ConsentScope.ReadReports)]
public sealed class DashboardModel(LeerrijkDbContext db, Instruments.InstrumentCatalog catalog, Menukaart.Menukaart menukaart, Wegwijzer.OfferAdvice advice, TimeProvider clock) : OrganisationPageModel
{
    /// <summary>Windows of offers that fit or may fit this organisation, opening or closing in the next 30 days.</summary>
    public IReadOnlyList<Wegwijzer.OfferDeadline> Deadlines { get; private set; } = [];

    public Organisation Organisation { get; private set; } = null!;

    public int MemberCount { get; private set; }

    /// <summary>The owner's quick scan, if they took it before signing up.</summary>
    public QuickScan.QuickScanProfile? QuickScan { get; private set; }

    public QuickScan.QuickScanResult? QuickScanResult { get; private set; }

    /// <summary>The first steps the quick scan showed, as they are on the menukaart now (a step removed since is left out).</summary>
    public IReadOnlyList<Menukaart.Intervention> QuickScanSteps { get; private set; } = [];

    public bool CanEditPlan => Member.May(OrganisationRole.Hr, ConsentScope.WorkOnPlan);

    /// <summary>The action plan's open steps, soonest first, for the dashboard's summary.</summary>
    public IReadOnlyList<ActionPlan.ActionStep> OpenSteps { get; private set; } = [];

    /// <summary>Where the organisation stands in scan → report → plan → follow-up, for the "what next" panel.</summary>
    public enum NextStep
    {
        OpenFirstRound,
        RoundRunning,
        ReadReport,
        WorkOnPlan,
        FollowUp,
    }

    public NextStep Next { get; private set; }

    /// <summary>The round that is open or planned, if any.</summary>
    public Rounds.Round? Running { get; private set; }

    /// <summary>The round that closed last: its report is the one to read.</summary>
    public Rounds.Round? LatestClosed { get; private set; }

    public int DoneSteps { get; private set; }

    public bool CanManage => Member.May(OrganisationRole.Hr, ConsentScope.ManageRounds);

    /// <summary>For an adviser admitted by consent: the support organisation they look on behalf of.</summary>
    public string? AdviserFor { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == Member.OrganisationId, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        Organisation = organisation;
        if (Member.Adviser is { } adviser)
        {
            AdviserFor = await db.SupportOrganisations.Where(s => s.Id == adviser.SupportOrganisationId).Select(s => s.Name).SingleAsync(cancellationToken);
        }

        MemberCount = await db.Memberships.CountAsync(m => m.OrganisationId == Member.OrganisationId, cancellationToken);
        OpenSteps = await db.Set<ActionPlan.ActionStep>()
            .Where(s => s.Status == ActionPlan.ActionStatus.Planned || s.Status == ActionPlan.ActionStatus.Started)
            .OrderBy(s => s.StartOn).ThenBy(s => s.CreatedAtUtc)
            .Take(5)
            .ToListAsync(cancellationToken);
        DoneSteps = await db.Set<ActionPlan.ActionStep>().CountAsync(s => s.Status == ActionPlan.ActionStatus.Done, cancellationToken);
        var today = Infrastructure.Localization.LocalizationSetup.Today(clock);
        var rounds = await db.Rounds.AsNoTracking().OrderByDescending(r => r.OpensOn).ToListAsync(cancellationToken);
        Running = rounds.FirstOrDefault(r => r.StatusOn(today) != Rounds.RoundStatus.Closed);
        // Closing by hand ends a round's period that day, so its last day is always ClosesOn.
        LatestClosed = rounds.Where(r => r.StatusOn(today) == Rounds.RoundStatus.Closed).MaxBy(r => r.ClosesOn);
        Next = (Running, LatestClosed, OpenSteps.Count, DoneSteps) switch
        {
            ({ }, _, _, _) => NextStep.RoundRunning,
            (null, null, _, _) => NextStep.OpenFirstRound,
            (_, _, > 0, _) => NextStep.WorkOnPlan,
            (_, _, 0, > 0) => NextStep.FollowUp,
            _ => NextStep.ReadReport,
        };
        Deadlines = await advice.DeadlinesAsync(Wegwijzer.OfferAdvice.ProfileOf(organisation), today, cancellationToken);
        QuickScanResult = await db.Set<QuickScan.QuickScanResult>().OrderByDescending(r => r.TakenOn).FirstOrDefaultAsync(cancellationToken);
        if (QuickScanResult is not null && catalog.Find(QuickScanResult.InstrumentId) is { } instrument)
        {
            QuickScan = Features.QuickScan.QuickScanProfile.Of(
                instrument, System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int?>>(QuickScanResult.AnswersJson) ?? []);
            var interventions = await menukaart.InterventionsAsync(cancellationToken);
            QuickScanSteps = QuickScanResult.StepSlugs
                .Select(slug => interventions.FirstOrDefault(i => i.Slug == slug))
                .OfType<Menukaart.Intervention>()
                .ToList();
        }

        return Page();
    }
}
