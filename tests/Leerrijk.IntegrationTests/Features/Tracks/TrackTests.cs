using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Features.Tracks;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Tracks;

/// <summary>
/// The track page at /o/{org}/track: an adviser starts it, members read it, stages get dates, coach hours are checked,
/// internal notes stay with the support organisation, a stale save is told so, and the close-out compares two rounds
/// only where the anonymity rule shows both scores.
/// </summary>
public sealed partial class TrackTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static readonly DateOnly Today = LocalizationSetup.Today(TimeProvider.System);

    [Fact]
    public async Task An_adviser_starts_a_track_and_members_read_it_while_only_the_support_side_logs_hours()
    {
        var c = await ConnectedCompanyAsync();
        var adviser = await app.LoggedInClientAsync(c.AdviserEmail);

        var started = await StartAsync(adviser, c, Today.AddDays(-30));
        var again = await PostAsync(adviser, c, "Start", new() { ["Start.StartedOn"] = Iso(Today), ["Start.Budget"] = "120", ["Start.FirstStage"] = "Intake" });

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Uw organisatie heeft al een lopend traject met dit bedrijf", await again.TextAsync(), StringComparison.Ordinal);
        var track = await TrackOfAsync(c.OrganisationId);
        Assert.Equal((c.SupportId, 120m, TrackStage.Intake, Today.AddDays(-30)), (track.SupportOrganisationId, track.CoachHoursBudget, track.Stage, track.StartedOn));
        using (var scope = app.Services.CreateScope())
        {
            var milestone = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().TrackMilestones.SingleAsync(m => m.TrackId == track.Id);
            Assert.Equal((TrackStage.Intake, Today.AddDays(-30)), (milestone.Stage, milestone.ReachedOn));
        }

        // Every member reads it; HR and owners mark stages and choose rounds, but log no hours and start nothing.
        var viewerUser = await app.CreateUserAsync();
        await app.AddMemberAsync(c.OrganisationId, viewerUser.Id, OrganisationRole.Viewer);
        var viewer = await app.LoggedInClientAsync(viewerUser.Email!);
        var owner = await app.LoggedInClientAsync(c.OwnerEmail);
        var viewerPage = await viewer.GetHtmlAsync(Url(c));
        var ownerPage = await owner.GetHtmlAsync(Url(c));
        var adviserPage = await adviser.GetHtmlAsync(Url(c));

        Assert.Contains($"Traject met {c.SupportName}", viewerPage, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=", viewerPage, StringComparison.Ordinal);
        Assert.Contains("handler=Stage", ownerPage, StringComparison.Ordinal);
        Assert.Contains("handler=Save", ownerPage, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Hours", ownerPage, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.Budget\"", ownerPage, StringComparison.Ordinal);
        Assert.Contains("handler=Hours", adviserPage, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Start", adviserPage, StringComparison.Ordinal);

        var viewerMarks = await PostAsync(viewer, c, "Stage", new() { ["TrackId"] = track.Id.ToString(), ["Version"] = "0", ["Mark.Stage"] = "TeamScan", ["Mark.ReachedOn"] = Iso(Today) });
        var ownerLogs = await PostAsync(owner, c, "Hours", HoursFields(track.Id, "2"));
        var ownerStarts = await PostAsync(owner, c, "Start", new() { ["Start.StartedOn"] = Iso(Today), ["Start.Budget"] = "120", ["Start.FirstStage"] = "Intake" });
        AssertDenied(viewerMarks);
        AssertDenied(ownerLogs);
        AssertDenied(ownerStarts);

        // An adviser of the same support organisation who may only read reports reads the track, without controls.
        var reader = await app.CreateUserAsync();
        await app.AddSupportMemberAsync(c.SupportId, reader.Id, SupportRole.Adviser);
        await app.GrantAsync(c.OrganisationId, c.SupportId, reader.Id, ConsentScope.ReadReports);
        var readerClient = await app.LoggedInClientAsync(reader.Email!);
        var readerPage = await readerClient.GetHtmlAsync(Url(c));
        Assert.Contains($"Traject met {c.SupportName}", readerPage, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=", readerPage, StringComparison.Ordinal);
        AssertDenied((await PostAsync(readerClient, c, "Hours", HoursFields(track.Id, "2"), formPage: Url(c))));

        // Another support organisation's adviser, connected to the same company, does not see this organisation's track.
        var stranger = await app.CreateAdviserAsync();
        await app.GrantAsync(c.OrganisationId, stranger.Support.Id, stranger.User.Id, ConsentScope.ReadReports | ConsentScope.WorkOnPlan);
        var strangerClient = await app.LoggedInClientAsync(stranger.User.Email!);
        var strangerPage = await strangerClient.GetHtmlAsync(Url(c));
        Assert.DoesNotContain(c.SupportName, strangerPage, StringComparison.Ordinal);
        Assert.Contains("handler=Start", strangerPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerClient.GetAsync($"{Url(c)}?trackId={track.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(strangerClient, c, "Hours", HoursFields(track.Id, "2"))).StatusCode);

        using var check = app.Services.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        Assert.Equal(1, await db.Tracks.CountAsync(t => t.OrganisationId == c.OrganisationId));
        Assert.Equal(0, await db.CoachHours.CountAsync(h => h.TrackId == track.Id));
        Assert.Equal(1, await db.TrackMilestones.CountAsync(m => m.TrackId == track.Id));
    }

    [Fact]
    public async Task Stages_are_marked_with_a_date_between_the_start_and_today_and_bad_dates_change_nothing()
    {
        var c = await ConnectedCompanyAsync();
        var adviser = await app.LoggedInClientAsync(c.AdviserEmail);
        await StartAsync(adviser, c, Today.AddDays(-30));
        var track = await TrackOfAsync(c.OrganisationId);

        var marked = await MarkAsync(adviser, c, track.Id, 0, "TeamScan", Iso(Today.AddDays(-20)));
        var bad = new Dictionary<string, (string Stage, string Date)>
        {
            ["Deze datum ligt in de toekomst"] = ("ReportConversation", Iso(Today.AddDays(1))),
            ["Deze datum ligt voor de start van het traject"] = ("ReportConversation", Iso(Today.AddDays(-31))),
            ["geen geldige waarde"] = ("ReportConversation", "31-31-2026"),
            ["Vul een datum in."] = ("ReportConversation", ""),
            ["'Nope' is geen geldige waarde voor Fase."] = ("Nope", Iso(Today)),
        };
        foreach (var (message, (stage, date)) in bad)
        {
            var refused = await MarkAsync(adviser, c, track.Id, 1, stage, date);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, await refused.TextAsync(), StringComparison.Ordinal);
        }

        var undefined = await MarkAsync(adviser, c, track.Id, 1, "99", Iso(Today));
        Assert.Contains("Deze waarde is niet geldig.", await undefined.TextAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        track = await TrackOfAsync(c.OrganisationId);
        Assert.Equal((TrackStage.TeamScan, 1), (track.Stage, track.Version));
        Assert.Equal([(TrackStage.Intake, Today.AddDays(-30)), (TrackStage.TeamScan, Today.AddDays(-20))], await MilestonesAsync(track.Id));

        // The owner marks the report conversation; the page lists every stage with its day and marks the current one.
        var owner = await app.LoggedInClientAsync(c.OwnerEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await MarkAsync(owner, c, track.Id, 1, "ReportConversation", Iso(Today))).StatusCode);
        var page = Compact(await owner.GetHtmlAsync(Url(c)));
        Assert.Contains($"Teamscan – <span class=\"muted\">de medewerkers vullen de scan in</span> – bereikt op {Day(Today.AddDays(-20))}", page, StringComparison.Ordinal);
        Assert.Contains("<li aria-current=\"step\"><strong>Rapportgesprek</strong>", page, StringComparison.Ordinal);
        Assert.Contains("Actieplan – <span class=\"muted\">stappen kiezen en plannen</span> – nog niet bereikt", page, StringComparison.Ordinal);

        // A stage marked by mistake is cleared; close-out closes the track on its day.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(adviser, c, "ClearStage", new() { ["TrackId"] = track.Id.ToString(), ["Version"] = "2", ["Mark.Stage"] = "ReportConversation" })).StatusCode);
        Assert.Equal(TrackStage.TeamScan, (await TrackOfAsync(c.OrganisationId)).Stage);
        Assert.Equal(HttpStatusCode.Redirect, (await MarkAsync(adviser, c, track.Id, 3, "CloseOut", Iso(Today))).StatusCode);
        track = await TrackOfAsync(c.OrganisationId);
        Assert.Equal((TrackStage.CloseOut, Today, 4), (track.Stage, track.ClosedOn, track.Version));
    }

    [Fact]
    public async Task Coach_hours_refuse_negative_zero_absurd_and_malformed_amounts_and_accept_a_Dutch_decimal_comma()
    {
        var c = await ConnectedCompanyAsync();
        var adviser = await app.LoggedInClientAsync(c.AdviserEmail);
        await StartAsync(adviser, c, Today.AddDays(-10));
        var track = await TrackOfAsync(c.OrganisationId);

        var bad = new (string Hours, string Activity, string Message)[]
        {
            ("-1", "Gesprek", "Vul minstens een kwartier in (0,25). Nul of minder kan niet."),
            ("0", "Gesprek", "Vul minstens een kwartier in (0,25)."),
            ("25", "Gesprek", "Hoogstens 24 uur per regel."),
            ("abc", "Gesprek", "Vul het aantal uren in als getal, zoals 2 of 1,5."),
            ("1.000", "Gesprek", "Vul het aantal uren in als getal"),
            ("1,3", "Gesprek", "Vul de uren in kwartieren in"),
            ("", "Gesprek", "Vul het aantal uren in."),
            ("2", " ", "Schrijf op wat u deed."),
            ("2", new string('x', CoachHoursEntry.ActivityMaxLength + 1), "hoogstens 300 tekens"),
            ("2", "Gesprek\u202Eteg", "Activiteit"),
        };
        foreach (var (hours, activity, message) in bad)
        {
            var refused = await PostAsync(adviser, c, "Hours", HoursFields(track.Id, hours, activity: activity));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var html = await refused.TextAsync();
            Assert.Contains(message, html, StringComparison.Ordinal);
            Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        }

        var future = await PostAsync(adviser, c, "Hours", HoursFields(track.Id, "2", on: Today.AddDays(1)));
        Assert.Contains("Deze datum ligt in de toekomst", await future.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CoachHoursCountAsync(track.Id));

        var comma = await PostAsync(adviser, c, "Hours", HoursFields(track.Id, "1,5", activity: "Intakegesprek met de eigenaar"));
        var dot = await PostAsync(adviser, c, "Hours", HoursFields(track.Id, "0.75", activity: "Verslag schrijven"));

        Assert.Equal(HttpStatusCode.Redirect, comma.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, dot.StatusCode);
        using (var scope = app.Services.CreateScope())
        {
            var hours = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().CoachHours
                .Where(h => h.TrackId == track.Id).Select(h => new { h.Activity, h.Hours }).ToListAsync();
            Assert.Equal([("Intakegesprek met de eigenaar", 1.5m), ("Verslag schrijven", 0.75m)], hours.Select(h => (h.Activity, h.Hours)).OrderBy(h => h.Hours).Reverse());
        }

        // Going over budget is shown, not refused.
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(adviser, c, track.Id, 0, budget: "1")).StatusCode);
        var page = await (await app.LoggedInClientAsync(c.OwnerEmail)).GetHtmlAsync(Url(c));
        Assert.Contains("Gebruikt: 2,25 van 1 uur.", page, StringComparison.Ordinal);
        Assert.Contains("Let op: 1,25 uur meer gebruikt dan het budget.", page, StringComparison.Ordinal);
        Assert.Contains("Intakegesprek met de eigenaar", page, StringComparison.Ordinal);

        var budgets = new (string Budget, string Message)[]
        {
            ("-5", "Het budget ligt tussen 0 en 1000 uur."),
            ("1001", "Het budget ligt tussen 0 en 1000 uur."),
            ("1.000", "Gebruik geen punt voor duizendtallen."),
            ("veel", "Vul het budget in als getal"),
        };
        foreach (var (budget, message) in budgets)
        {
            var refused = await SaveAsync(adviser, c, track.Id, 1, budget: budget);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, await refused.TextAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(1m, (await TrackOfAsync(c.OrganisationId)).CoachHoursBudget);
    }

    [Fact]
    public async Task An_internal_note_is_shown_to_the_adviser_and_a_coordinator_and_never_to_the_company()
    {
        var c = await ConnectedCompanyAsync();
        var adviser = await app.LoggedInClientAsync(c.AdviserEmail);
        await StartAsync(adviser, c, Today.AddDays(-10));
        var track = await TrackOfAsync(c.OrganisationId);
        const string shared = "Gedeeld verslag: het team wil meelopen met collega's.";
        const string secret = "Intern verslag: de eigenaar twijfelt of hij de subsidie wil aanvragen.";

        Assert.Equal(HttpStatusCode.Redirect, (await NoteAsync(adviser, c, track.Id, shared, isInternal: false)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await NoteAsync(adviser, c, track.Id, secret, isInternal: true)).StatusCode);

        var coordinatorUser = await app.CreateUserAsync();
        await app.AddSupportMemberAsync(c.SupportId, coordinatorUser.Id, SupportRole.Coordinator);
        var coordinator = await app.LoggedInClientAsync(coordinatorUser.Email!);
        var hrUser = await app.CreateUserAsync();
        await app.AddMemberAsync(c.OrganisationId, hrUser.Id, OrganisationRole.Hr);
        var owner = await app.LoggedInClientAsync(c.OwnerEmail);
        var hr = await app.LoggedInClientAsync(hrUser.Email!);

        foreach (var support in new[] { adviser, coordinator })
        {
            var html = await support.GetHtmlAsync(Url(c));
            Assert.Contains(shared, html, StringComparison.Ordinal);
            Assert.Contains(secret, html, StringComparison.Ordinal);
            Assert.Contains($"Intern: alleen zichtbaar voor {c.SupportName}", html, StringComparison.Ordinal);
        }

        foreach (var member in new[] { owner, hr })
        {
            var raw = await (await member.GetAsync(Url(c))).Content.ReadAsStringAsync();
            var html = WebUtility.HtmlDecode(raw);
            Assert.Contains(shared, html, StringComparison.Ordinal);
            Assert.DoesNotContain("de subsidie wil aanvragen", html, StringComparison.Ordinal);
            Assert.DoesNotContain("subsidie", raw, StringComparison.Ordinal);
            Assert.DoesNotContain("Intern: alleen zichtbaar", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Note.Internal", html, StringComparison.Ordinal);
        }

        // A member cannot write an internal note, even with a hand-made form; a shared one is fine.
        AssertDenied((await NoteAsync(owner, c, track.Id, "Eigen geheim", isInternal: true)));
        Assert.Equal(HttpStatusCode.Redirect, (await NoteAsync(hr, c, track.Id, "Verslag van HR", isInternal: false)).StatusCode);
        var refused = await NoteAsync(owner, c, track.Id, " ", isInternal: false);
        Assert.Contains("Schrijf het verslag.", await refused.TextAsync(), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        var notes = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().TrackNotes.Where(n => n.TrackId == track.Id).ToListAsync();
        Assert.Equal([false, false, true], notes.Select(n => n.InternalToSupport).Order());
    }

    [Fact]
    public async Task A_second_save_with_an_old_version_is_told_the_track_changed_keeps_its_input_and_stores_nothing()
    {
        var c = await ConnectedCompanyAsync();
        var adviser = await app.LoggedInClientAsync(c.AdviserEmail);
        await StartAsync(adviser, c, Today.AddDays(-10));
        var track = await TrackOfAsync(c.OrganisationId);
        var coordinatorUser = await app.CreateUserAsync();
        await app.AddSupportMemberAsync(c.SupportId, coordinatorUser.Id, SupportRole.Coordinator);
        var coordinator = await app.LoggedInClientAsync(coordinatorUser.Email!);
        var first = Today.AddDays(90);
        var second = Today.AddDays(120);

        // Both read the form at version 0; the adviser saves first.
        Assert.Contains("name=\"Version\" value=\"0\"", await coordinator.GetHtmlAsync(Url(c)), StringComparison.Ordinal);
        var saved = await SaveAsync(adviser, c, track.Id, 0, due: first);
        var stale = await SaveAsync(coordinator, c, track.Id, 0, due: second, budget: "80");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var html = await stale.TextAsync();
        Assert.Contains("Iemand anders heeft dit traject net gewijzigd. Er is niets opgeslagen.", html, StringComparison.Ordinal);
        Assert.Contains($"Nu opgeslagen: fase Intake, budget 120 uur, vervolgmeting gepland op {Day(first)}.", html, StringComparison.Ordinal);
        Assert.Matches($"name=\"Input.FollowUpDueOn\"[^>]*value=\"{Iso(second)}\"", html);
        Assert.Matches("name=\"Input.Budget\"[^>]*value=\"80\"", html);
        track = await TrackOfAsync(c.OrganisationId);
        Assert.Equal((first, 120m, 1), (track.FollowUpDueOn!.Value, track.CoachHoursBudget, track.Version));

        // The form now carries the current version, so saving the kept input again goes through.
        var version = VersionField().Match(html).Groups[1].Value;
        Assert.Equal("1", version);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(coordinator, c, track.Id, 1, due: second, budget: "80")).StatusCode);
        track = await TrackOfAsync(c.OrganisationId);
        Assert.Equal((second, 80m, 2), (track.FollowUpDueOn!.Value, track.CoachHoursBudget, track.Version));

        // Marking a stage with the old version is told the same.
        var staleMark = await MarkAsync(adviser, c, track.Id, 1, "TeamScan", Iso(Today));
        Assert.Contains("Iemand anders heeft dit traject net gewijzigd", await staleMark.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(TrackStage.Intake, (await TrackOfAsync(c.OrganisationId)).Stage);
    }

    [Fact]
    public async Task Rounds_are_chosen_from_the_company_and_the_follow_up_must_start_after_the_baseline()
    {
        var c = await ConnectedCompanyAsync();
        var adviser = await app.LoggedInClientAsync(c.AdviserEmail);
        await StartAsync(adviser, c, Today.AddDays(-100));
        var track = await TrackOfAsync(c.OrganisationId);
        var early = await app.CreateRoundAsync(c.OrganisationId, c.OwnerId, r => (r.OpensOn, r.ClosesOn) = (Today.AddDays(-90), Today.AddDays(-80)));
        var late = await app.CreateRoundAsync(c.OrganisationId, c.OwnerId, r => (r.OpensOn, r.ClosesOn) = (Today.AddDays(-85), Today.AddDays(-70)));
        var foreign = await app.CreateRoundAsync();

        var overlapping = await SaveAsync(adviser, c, track.Id, 0, baseline: early.Id, followUp: late.Id);
        var same = await SaveAsync(adviser, c, track.Id, 0, baseline: early.Id, followUp: early.Id);
        var notOurs = await SaveAsync(adviser, c, track.Id, 0, baseline: foreign.Id);
        var tooLate = await SaveAsync(adviser, c, track.Id, 0, due: Today.AddDays(-100).AddYears(6));
        var tooEarly = await SaveAsync(adviser, c, track.Id, 0, due: Today.AddDays(-101));

        Assert.Contains("De vervolgmeting moet beginnen na het einde van de eerste meting", await overlapping.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("De vervolgmeting moet beginnen na het einde van de eerste meting", await same.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("Kies een waarde uit de lijst.", await notOurs.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("Kies een datum van", await tooLate.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("Kies een datum van", await tooEarly.TextAsync(), StringComparison.Ordinal);
        track = await TrackOfAsync(c.OrganisationId);
        Assert.Equal((null, null, 0), (track.BaselineRoundId, track.FollowUpRoundId, track.Version));

        // The owner chooses the rounds; the change waits until both are closed.
        var owner = await app.LoggedInClientAsync(c.OwnerEmail);
        var later = await app.CreateRoundAsync(c.OrganisationId, c.OwnerId, r => (r.OpensOn, r.ClosesOn) = (Today.AddDays(-75), Today.AddDays(5)));
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(owner, c, track.Id, 0, baseline: early.Id, followUp: later.Id)).StatusCode);
        track = await TrackOfAsync(c.OrganisationId);
        Assert.Equal((early.Id, later.Id, 120m), (track.BaselineRoundId!.Value, track.FollowUpRoundId!.Value, track.CoachHoursBudget));
        Assert.Contains("Als beide gesloten zijn, ziet u hier per onderwerp wat er veranderde.", await owner.GetHtmlAsync(Url(c)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_close_out_shows_the_change_where_both_scores_are_shown_and_says_why_a_hidden_dimension_cannot_be_compared()
    {
        var c = await ConnectedCompanyAsync();
        var adviser = await app.LoggedInClientAsync(c.AdviserEmail);
        await StartAsync(adviser, c, Today.AddDays(-120));
        var track = await TrackOfAsync(c.OrganisationId);
        var baseline = await app.CreateRoundAsync(c.OrganisationId, c.OwnerId, r => (r.Title, r.OpensOn, r.ClosesOn) = ("Nulmeting", Today.AddDays(-110), Today.AddDays(-100)));
        var followUp = await app.CreateRoundAsync(c.OrganisationId, c.OwnerId, r => (r.Title, r.OpensOn, r.ClosesOn) = ("Vervolgmeting", Today.AddDays(-20), Today.AddDays(-10)));
        string thinned;
        using (var scope = app.Services.CreateScope())
        {
            var instrument = scope.ServiceProvider.GetRequiredService<Leerrijk.Web.Features.Instruments.InstrumentCatalog>().Find(baseline.InstrumentId, baseline.InstrumentVersion)!;
            thinned = instrument.Dimensions[1].Id;
        }

        await app.SeedResponsesAsync(baseline, 30, seed: 21);

        // In the follow-up only three people answered the questions of one dimension: too few to show it.
        await app.SeedResponsesAsync(followUp, 30, seed: 22, dontKnow: (i, item) => i >= 3 && item.Dimension == thinned);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(adviser, c, track.Id, 0, baseline: baseline.Id, followUp: followUp.Id)).StatusCode);

        RoundReport before, after;
        using (var scope = app.Services.CreateScope())
        {
            var queries = scope.ServiceProvider.GetRequiredService<ReportQueries>();
            before = (await queries.BuildAsync(c.OrganisationId, baseline.Id, "nl", CancellationToken.None))!;
            after = (await queries.BuildAsync(c.OrganisationId, followUp.Id, "nl", CancellationToken.None))!;
        }

        var hidden = after.Dimensions.Single(d => d.Id == thinned);
        Assert.Null(hidden.Score);
        Assert.NotNull(before.Dimensions.Single(d => d.Id == thinned).Score);
        var owner = await app.LoggedInClientAsync(c.OwnerEmail);
        var page = Compact(await owner.GetHtmlAsync(Url(c)));

        Assert.Contains("Gemeten verandering", page, StringComparison.Ordinal);
        var shown = after.Dimensions.Where(d => d.Score is not null).ToList();
        Assert.NotEmpty(shown);
        foreach (var now in shown)
        {
            var then = before.Dimensions.Single(d => d.Id == now.Id).Score!.Value;
            var (b, f) = (Math.Round(then, MidpointRounding.AwayFromZero), Math.Round(now.Score!.Value, MidpointRounding.AwayFromZero));
            var row = $"<th scope=\"row\">{now.Name}</th><td>{b.ToString("0", Dutch)}</td><td>{f.ToString("0", Dutch)}</td><td>{(f - b).ToString("+0;-0;0", Dutch)}</td>";
            Assert.Contains(row, page, StringComparison.Ordinal);
        }

        Assert.DoesNotContain($"<th scope=\"row\">{hidden.Name}</th>", page, StringComparison.Ordinal);
        Assert.Contains($"<li>{hidden.Name}: te weinig antwoorden in de vervolgmeting om de score te tonen.</li>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follow_up_round_with_too_few_responses_compares_nothing_and_says_so()
    {
        var c = await ConnectedCompanyAsync();
        var adviser = await app.LoggedInClientAsync(c.AdviserEmail);
        await StartAsync(adviser, c, Today.AddDays(-120));
        var track = await TrackOfAsync(c.OrganisationId);
        var baseline = await app.CreateRoundAsync(c.OrganisationId, c.OwnerId, r => (r.OpensOn, r.ClosesOn) = (Today.AddDays(-110), Today.AddDays(-100)));
        var followUp = await app.CreateRoundAsync(c.OrganisationId, c.OwnerId, r => (r.OpensOn, r.ClosesOn) = (Today.AddDays(-20), Today.AddDays(-10)));
        await app.SeedResponsesAsync(baseline, 30, seed: 31);
        await app.SeedResponsesAsync(followUp, 4, seed: 32);
        await SaveAsync(adviser, c, track.Id, 0, baseline: baseline.Id, followUp: followUp.Id);

        var page = Compact(await adviser.GetHtmlAsync(Url(c)));

        Assert.Contains("De vervolgmeting had te weinig antwoorden om cijfers te tonen.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<th scope=\"col\">Verschil</th>", page, StringComparison.Ordinal);
        Assert.Contains("te weinig antwoorden om cijfers te tonen.</li>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_track_takes_hours_up_to_its_close_out_day_and_refuses_later_ones_saying_why()
    {
        var c = await ConnectedCompanyAsync();
        var adviser = await app.LoggedInClientAsync(c.AdviserEmail);
        await StartAsync(adviser, c, Today.AddDays(-60));
        var track = await TrackOfAsync(c.OrganisationId);
        await MarkAsync(adviser, c, track.Id, 0, "CloseOut", Iso(Today.AddDays(-10)));

        var late = await PostAsync(adviser, c, "Hours", HoursFields(track.Id, "2", on: Today.AddDays(-9)));
        var closingTalk = await PostAsync(adviser, c, "Hours", HoursFields(track.Id, "1,5", on: Today.AddDays(-10)));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains($"Dit traject is afgesloten op {Today.AddDays(-10).ToString("d", Dutch)}", await late.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, closingTalk.StatusCode);
        Assert.Equal(1, await CoachHoursCountAsync(track.Id));
    }

    [Fact]
    public async Task The_caseload_shows_hours_used_and_the_stage_of_each_companys_current_track()
    {
        var c = await ConnectedCompanyAsync();
        var other = await ConnectedCompanyAsync();
        var adviser = await app.LoggedInClientAsync(c.AdviserEmail);
        await StartAsync(adviser, c, Today.AddDays(-200));
        var closed = await TrackOfAsync(c.OrganisationId);
        await PostAsync(adviser, c, "Hours", HoursFields(closed.Id, "3"));
        await MarkAsync(adviser, c, closed.Id, 0, "CloseOut", Iso(Today.AddDays(-100)));
        await StartAsync(adviser, c, Today.AddDays(-50));
        Guid open;
        using (var scope = app.Services.CreateScope())
        {
            open = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Tracks.Where(t => t.OrganisationId == c.OrganisationId && t.ClosedOn == null).Select(t => t.Id).SingleAsync();
        }

        await PostAsync(adviser, c, "Hours", HoursFields(open, "1,5"));
        await PostAsync(adviser, c, "Hours", HoursFields(open, "2,25"));
        await MarkAsync(adviser, c, open, 0, "Coaching", Iso(Today));

        using var check = app.Services.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var adviserId = await db.Users.Where(u => u.Email == c.AdviserEmail).Select(u => u.Id).SingleAsync();
        var caseload = check.ServiceProvider.GetRequiredService<Caseload>();
        var rows = (await caseload.ReadAsync(new SupportMember(c.SupportId, adviserId, SupportRole.Adviser), CaseloadFilter.None, 1, null, "nl", CancellationToken.None)).Rows;

        // The open track is the current one: its stage and its own hours (3.75), not the closed track's 3 added in.
        var row = Assert.Single(rows);
        Assert.Equal(c.OrganisationId, row.OrganisationId);
        Assert.Equal((TrackStage.Coaching, 3.75m), (row.Stage!.Value, row.CoachHoursUsed));
        Assert.DoesNotContain(rows, r => r.OrganisationId == other.OrganisationId);
    }

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    private sealed record Company(Guid OrganisationId, Guid OwnerId, string OwnerEmail, Guid SupportId, string SupportName, string AdviserEmail);

    /// <summary>A company whose owner granted an adviser's support organisation reading and working on the plan.</summary>
    private async Task<Company> ConnectedCompanyAsync()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var (adviser, support) = await app.CreateAdviserAsync();
        await app.GrantAsync(organisation.Id, support.Id, adviser.Id, ConsentScope.ReadReports | ConsentScope.WorkOnPlan);
        return new Company(organisation.Id, owner.Id, owner.Email!, support.Id, support.Name, adviser.Email!);
    }

    /// <summary>Refused for who they are (403): the app sends people to the access-denied page.</summary>
    private static void AssertDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    private static string Url(Company c) => $"/o/{c.OrganisationId}/track";

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("d", Dutch);

    /// <summary>The HTML with the whitespace between tags and around text removed, so a row or list item reads as one string.</summary>
    private static string Compact(string html) => Whitespace().Replace(BetweenTags().Replace(html, "><"), " ");

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, Company c, string handler, Dictionary<string, string> fields, string? formPage = null) =>
        client.PostFormAsync($"{Url(c)}?handler={handler}", fields, formPage ?? Url(c));

    private static Task<HttpResponseMessage> StartAsync(HttpClient adviser, Company c, DateOnly on) =>
        PostAsync(adviser, c, "Start", new() { ["Start.StartedOn"] = Iso(on), ["Start.Budget"] = "120", ["Start.FirstStage"] = "Intake" });

    private static Task<HttpResponseMessage> MarkAsync(HttpClient client, Company c, Guid trackId, int version, string stage, string date) =>
        PostAsync(client, c, "Stage", new() { ["TrackId"] = trackId.ToString(), ["Version"] = version.ToString(CultureInfo.InvariantCulture), ["Mark.Stage"] = stage, ["Mark.ReachedOn"] = date });

    private static Task<HttpResponseMessage> SaveAsync(
        HttpClient client, Company c, Guid trackId, int version, DateOnly? due = null, string budget = "120", Guid? baseline = null, Guid? followUp = null) =>
        PostAsync(client, c, "Save", new()
        {
            ["TrackId"] = trackId.ToString(),
            ["Version"] = version.ToString(CultureInfo.InvariantCulture),
            ["Input.FollowUpDueOn"] = due is { } d ? Iso(d) : "",
            ["Input.Budget"] = budget,
            ["Input.BaselineRoundId"] = baseline?.ToString() ?? "",
            ["Input.FollowUpRoundId"] = followUp?.ToString() ?? "",
        });

    private static Task<HttpResponseMessage> NoteAsync(HttpClient client, Company c, Guid trackId, string text, bool isInternal)
    {
        var fields = new Dictionary<string, string> { ["TrackId"] = trackId.ToString(), ["Note.On"] = Iso(Today), ["Note.Text"] = text };
        if (isInternal)
        {
            fields["Note.Internal"] = "true";
        }

        return PostAsync(client, c, "Note", fields);
    }

    private static Dictionary<string, string> HoursFields(Guid trackId, string hours, string activity = "Gesprek", DateOnly? on = null) => new()
    {
        ["TrackId"] = trackId.ToString(),
        ["Hours.On"] = Iso(on ?? Today),
        ["Hours.Hours"] = hours,
        ["Hours.Activity"] = activity,
    };

    private async Task<Track> TrackOfAsync(Guid organisationId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Tracks.AsNoTracking().SingleAsync(t => t.OrganisationId == organisationId);
    }

    private async Task<List<(TrackStage, DateOnly)>> MilestonesAsync(Guid trackId)
    {
        using var scope = app.Services.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().TrackMilestones
            .Where(m => m.TrackId == trackId).Select(m => new { m.Stage, m.ReachedOn }).ToListAsync();
        return rows.OrderBy(m => m.Stage).Select(m => (m.Stage, m.ReachedOn)).ToList();
    }

    private async Task<int> CoachHoursCountAsync(Guid trackId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().CoachHours.CountAsync(h => h.TrackId == trackId);
    }

    [GeneratedRegex(@">\s+<")]
    private static partial Regex BetweenTags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();
}
