using Leerrijk.Web.Data;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Communities;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Demo;

/// <summary>
/// The demo learning table: the demo leerwerkloket runs it, the adviser facilitates, four demo companies take part
/// (one of them without showing its name to the others), two sessions are behind it with notes, attendance, steps
/// tried at work and lessons, one lesson waits for the editor as a story proposal, and the next session is planned.
/// </summary>
internal sealed class DemoCommunity(LeerrijkDbContext db, DateOnly today)
{
    public const string Name = "Leertafel Inwerken Oost (demo)";

    public async Task SeedAsync(Guid mainOrganisationId, Guid mainOwner, CancellationToken cancellationToken)
    {
        var support = await db.SupportOrganisations.SingleAsync(s => s.Name == DemoSupport.SupportName, cancellationToken);
        var adviser = await db.Users.SingleAsync(u => u.Email == DemoSupport.AdviserEmail, cancellationToken);
        var community = new Community
        {
            Name = Name,
            Theme = "Nieuwe collega's goed inwerken en houden",
            Description = "Vier werkgevers uit de regio leren van elkaar hoe je nieuwe mensen snel thuis laat voelen. Elke deelnemer neemt een vraag uit het eigen bedrijf mee, probeert tussen de bijeenkomsten iets uit en vertelt de volgende keer wat het opleverde.",
            Kind = CommunityKind.LearningTable,
            ProvinceId = "overijssel",
            SupportOrganisationId = support.Id,
            StartsOn = today.AddDays(-35),
            EndsOn = today.AddDays(50),
            OpenForRequests = true,
            CreatedByUserId = adviser.Id,
            CreatedAtUtc = At(-35, 9),
        };
        db.Communities.Add(community);

        var facilitator = Member(community, adviser.Id, adviser.Email!, null, CommunityRole.Facilitator, showsIdentity: true, joinedDaysAgo: 35);
        var companies = new (string OwnerEmail, Guid? OrganisationId, bool Shows, string Question, string Need)[]
        {
            (DemoSeeder.Accounts[0].Email, mainOrganisationId, true,
                "Hoe zorgen we dat nieuwe monteurs na drie maanden nog bij ons werken?",
                "Waarom vertrekken mensen in de eerste maanden, en wat helpt in de eerste weken het meest?"),
            (DemoSupport.Companies[0].OwnerEmail, null, true,
                "Hoe leer je een nieuwe bakker het vak zonder dat de productie stilvalt?",
                "Wie kan wat overdragen, en hoeveel tijd kost meelopen echt?"),
            (DemoSupport.Companies[3].OwnerEmail, null, true,
                "Hoe maken we van ervaren vakmensen goede leermeesters?",
                "Wat heeft een leermeester nodig om uitleg te geven op de werkvloer?"),
            (DemoSupport.Companies[2].OwnerEmail, null, false,
                "Hoe houden we nieuwe collega's in de nachtdienst betrokken?",
                "Hoe geef je begeleiding als er 's nachts weinig ervaren mensen zijn?"),
        };
        var members = new List<CommunityMember>();
        for (var i = 0; i < companies.Length; i++)
        {
            var (email, organisationId, shows, question, need) = companies[i];
            var user = await db.Users.SingleAsync(u => u.Email == email, cancellationToken);
            var organisation = organisationId ?? await db.Memberships.Where(m => m.UserId == user.Id).Select(m => m.OrganisationId).FirstAsync(cancellationToken);
            var member = Member(community, user.Id, email, organisation, CommunityRole.Member, shows, joinedDaysAgo: 34 - i);
            member.InvitedByUserId = adviser.Id;
            (member.Question, member.NeedToKnow) = (question, need);
            members.Add(member);
        }

        var first = Session(community, -28, "Welkom en vragen delen. Ieder vertelt de eigen vraag; samen kiezen we wat we willen weten.",
            "Alle vier de vragen gaan over de eerste weken. Opvallend: niemand had een vast plan voor de eerste dag. Afgesproken: iedereen probeert één ding uit in de eerste week van een nieuwe collega.");
        var second = Session(community, -14, "Wat leverde het uitproberen op? Gast: een docent van het ROC over leermeesters.",
            "Het vaste eerste-dagplan werkte bij twee bedrijven direct. Meelopen kost meer tijd dan gedacht, maar nieuwe mensen stellen dan eerder vragen. Volgende stap: leermeesters een korte uitleg geven over hoe je iets voordoet.");
        var next = Session(community, 14, "Leermeesters: wat werkt er op de werkvloer? Ieder neemt één voorbeeld mee.", notes: null);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var (session, absent) in new[] { (first, -1), (second, 3) })
        {
            db.SessionAttendances.Add(new SessionAttendance { SessionId = session.Id, MemberId = facilitator.Id, Present = true });
            for (var i = 0; i < members.Count; i++)
            {
                db.SessionAttendances.Add(new SessionAttendance { SessionId = session.Id, MemberId = members[i].Id, Present = i != absent });
            }
        }

        // Steps tried at work land in each company's own plan, through the one rule for it.
        Try(members[0], first, "Vast plan voor de eerste dag van een nieuwe monteur", "Eva",
            "De nieuwe monteur wist vanaf het begin bij wie hij terecht kon. Hij zei na een week dat hij zich welkom voelde.", ActionStatus.Done);
        Try(members[1], first, "Nieuwe bakker loopt twee weken mee met een ervaren collega", "Bas",
            "Kost meer tijd dan gedacht, maar de nieuwe collega stelde veel eerder vragen.", ActionStatus.Started);
        Try(members[2], first, "Elke vrijdag tien minuten terugkijken met de nieuwe collega", "Mark",
            "Twee keer gedaan. Het helpt om kleine problemen vroeg te zien.", ActionStatus.Started);
        Try(members[3], first, "Een vaste buddy in de nachtdienst voor nieuwe collega's", "Zeynep", outcome: null, ActionStatus.Planned);
        Try(members[0], second, "Twee monteurs leren hoe je iets voordoet en laat nadoen", "Eva", outcome: null, ActionStatus.Planned);
        Try(members[2], second, "Leermeester krijgt een uur per week voor uitleg", "Mark", outcome: null, ActionStatus.Planned);

        var lesson = new CommunityLesson
        {
            CommunityId = community.Id,
            SessionId = second.Id,
            OrganisationId = mainOrganisationId,
            Text = "Een vast plan voor de eerste dag kost een uur voorbereiding en maakt het verschil: de nieuwe collega weet bij wie hij terecht kan.",
            RecordedByUserId = mainOwner,
            CreatedAtUtc = At(-14, 18),
        };
        db.CommunityLessons.Add(lesson);
        db.CommunityLessons.Add(new CommunityLesson
        {
            CommunityId = community.Id,
            SessionId = second.Id,
            Text = "Meelopen werkt beter als de ervaren collega weet wat hij moet laten zien. Een korte lijst helpt.",
            RecordedByUserId = adviser.Id,
            CreatedAtUtc = At(-14, 18),
        });
        await db.SaveChangesAsync(cancellationToken);
        var draft = LearningCycle.Propose(db, lesson, $"{Name}, les van {today.AddDays(-14):d-M-yyyy}",
            "Een vast plan voor de eerste dag", "Het installatiebedrijf maakte voor elke nieuwe monteur een plan voor de eerste dag: wie vangt hem op, met wie rijdt hij mee, wie is zijn vaste aanspreekpunt.",
            "De nieuwe monteur voelde zich na een week welkom en wist bij wie hij met vragen terecht kon. Het kostte een uur voorbereiding.", companyMayBeNamed: true, mainOwner);
        draft.CreatedAtUtc = At(-13, 9);
        await db.SaveChangesAsync(cancellationToken);
        await BreakfastAsync(cancellationToken);

        void Try(CommunityMember member, CommunitySession session, string title, string owner, string? outcome, ActionStatus status)
        {
            var step = LearningCycle.AddTry(db, member, title, session.Id, DateOnly.FromDateTime(session.StartsAtUtc), followUpOn: null, owner);
            (step.Outcome, step.Status, step.CreatedAtUtc) = (outcome, status, session.EndsAtUtc);
        }
    }

    /// <summary>
    /// A breakfast session of the demo fund with people from eight of its programme's sharing companies, so the
    /// programme monitor shows how many companies took part in a learning community. Their people have no log-in and no
    /// membership of the company: a membership would count as a reader inside it and raise its own report's threshold.
    /// </summary>
    private async Task BreakfastAsync(CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.SingleAsync(p => p.Name == DemoProgramme.ProgrammeName, cancellationToken);
        var manager = await db.Users.SingleAsync(u => u.Email == DemoProgramme.ManagerEmail, cancellationToken);
        var companies = await db.ProgrammeParticipants.Where(Programmes.ProgrammeParticipant.Sharing)
            .Where(p => p.ProgrammeId == programme.Id)
            .Join(db.Organisations, p => p.OrganisationId, o => o.Id, (p, o) => new { o.Id, o.Name, o.CreatedAtUtc })
            .OrderBy(o => o.Name).Take(8).ToListAsync(cancellationToken);
        var breakfast = new Community
        {
            Name = "Ontbijtsessie Techniek Oost (demo)",
            Theme = "Leren op de werkvloer in de techniek",
            Description = "Eigenaren uit de techniek ontbijten samen en vertellen elkaar wat werkte om leren op de werkvloer gewoon te maken.",
            Kind = CommunityKind.BreakfastSession,
            ProvinceId = "gelderland",
            SupportOrganisationId = programme.SupportOrganisationId,
            StartsOn = today.AddDays(-60),
            EndsOn = today.AddDays(120),
            CreatedByUserId = manager.Id,
            CreatedAtUtc = At(-60, 9),
        };
        db.Communities.Add(breakfast);
        Member(breakfast, manager.Id, manager.Email!, null, CommunityRole.Facilitator, showsIdentity: true, joinedDaysAgo: 60);
        for (var i = 0; i < companies.Count; i++)
        {
            var email = $"contact{i + 1}@ontbijt.demo.leerrijk.nl";
            var person = new Account.ApplicationUser
            {
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                DisplayName = $"Contactpersoon {i + 1}",
            };
            db.Users.Add(person);
            Member(breakfast, person.Id, email, companies[i].Id, CommunityRole.Member, showsIdentity: i % 2 == 0, joinedDaysAgo: 58);
        }

        var session = Session(breakfast, -40, "Ontbijt: wat werkte bij u om nieuwe mensen het vak te leren?", "Acht bedrijven vertelden wat werkte. Meelopen en een vaste leermeester werden het vaakst genoemd.");
        session.Place = "Demo Opleidingsfonds, Apeldoorn";
        await db.SaveChangesAsync(cancellationToken);
    }

    private CommunityMember Member(Community community, Guid userId, string email, Guid? organisationId, CommunityRole role, bool showsIdentity, int joinedDaysAgo)
    {
        var member = new CommunityMember
        {
            CommunityId = community.Id,
            UserId = userId,
            Email = email,
            OrganisationId = organisationId,
            Role = role,
            Status = MemberStatus.Active,
            ShowsIdentity = showsIdentity,
            CreatedAtUtc = At(-joinedDaysAgo - 1, 10),
            JoinedAtUtc = At(-joinedDaysAgo, 10),
        };
        db.CommunityMembers.Add(member);
        return member;
    }

    private CommunitySession Session(Community community, int days, string agenda, string? notes)
    {
        var session = new CommunitySession
        {
            CommunityId = community.Id,
            StartsAtUtc = At(days, 16),
            EndsAtUtc = At(days, 18),
            Place = "Leerwerkloket Demo-regio, Stationsplein 1, Hengelo",
            Agenda = agenda,
            Notes = notes,
            ReminderSentAtUtc = days < 0 ? At(days - 1, 16) : null,
            CreatedAtUtc = At(-30, 9),
        };
        db.CommunitySessions.Add(session);
        return session;
    }

    /// <summary>A Dutch wall-clock hour on a day relative to today, as UTC.</summary>
    private DateTime At(int days, int hour) =>
        TimeZoneInfo.ConvertTimeToUtc(today.AddDays(days).ToDateTime(new TimeOnly(hour, 0)), LocalizationSetup.DutchTime);
}
