using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Funding;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Programmes;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Features.Tracks;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Demo;

/// <summary>
/// The programme half of the demo: a sector fund runs "LeercultuurMKB Oost (demo)" with 36 generated companies across
/// sectors, sizes and regions, each with a baseline scan (team scan with the learning-climate module) and most with a
/// follow-up, plans, indicator measurements, coach hours and vouchers. Enough companies for every part of the monitor
/// and for norm groups to show at first log-in; the main demo company takes part too.
/// </summary>
internal sealed class DemoProgramme(DemoSeeder seeder, LeerrijkDbContext db, Instrument teamscan, Instrument module, DateOnly today)
{
    public const string FundName = "Demo Opleidingsfonds Techniek & Zorg";
    public const string ProgrammeName = "LeercultuurMKB Oost (demo)";
    public const string ManagerEmail = "programma@demo.leerrijk.nl";
    public const int GeneratedCompanies = 36;

    private const string FundVoucher = "Opleidingsfonds-voucher (demo)";

    private static readonly string[] Departments = ["Werkvloer", "Planning", "Kantoor"];

    /// <summary>Sector, size and a word for the name: many installers and builders (the fund's own sector), some others.</summary>
    private static readonly (string Sector, SizeClass Size, string Word)[] Profiles =
    [
        .. Enumerable.Repeat(("F", SizeClass.Medium, "Installatietechniek"), 10),
        .. Enumerable.Repeat(("F", SizeClass.Small, "Bouwbedrijf"), 4),
        .. Enumerable.Repeat(("C", SizeClass.Small, "Metaalbewerking"), 5),
        .. Enumerable.Repeat(("C", SizeClass.Medium, "Machinebouw"), 3),
        .. Enumerable.Repeat(("Q", SizeClass.Medium, "Zorgcentrum"), 5),
        .. Enumerable.Repeat(("H", SizeClass.Small, "Transport"), 5),
        .. Enumerable.Repeat(("G", SizeClass.Micro, "Groothandel"), 4),
    ];

    private static readonly (string Province, string Region, string Place)[] Places =
    [
        ("gelderland", "achterhoek", "Doetinchem"), ("overijssel", "twente", "Hengelo"), ("overijssel", "regio-zwolle", "Zwolle"),
        ("gelderland", "stedendriehoek-en-noordwest-veluwe", "Apeldoorn"), ("overijssel", "twente", "Almelo"), ("gelderland", "achterhoek", "Winterswijk"),
    ];

    public async Task SeedAsync(Guid mainOrganisationId, Guid mainOwner, CancellationToken cancellationToken)
    {
        var fund = new SupportOrganisation
        {
            Name = FundName,
            Kind = SupportKind.SectorFund,
            ProvinceIds = ["overijssel", "gelderland"],
            ContactEmail = "fonds@demo.leerrijk.nl",
        };
        db.SupportOrganisations.Add(fund);
        var programme = new Programme
        {
            SupportOrganisationId = fund.Id,
            Name = ProgrammeName,
            Description = "Vijftig mkb-bedrijven in Oost-Nederland maken leren op het werk gewoon: een scan, een eerste stap, begeleiding en na een jaar een vervolgmeting.",
            StartsOn = today.AddDays(-300),
            EndsOn = today.AddDays(430),
            ProvinceIds = ["overijssel", "gelderland"],
            InstrumentIds = [teamscan.Id, module.Id],
            TargetCompanies = 48,
            TargetBaselines = 44,
            TargetPlans = 40,
            TargetFollowUps = 36,
            TargetDevelopmentPlanPercent = 50m,
            TargetTrainedPercent = 33m,
        };
        db.Programmes.Add(programme);
        var manager = await db.Users.SingleAsync(u => u.Email == ManagerEmail, cancellationToken);
        db.ProgrammeManagers.Add(new ProgrammeManager { ProgrammeId = programme.Id, UserId = manager.Id });
        db.SchemeBudgets.Add(new SchemeBudget { SupportOrganisationId = fund.Id, Scheme = FundVoucher, Year = today.Year, Amount = 60_000m });
        db.ProgrammeParticipants.Add(Participant(programme.Id, mainOrganisationId, "eigenaar@demo.leerrijk.nl", joinedDaysAgo: 200, shares: true, pool: true, joinedBy: mainOwner));
        await db.SaveChangesAsync(cancellationToken);

        var random = new Random(20261203);
        for (var i = 0; i < GeneratedCompanies; i++)
        {
            await CompanyAsync(i, programme, fund.Id, manager.Id, random, cancellationToken);
        }

        // Invited and not (yet) joined, so the funnel starts wider than it ends.
        for (var i = 0; i < 7; i++)
        {
            var invitation = Participant(programme.Id, null, $"info@uitgenodigd{i + 1}.demo.leerrijk.nl", joinedDaysAgo: null, shares: false, pool: false, joinedBy: null);
            invitation.CompanyName = $"Uitgenodigd bedrijf {i + 1} (demo)";
            db.ProgrammeParticipants.Add(invitation);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task CompanyAsync(int i, Programme programme, Guid fundId, Guid managerId, Random random, CancellationToken cancellationToken)
    {
        var (sector, size, word) = Profiles[i % Profiles.Length];
        var (province, region, place) = Places[i % Places.Length];
        var organisation = new Organisation
        {
            Name = $"{word} {place} {i + 1} (demo)",
            SbiSection = sector,
            SizeClass = size,
            ProvinceId = province,
            LabourMarketRegionId = region,
        };
        db.Organisations.Add(organisation);

        // Two of the 36 share nothing with the programme (they count in the funnel only) and one left it again.
        var shares = i is not (7 or 23);
        var left = i == 30;
        var participant = Participant(programme.Id, organisation.Id, $"eigenaar@bedrijf{i + 1}.demo.leerrijk.nl", joinedDaysAgo: 280 - (i * 3), shares: shares, pool: shares && i != 11, joinedBy: null);
        participant.LeftAtUtc = left ? today.AddDays(-12).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc) : null;
        db.ProgrammeParticipants.Add(participant);
        await db.SaveChangesAsync(cancellationToken);

        var level = (random.NextDouble() - 0.5) * 0.7;
        var weak = teamscan.Dimensions[random.Next(teamscan.Dimensions.Count)].Id;
        var baseline = Round(organisation.Id, managerId, "Nulmeting", opensDaysAgo: 270 - i, closesDaysAgo: 245 - i);
        await seeder.SeedRoundAsync(baseline, Answers(random.Next(14, 25), seed: 7000 + i, level, weak), cancellationToken);

        // Most companies did their follow-up a year later, a little better on average, some not.
        if (i % 6 != 5)
        {
            var followUp = Round(organisation.Id, managerId, "Vervolgmeting", opensDaysAgo: 40 - (i % 10), closesDaysAgo: 20 - (i % 10));
            await seeder.SeedRoundAsync(followUp, Answers(random.Next(14, 25), seed: 8000 + i, level + 0.1 + (random.NextDouble() * 0.35), weak), cancellationToken);
        }

        if (i % 5 != 4)
        {
            db.ActionSteps.Add(new ActionStep
            {
                OrganisationId = organisation.Id,
                RoundId = baseline.Id,
                InterventionSlug = "leerpunt-in-werkoverleg",
                Title = "Een leerpunt op elk werkoverleg",
                Owner = "Leidinggevende",
                Status = i % 3 == 0 ? ActionStatus.Done : ActionStatus.Started,
                StartOn = today.AddDays(-200 + i),
            });
        }

        // The share of staff with a development plan is measured by most companies each quarter; the share trained
        // only early on, so the monitor shows "no new data" for it.
        if (i % 4 != 3)
        {
            var start = 15 + random.Next(0, 15);
            Indicator(organisation.Id, IndicatorKind.DevelopmentPlanShare, [(250, start), (160, start + 8 + random.Next(0, 8)), (70, start + 14 + random.Next(0, 12)), (10, start + 18 + random.Next(0, 14))]);
        }

        if (i % 3 == 0)
        {
            Indicator(organisation.Id, IndicatorKind.TrainedShare, [(250, 20 + random.Next(0, 10)), (160, 25 + random.Next(0, 12))]);
        }

        if (i % 2 == 0)
        {
            var track = new Track { OrganisationId = organisation.Id, SupportOrganisationId = fundId, Stage = TrackStage.Coaching, StartedOn = today.AddDays(-240), CoachHoursBudget = 24m, BaselineRoundId = baseline.Id };
            db.Tracks.Add(track);
            foreach (var (daysAgo, hours) in new[] { (230, 2m), (180, 3m), (90, 1.5m + (i % 3)) })
            {
                db.CoachHours.Add(new CoachHoursEntry { OrganisationId = organisation.Id, TrackId = track.Id, On = today.AddDays(-daysAgo), Hours = hours, Activity = "Begeleiding (demo)", LoggedByUserId = managerId });
            }
        }

        if (i % 3 != 2)
        {
            db.Vouchers.Add(new Voucher
            {
                OrganisationId = organisation.Id,
                SupportOrganisationId = fundId,
                Scheme = i % 4 == 1 ? "SLIM-regeling (mkb)" : FundVoucher,
                Purpose = "Training voor leidinggevenden (demo)",
                AmountRequested = 2_000m,
                AmountGranted = 1_500m + (i % 4 * 250m),
                Status = VoucherStatus.Granted,
                RequestedOn = today.AddDays(-150),
                DecidedOn = today.AddDays(-120),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private ProgrammeParticipant Participant(Guid programmeId, Guid? organisationId, string email, int? joinedDaysAgo, bool shares, bool pool, Guid? joinedBy) => new()
    {
        ProgrammeId = programmeId,
        OrganisationId = organisationId,
        Email = email,
        TokenHash = ConsentTokenless(),
        InvitedByUserId = Guid.Empty,
        CreatedAtUtc = today.AddDays(-(joinedDaysAgo ?? 20) - 5).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc),
        InvitationExpiresAtUtc = today.AddDays(-(joinedDaysAgo ?? 20) + 25).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc),
        JoinedAtUtc = joinedDaysAgo is { } days ? today.AddDays(-days).ToDateTime(new TimeOnly(11, 0), DateTimeKind.Utc) : null,
        JoinedByUserId = joinedBy,
        SharesResults = shares,
        InNormPool = pool,
        ChoicesChangedAtUtc = joinedDaysAgo is { } d ? today.AddDays(-d).ToDateTime(new TimeOnly(11, 0), DateTimeKind.Utc) : null,
    };

    /// <summary>A hash nobody holds the token of: demo invitations are not meant to be opened by link.</summary>
    private static string ConsentTokenless() => Consent.ConnectionRequest.HashToken(Consent.ConnectionRequest.NewToken());

    private Round Round(Guid organisationId, Guid createdBy, string title, int opensDaysAgo, int closesDaysAgo) => new()
    {
        OrganisationId = organisationId,
        Code = Rounds.Round.NewCode(),
        Title = title,
        InstrumentId = teamscan.Id,
        InstrumentVersion = teamscan.Version,
        InstrumentFingerprint = InstrumentFingerprint.Of(teamscan),
        ModuleId = module.Id,
        ModuleVersion = module.Version,
        ModuleFingerprint = InstrumentFingerprint.Of(module),
        OpensOn = today.AddDays(-opensDaysAgo),
        ClosesOn = today.AddDays(-closesDaysAgo),
        Roles = ["Employee", "Manager", "Hr", "Owner"],
        Departments = [.. Departments],
        Languages = ["nl", "en"],
        AnonymityThreshold = 5,
        CreatedByUserId = createdBy,
    };

    private IEnumerable<Responses.SubmittedResponse> Answers(int count, int seed, double level, string weak)
    {
        var moduleAnswers = DemoRounds.Responses(module, count, seed + 500, level, "", Departments).ToList();
        return DemoRounds.Responses(teamscan, count, seed, level, weak, Departments)
            .Select((r, n) => r with { ModuleAnswers = moduleAnswers[n].Answers });
    }

    private void Indicator(Guid organisationId, IndicatorKind kind, IReadOnlyList<(int DaysAgo, int Value)> measurements)
    {
        var indicator = new PlanIndicator
        {
            OrganisationId = organisationId,
            Kind = kind,
            Unit = IndicatorUnit.Percent,
            Baseline = measurements[0].Value,
            BaselineOn = today.AddDays(-measurements[0].DaysAgo),
            Target = kind == IndicatorKind.DevelopmentPlanShare ? 50 : 33,
            TargetOn = today.AddDays(430),
        };
        db.PlanIndicators.Add(indicator);
        foreach (var (daysAgo, value) in measurements)
        {
            db.IndicatorMeasurements.Add(new IndicatorMeasurement { OrganisationId = organisationId, IndicatorId = indicator.Id, MeasuredOn = today.AddDays(-daysAgo), Value = Math.Min(100, value) });
        }
    }
}
