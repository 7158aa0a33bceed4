using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Funding;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Features.Tracks;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Demo;

/// <summary>
/// The regional half of the demo: "Leerwerkloket Demo-regio" with the demo adviser and a coordinator, connected to six
/// demo companies at different stages of their track (rounds, plans, coach hours, vouchers, notes), so the caseload,
/// a track, the voucher register and the owner's access log all show something real at first log-in.
/// </summary>
internal sealed class DemoSupport(DemoSeeder seeder, LeerrijkDbContext db, Instrument teamscan, DateOnly today)
{
    public const string SupportName = "Leerwerkloket Demo-regio";
    public const string AdviserEmail = "adviseur@demo.leerrijk.nl";
    public const string CoordinatorEmail = "coordinator@demo.leerrijk.nl";

    /// <summary>Demo companies beside the main one: name, owner log-in, sector, size, province, region, stage.</summary>
    public static readonly IReadOnlyList<DemoCompany> Companies =
    [
        new("Bakkerij Demo Brood & Banket", "eigenaar.bakkerij@demo.leerrijk.nl", "Bas Bakker", "C", SizeClass.Small, "overijssel", "twente", TrackStage.Intake),
        new("Demo Transport & Logistiek", "eigenaar.transport@demo.leerrijk.nl", "Tamara Transport", "H", SizeClass.Medium, "overijssel", "regio-zwolle", TrackStage.TeamScan),
        new("Demo Zorggroep Het Anker", "eigenaar.zorg@demo.leerrijk.nl", "Zeynep Zorg", "Q", SizeClass.Medium, "gelderland", "achterhoek", TrackStage.ReportConversation),
        new("Demo Metaalbewerking Oost", "eigenaar.metaal@demo.leerrijk.nl", "Mark Metaal", "C", SizeClass.Small, "overijssel", "twente", TrackStage.ActionPlan),
        new("Demo Schoonmaak Service", "eigenaar.schoonmaak@demo.leerrijk.nl", "Sanne Schoon", "N", SizeClass.Medium, "gelderland", "stedendriehoek-en-noordwest-veluwe", TrackStage.CloseOut),
    ];

    private const string LoketVoucher = "Leerwerkloket-voucher (demo)";
    private const string SectorBudget = "Scholingsbudget sectorfonds (demo)";

    private static readonly string[] Departments = ["Productie", "Logistiek", "Kantoor"];

    public async Task SeedAsync(Organisation main, Guid mainOwner, Round mainBaseline, CancellationToken cancellationToken)
    {
        var support = new SupportOrganisation
        {
            Name = SupportName,
            Kind = SupportKind.Leerwerkloket,
            ProvinceIds = ["overijssel", "gelderland"],
            LabourMarketRegionIds = ["twente", "regio-zwolle", "achterhoek", "stedendriehoek-en-noordwest-veluwe"],
            ContactEmail = "loket@demo.leerrijk.nl",
        };
        db.SupportOrganisations.Add(support);
        var adviser = await db.Users.SingleAsync(u => u.Email == AdviserEmail, cancellationToken);
        var coordinator = await db.Users.SingleAsync(u => u.Email == CoordinatorEmail, cancellationToken);
        db.SupportMemberships.AddRange(
            new SupportMembership { SupportOrganisationId = support.Id, UserId = adviser.Id, Role = SupportRole.Adviser },
            new SupportMembership { SupportOrganisationId = support.Id, UserId = coordinator.Id, Role = SupportRole.Coordinator });
        db.SchemeBudgets.AddRange(
            new SchemeBudget { SupportOrganisationId = support.Id, Scheme = LoketVoucher, Year = today.Year, Amount = 25_000m },
            new SchemeBudget { SupportOrganisationId = support.Id, Scheme = SectorBudget, Year = today.Year, Amount = 40_000m });
        await db.SaveChangesAsync(cancellationToken);

        await MainCompanyAsync(main.Id, mainOwner, mainBaseline, support.Id, adviser.Id, cancellationToken);
        for (var i = 0; i < Companies.Count; i++)
        {
            await CompanyAsync(Companies[i], seed: 4100 + i, support.Id, adviser.Id, coordinator.Id, cancellationToken);
        }
    }

    /// <summary>Demo Installatietechniek BV: coaching under way, with indicators, a granted voucher and the owner's access log.</summary>
    private async Task MainCompanyAsync(Guid organisationId, Guid owner, Round baseline, Guid supportId, Guid adviserId, CancellationToken cancellationToken)
    {
        var grant = Grant(organisationId, supportId, adviserId, owner, ConsentScope.ReadReports | ConsentScope.WorkOnPlan | ConsentScope.ManageRounds, startedDaysAgo: 100);
        var track = Track(organisationId, supportId, TrackStage.Coaching, startedDaysAgo: 100, baseline.Id, followUpInDays: 60);
        Milestones(track, startedDaysAgo: 100);
        Hours(track, adviserId, [(96, 1.5m, "Kennismaking en uitleg van de scan"), (88, 1m, "Meting voorbereiden met HR"), (70, 2m, "Rapport bespreken met eigenaar en leidinggevenden"),
            (55, 3m, "Actieplan opstellen"), (40, 2.5m, "Begeleiding leidinggevenden: leerpunt in het werkoverleg"), (21, 2m, "Voortgangsgesprek"), (7, 1.5m, "Meelopen voorbereiden")]);
        Note(track, adviserId, 70, "Rapport besproken. Leren van buiten scoort laag; het team wil vaker bij klanten en leveranciers kijken. Afgesproken: meelopen en een leerpunt in elk werkoverleg.", internalToSupport: false);
        Note(track, adviserId, 40, "Intern: eigenaar wil vooral snel resultaat zien; volgende keer de eerste successen laten zien.", internalToSupport: true);
        var meelopen = Step(organisationId, baseline.Id, "meelopen", "Meelopen met een collega", "Petra, werkplaats", ActionStatus.Started, startDaysAgo: 45, followUpInDays: 60);
        Step(organisationId, baseline.Id, "leerpunt-in-werkoverleg", "Een leerpunt op elk werkoverleg", "Jeroen, leidinggevende", ActionStatus.Done, startDaysAgo: 60, followUpInDays: null);
        var gesprek = Step(organisationId, baseline.Id, "ontwikkelgesprek", "Een ontwikkelgesprek met iedereen", "Eva", ActionStatus.Planned, startDaysAgo: -14, followUpInDays: 90);
        gesprek.OfferSlug = "gelrepact"; // picked from the wegwijzer: a Gelderland voucher for small and medium firms
        Indicator(organisationId, IndicatorKind.DevelopmentPlanShare, baseline: 20, target: 50, [(90, 20), (45, 28), (10, 35)]);
        Indicator(organisationId, IndicatorKind.TrainedShare, baseline: 25, target: 33, [(90, 25), (10, 30)]);
        db.Vouchers.Add(new Voucher
        {
            OrganisationId = organisationId,
            SupportOrganisationId = supportId,
            Scheme = LoketVoucher,
            Purpose = "Training 'coachend leidinggeven' voor drie leidinggevenden",
            ActionStepId = meelopen.Id,
            AmountRequested = 2_400m,
            AmountGranted = 2_000m,
            OwnContribution = 400m,
            Status = VoucherStatus.Granted,
            RequestedOn = today.AddDays(-50),
            DecidedOn = today.AddDays(-30),
        });
        db.Vouchers.Add(new Voucher
        {
            OrganisationId = organisationId,
            Scheme = "Gelrepact",
            OfferSlug = "gelrepact",
            Purpose = "Training 'het goede gesprek' voor de leidinggevenden, voor de ontwikkelgesprekken",
            ActionStepId = gesprek.Id,
            AmountRequested = 1_500m,
            Status = VoucherStatus.Idea,
        });

        // What the owner sees under "who looked at what, when": the adviser's visits while preparing the conversations.
        foreach (var (daysAgo, route, handler, path) in new[]
        {
            (71, "o/{orgId:guid}/rounds/{roundId:guid}/report", "", $"/o/{organisationId}/rounds/{baseline.Id}/report"),
            (70, "o/{orgId:guid}/rounds/{roundId:guid}/report", "Pdf", $"/o/{organisationId}/rounds/{baseline.Id}/report"),
            (55, "o/{orgId:guid}/plan", "", $"/o/{organisationId}/plan"),
            (21, "o/{orgId:guid}", "", $"/o/{organisationId}"),
        })
        {
            db.AccessLog.Add(new AccessLogEntry
            {
                OrganisationId = organisationId,
                UserId = adviserId,
                SupportOrganisationId = supportId,
                GrantId = grant.Id,
                AtUtc = today.AddDays(-daysAgo).ToDateTime(new TimeOnly(10, 15), DateTimeKind.Utc),
                Method = "GET",
                Route = route,
                Handler = handler,
                Path = path,
                Scope = ConsentScope.ReadReports,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task CompanyAsync(DemoCompany company, int seed, Guid supportId, Guid adviserId, Guid coordinatorId, CancellationToken cancellationToken)
    {
        var organisation = new Organisation
        {
            Name = company.Name,
            SbiSection = company.Sector,
            SizeClass = company.Size,
            ProvinceId = company.Province,
            LabourMarketRegionId = company.Region,
        };
        db.Organisations.Add(organisation);
        var owner = await seeder.CreateAccountAsync(company.OwnerEmail, company.OwnerName, platformRole: null);
        db.Memberships.Add(new Membership { OrganisationId = organisation.Id, UserId = owner.Id, Role = OrganisationRole.Owner });
        await db.SaveChangesAsync(cancellationToken);

        var id = organisation.Id;
        switch (company.Stage)
        {
            case TrackStage.Intake:
                {
                    Grant(id, supportId, adviserId, owner.Id, ConsentScope.ReadReports | ConsentScope.WorkOnPlan, startedDaysAgo: 6);
                    var track = Track(id, supportId, TrackStage.Intake, startedDaysAgo: 6, baselineRoundId: null, followUpInDays: null);
                    Milestones(track, startedDaysAgo: 6);
                    Hours(track, adviserId, [(6, 1m, "Kennismakingsgesprek met de eigenaar")]);
                    Note(track, adviserId, 6, "Eigenaar heeft de snelscan gedaan. Grootste zorg: nieuwe mensen blijven niet lang. Voorstel: teamscan in de komende maand.", internalToSupport: false);
                    break;
                }

            case TrackStage.TeamScan:
                {
                    Grant(id, supportId, adviserId, owner.Id, ConsentScope.ReadReports | ConsentScope.WorkOnPlan | ConsentScope.ManageRounds, startedDaysAgo: 30);
                    var round = NewRound(id, owner.Id, "Teamscan najaar", opensDaysAgo: 5, closesInDays: 16, expected: 60);
                    await seeder.SeedRoundAsync(round, DemoRounds.Responses(teamscan, 9, seed, shift: 0, "samen-leren", Departments), cancellationToken);
                    var track = Track(id, supportId, TrackStage.TeamScan, startedDaysAgo: 30, round.Id, followUpInDays: null);
                    Milestones(track, startedDaysAgo: 30);
                    Hours(track, adviserId, [(30, 1.5m, "Kennismaking"), (8, 2m, "Meting voorbereiden en poster ophangen")]);
                    break;
                }

            case TrackStage.ReportConversation:
                {
                    Grant(id, supportId, adviserId, owner.Id, ConsentScope.ReadReports, startedDaysAgo: 75);
                    var round = NewRound(id, owner.Id, "Teamscan", opensDaysAgo: 45, closesInDays: -20, expected: 40);
                    await seeder.SeedRoundAsync(round, DemoRounds.Responses(teamscan, 31, seed, shift: -0.2, "leidinggevende-als-coach", Departments), cancellationToken);
                    var track = Track(id, supportId, TrackStage.ReportConversation, startedDaysAgo: 75, round.Id, followUpInDays: null);
                    Milestones(track, startedDaysAgo: 75);
                    Hours(track, adviserId, [(75, 1.5m, "Kennismaking"), (50, 2m, "Meting voorbereiden"), (12, 2.5m, "Rapportgesprek met eigenaar en teamleiders")]);
                    break;
                }

            case TrackStage.ActionPlan:
                {
                    Grant(id, supportId, adviserId, owner.Id, ConsentScope.ReadReports | ConsentScope.WorkOnPlan | ConsentScope.RawAnswers, startedDaysAgo: 120);
                    var round = NewRound(id, owner.Id, "Teamscan voorjaar", opensDaysAgo: 90, closesInDays: -60, expected: 30);
                    await seeder.SeedRoundAsync(round, DemoRounds.Responses(teamscan, 22, seed, shift: 0.1, "organisatie-voor-ontwikkeling", Departments), cancellationToken);
                    var track = Track(id, supportId, TrackStage.ActionPlan, startedDaysAgo: 120, round.Id, followUpInDays: 120);
                    Milestones(track, startedDaysAgo: 120);
                    Hours(track, adviserId, [(118, 1.5m, "Kennismaking"), (92, 2m, "Meting voorbereiden"), (55, 2.5m, "Rapportgesprek"), (30, 3m, "Actieplan opstellen met het team")]);
                    var buddy = Step(id, round.Id, "buddy-voor-nieuwkomers", "Een buddy voor nieuwe collega's", "Ilse, planning", ActionStatus.Planned, startDaysAgo: 10, followUpInDays: 60);
                    Step(id, round.Id, "koffie-met-een-fout", "Koffie met een fout", "Mark", ActionStatus.Started, startDaysAgo: 25, followUpInDays: 30);
                    Step(id, round.Id, "opleidingsvoucher", "Een opleidingsvoucher gebruiken", "Mark", ActionStatus.Planned, startDaysAgo: -20, followUpInDays: 90);
                    db.Vouchers.Add(new Voucher
                    {
                        OrganisationId = id,
                        SupportOrganisationId = supportId,
                        Scheme = SectorBudget,
                        Purpose = "Cursus 'begeleiden op de werkvloer' voor twee buddy's",
                        ActionStepId = buddy.Id,
                        AmountRequested = 1_800m,
                        OwnContribution = 360m,
                        Status = VoucherStatus.Requested,
                        RequestedOn = today.AddDays(-12),
                    });
                    break;
                }

            default:
                {
                    // Close-out: the coordinator's company (no adviser named yet), with a baseline and a better follow-up.
                    Grant(id, supportId, adviserUserId: null, owner.Id, ConsentScope.ReadReports | ConsentScope.WorkOnPlan, startedDaysAgo: 330);
                    var baseline = NewRound(id, owner.Id, "Nulmeting", opensDaysAgo: 320, closesInDays: -300, expected: 45);
                    await seeder.SeedRoundAsync(baseline, DemoRounds.Responses(teamscan, 27, seed, shift: -0.3, "nieuwe-werkwijzen", Departments), cancellationToken);
                    var followUp = NewRound(id, owner.Id, "Vervolgmeting", opensDaysAgo: 30, closesInDays: -10, expected: 45);
                    await seeder.SeedRoundAsync(followUp, DemoRounds.Responses(teamscan, 29, seed + 1, shift: 0.15, "nieuwe-werkwijzen", Departments), cancellationToken);
                    var track = Track(id, supportId, TrackStage.CloseOut, startedDaysAgo: 330, baseline.Id, followUpInDays: -30);
                    track.FollowUpRoundId = followUp.Id;
                    Milestones(track, startedDaysAgo: 330);
                    Hours(track, coordinatorId, Enumerable.Range(0, 24).Select(i => (325 - (i * 13), 4m, i % 3 == 0 ? "Begeleiding teamleiders" : "Werkbezoek en gesprek")).ToList());
                    Step(id, baseline.Id, "leerpunt-in-werkoverleg", "Een leerpunt op elk werkoverleg", "Sanne", ActionStatus.Done, startDaysAgo: 280, followUpInDays: null);
                    Step(id, baseline.Id, "meelopen", "Meelopen met een collega", "Teamleiders", ActionStatus.Done, startDaysAgo: 250, followUpInDays: null);
                    Indicator(id, IndicatorKind.DevelopmentPlanShare, baseline: 15, target: 50, [(300, 15), (200, 31), (100, 44), (12, 52)]);
                    db.Vouchers.Add(new Voucher
                    {
                        OrganisationId = id,
                        SupportOrganisationId = supportId,
                        Scheme = LoketVoucher,
                        Purpose = "Training voor vier teamleiders",
                        AmountRequested = 3_000m,
                        AmountGranted = 3_000m,
                        AmountSpent = 2_850m,
                        OwnContribution = 600m,
                        Status = VoucherStatus.Accounted,
                        RequestedOn = today.AddDays(-290),
                        DecidedOn = today.AddDays(-270),
                        SpentOn = today.AddDays(-150),
                        AccountedOn = today.AddDays(-120),
                    });
                    break;
                }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private ConsentGrant Grant(Guid organisationId, Guid supportId, Guid? adviserUserId, Guid owner, ConsentScope scopes, int startedDaysAgo)
    {
        var grant = new ConsentGrant
        {
            OrganisationId = organisationId,
            SupportOrganisationId = supportId,
            AdviserUserId = adviserUserId,
            Scopes = scopes,
            EndsOn = today.AddDays(-startedDaysAgo).AddYears(1) < today.AddMonths(2) ? today.AddMonths(6) : today.AddDays(-startedDaysAgo).AddYears(1),
            GrantedByUserId = owner,
        };
        db.ConsentGrants.Add(grant);
        return grant;
    }

    private Track Track(Guid organisationId, Guid supportId, TrackStage stage, int startedDaysAgo, Guid? baselineRoundId, int? followUpInDays)
    {
        var track = new Track
        {
            OrganisationId = organisationId,
            SupportOrganisationId = supportId,
            Stage = stage,
            StartedOn = today.AddDays(-startedDaysAgo),
            CoachHoursBudget = 120m,
            BaselineRoundId = baselineRoundId,
            FollowUpDueOn = followUpInDays is { } days ? today.AddDays(days) : null,
        };
        db.Tracks.Add(track);
        return track;
    }

    /// <summary>One milestone per stage reached, spread evenly from the start of the track to today.</summary>
    private void Milestones(Track track, int startedDaysAgo)
    {
        var stages = Enum.GetValues<TrackStage>().Where(s => s <= track.Stage).ToList();
        for (var i = 0; i < stages.Count; i++)
        {
            db.TrackMilestones.Add(new TrackMilestone
            {
                OrganisationId = track.OrganisationId,
                TrackId = track.Id,
                Stage = stages[i],
                ReachedOn = today.AddDays(-startedDaysAgo + (startedDaysAgo * i / Math.Max(1, stages.Count))),
            });
        }
    }

    private void Hours(Track track, Guid loggedBy, IReadOnlyList<(int DaysAgo, decimal Hours, string Activity)> entries)
    {
        foreach (var (daysAgo, hours, activity) in entries)
        {
            db.CoachHours.Add(new CoachHoursEntry { OrganisationId = track.OrganisationId, TrackId = track.Id, On = today.AddDays(-daysAgo), Hours = hours, Activity = activity, LoggedByUserId = loggedBy });
        }
    }

    private void Note(Track track, Guid author, int daysAgo, string text, bool internalToSupport) =>
        db.TrackNotes.Add(new TrackNote { OrganisationId = track.OrganisationId, TrackId = track.Id, On = today.AddDays(-daysAgo), Text = text, InternalToSupport = internalToSupport, AuthorUserId = author });

    private ActionStep Step(Guid organisationId, Guid roundId, string slug, string title, string owner, ActionStatus status, int startDaysAgo, int? followUpInDays)
    {
        var step = new ActionStep
        {
            OrganisationId = organisationId,
            RoundId = roundId,
            InterventionSlug = slug,
            Title = title,
            Owner = owner,
            Status = status,
            StartOn = today.AddDays(-startDaysAgo),
            FollowUpOn = followUpInDays is { } days ? today.AddDays(days) : null,
        };
        db.ActionSteps.Add(step);
        return step;
    }

    private void Indicator(Guid organisationId, IndicatorKind kind, decimal baseline, decimal target, IReadOnlyList<(int DaysAgo, decimal Value)> measurements)
    {
        var indicator = new PlanIndicator
        {
            OrganisationId = organisationId,
            Kind = kind,
            Unit = IndicatorUnit.Percent,
            Baseline = baseline,
            BaselineOn = today.AddDays(-measurements[0].DaysAgo),
            Target = target,
            TargetOn = today.AddMonths(9),
        };
        db.PlanIndicators.Add(indicator);
        foreach (var (daysAgo, value) in measurements)
        {
            db.IndicatorMeasurements.Add(new IndicatorMeasurement { OrganisationId = organisationId, IndicatorId = indicator.Id, MeasuredOn = today.AddDays(-daysAgo), Value = value });
        }
    }

    private Round NewRound(Guid organisationId, Guid owner, string title, int opensDaysAgo, int closesInDays, int expected)
    {
        var closesOn = today.AddDays(closesInDays);
        return new Round
        {
            OrganisationId = organisationId,
            Code = Round.NewCode(),
            Title = title,
            InstrumentId = teamscan.Id,
            InstrumentVersion = teamscan.Version,
            InstrumentFingerprint = InstrumentFingerprint.Of(teamscan),
            OpensOn = today.AddDays(-opensDaysAgo),
            ClosesOn = closesOn,
            Roles = ["Employee", "Manager", "Hr", "Owner"],
            Departments = [.. Departments],
            Languages = ["nl", "en"],
            ExpectedRespondents = expected,
            AnonymityThreshold = 5,
            CreatedByUserId = owner,
            ClosedAtUtc = closesInDays < 0 ? closesOn.ToDateTime(new TimeOnly(23, 59), DateTimeKind.Utc) : null,
        };
    }
}

/// <summary>A demo company connected to the demo support organisation, at one stage of its track.</summary>
internal sealed record DemoCompany(
    string Name, string OwnerEmail, string OwnerName, string Sector, SizeClass Size, string Province, string Region, TrackStage Stage);
