using System.Net;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Demo;

public sealed class DemoApp : LeerrijkAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Demo:Seed"] = "true" };
}

public sealed class DemoSeedTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task The_demo_owner_logs_in_and_sees_the_demo_organisation()
    {
        var client = await app.LoggedInClientAsync("eigenaar@demo.leerrijk.nl", DemoSeeder.Password);

        var html = await client.GetHtmlAsync("/organisations");

        Assert.Contains(DemoSeeder.OrganisationName, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_demo_account_can_log_in_and_only_the_admin_reaches_administration()
    {
        foreach (var account in DemoSeeder.Accounts)
        {
            var client = await app.LoggedInClientAsync(account.Email, DemoSeeder.Password);
            var admin = await client.GetAsync("/admin/users");
            var expected = account.PlatformRole == "Admin" ? HttpStatusCode.OK : HttpStatusCode.Redirect;
            Assert.True(admin.StatusCode == expected, $"{account.Email} on /admin/users gave {(int)admin.StatusCode}");
        }
    }

    [Fact]
    public async Task The_admin_grants_a_platform_role()
    {
        var user = await app.CreateUserAsync();
        var admin = await app.LoggedInClientAsync("admin@demo.leerrijk.nl", DemoSeeder.Password);

        var response = await admin.PostFormAsync("/admin/users", new() { ["userId"] = user.Id.ToString(), ["role"] = "ProgrammeManager", ["grant"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.True(await users.IsInRoleAsync((await users.FindByIdAsync(user.Id.ToString()))!, "ProgrammeManager"));
    }

    [Fact]
    public async Task The_demo_has_an_open_round_on_code_DEMO_and_a_closed_round_with_enough_responses_to_report()
    {
        var start = await app.CreateBrowserClient().GetAsync("/s/DEMO");
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Contains("Beginnen", await start.TextAsync(), StringComparison.Ordinal);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Leerrijk.Web.Data.LeerrijkDbContext>();
        var closed = await db.Rounds.SingleAsync(r => r.ClosedAtUtc != null && db.Organisations.Any(o => o.Id == r.OrganisationId && o.Name == DemoSeeder.OrganisationName));
        var responses = await db.Responses.Include(r => r.Answers).Where(r => r.RoundId == closed.Id).ToListAsync();
        Assert.Equal(DemoRounds.ClosedRoundRespondents, responses.Count);

        // Stored through the one submission path, which hashes what was sent to tell a replay from a conflict.
        Assert.All(responses, r => Assert.Matches("^[0-9a-f]{64}$", r.ContentHash));
        Assert.True(responses.Select(r => r.Department).Distinct().Count() >= 3);
        Assert.True(responses.Count(r => r.Role == "Manager") >= 5, "enough managers to compare with employees");
        Assert.All(responses, r => Assert.Equal(24, r.Answers.Count));
        Assert.All(responses.SelectMany(r => r.Answers), a => Assert.True(a.Value is null or (>= 1 and <= 5)));
    }

    [Fact]
    public async Task The_demo_owner_goes_from_the_reports_first_step_to_the_offers_that_pay_for_it_with_reasons_timing_and_sources()
    {
        // Issue 14's "done when": an owner in Gelderland with 60 staff in installation work.
        var client = await app.LoggedInClientAsync("eigenaar@demo.leerrijk.nl", DemoSeeder.Password);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Leerrijk.Web.Data.LeerrijkDbContext>();
        var closed = await db.Rounds.SingleAsync(r => r.ClosedAtUtc != null && db.Organisations.Any(o => o.Id == r.OrganisationId && o.Name == DemoSeeder.OrganisationName));

        var report = await client.GetHtmlAsync($"/o/{closed.OrganisationId}/rounds/{closed.Id}/report");
        var firstStep = System.Text.RegularExpressions.Regex.Match(report, "<a href=\"(/menukaart/[a-z0-9-]+)\">").Groups[1].Value;
        var step = await client.GetHtmlAsync(firstStep);
        var plan = await client.GetHtmlAsync($"/o/{closed.OrganisationId}/plan");

        Assert.StartsWith("/menukaart/", firstStep, StringComparison.Ordinal);
        var pay = step[step.IndexOf("id=\"hoe-betaal-ik\"", StringComparison.Ordinal)..];
        pay = pay[..pay.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains($"Het past bij {DemoSeeder.OrganisationName}, of misschien.", pay, StringComparison.Ordinal);
        var slim = pay[pay.IndexOf("aanbod-slim-regeling", StringComparison.Ordinal)..];
        slim = slim[..slim.IndexOf("</li>", StringComparison.Ordinal)];
        Assert.Contains("<span class=\"badge\">Past</span>", slim, StringComparison.Ordinal);
        Assert.Contains("U heeft 60 medewerkers: SLIM-regeling (mkb) is voor bedrijven tot 250.", slim, StringComparison.Ordinal);
        Assert.Contains("De laatste ronde die wij kennen sloot op", slim, StringComparison.Ordinal);
        Assert.Contains("Gecontroleerd op ", slim, StringComparison.Ordinal);
        Assert.Contains(">Bron: ", slim, StringComparison.Ordinal);
        Assert.Contains("Uw bedrijf zit in Gelderland: daar is dit aanbod.", pay, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/wegwijzer#aanbod-gelrepact\">Gelrepact</a>", plan, StringComparison.Ordinal); // a plan step names it
    }

    [Fact]
    public async Task The_demo_closed_round_has_a_complete_report_in_dutch_and_english()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Leerrijk.Web.Data.LeerrijkDbContext>();
        var closed = await db.Rounds.SingleAsync(r => r.ClosedAtUtc != null && db.Organisations.Any(o => o.Id == r.OrganisationId && o.Name == DemoSeeder.OrganisationName));
        var client = await app.LoggedInClientAsync("eigenaar@demo.leerrijk.nl", DemoSeeder.Password);

        var html = await client.GetHtmlAsync($"/o/{closed.OrganisationId}/rounds/{closed.Id}/report");

        Assert.Contains("Wat betekent dit voor uw bedrijf?", html, StringComparison.Ordinal);
        Assert.Contains("Scores per onderwerp", html, StringComparison.Ordinal);
        Assert.Contains("Per rol", html, StringComparison.Ordinal);
        Assert.Contains("Zien leidinggevenden en medewerkers het hetzelfde?", html, StringComparison.Ordinal);
        Assert.Contains("Wat mensen zelf schreven", html, StringComparison.Ordinal);
        Assert.Contains("Eerste stappen voor uw bedrijf", html, StringComparison.Ordinal);
        Assert.InRange(System.Text.RegularExpressions.Regex.Matches(html, "<strong><a href=\"/menukaart/").Count, 3, 5);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/o/{closed.OrganisationId}/rounds/{closed.Id}/report?handler=Xlsx")).StatusCode);
        var csv = await client.GetAsync($"/o/{closed.OrganisationId}/rounds/{closed.Id}/report?handler=Csv");

        var json = await client.GetStringAsync($"/api/v1/rounds/{closed.Id}/report?lang=en");
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal("Full", document.RootElement.GetProperty("status").GetString());

        // Raw rows come only when every cell of the shown breakdowns holds k' (ADR 0008); otherwise the page says why.
        var released = document.RootElement.GetProperty("rawRowsReleased").GetBoolean();
        Assert.Equal(released ? HttpStatusCode.OK : HttpStatusCode.Conflict, csv.StatusCode);
        Assert.True(released || html.Contains("De losse antwoorden (CSV) kunt u bij deze meting niet downloaden.", StringComparison.Ordinal));
        Assert.True(document.RootElement.GetProperty("dimensions").GetArrayLength() >= 6);
        Assert.Contains("Manager as coach", json, StringComparison.Ordinal);
        Assert.Contains("What people wrote themselves", await (await client.GetAsync($"/o/{closed.OrganisationId}/rounds/{closed.Id}/report?lang=en")).TextAsync(), StringComparison.Ordinal);
        Assert.Contains("Manager as coach", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_adviser_sees_a_caseload_of_consenting_companies_at_different_stages_and_the_coordinator_sees_all()
    {
        await app.Services.GetRequiredService<Leerrijk.Web.Features.Reports.StatisticsFolder>().FoldAllAsync();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Leerrijk.Web.Data.LeerrijkDbContext>();
        var support = await db.SupportOrganisations.SingleAsync(s => s.Name == "Leerwerkloket Demo-regio");
        var caseload = scope.ServiceProvider.GetRequiredService<Leerrijk.Web.Features.Support.Caseload>();
        var adviserId = await db.Users.Where(u => u.Email == "adviseur@demo.leerrijk.nl").Select(u => u.Id).SingleAsync();
        var coordinatorId = await db.Users.Where(u => u.Email == "coordinator@demo.leerrijk.nl").Select(u => u.Id).SingleAsync();

        var adviserRows = (await caseload.ReadAsync(new(support.Id, adviserId, Leerrijk.Web.Features.Support.SupportRole.Adviser), Leerrijk.Web.Features.Support.CaseloadFilter.None, 1, null, "nl", CancellationToken.None)).Rows;
        var coordinatorRows = (await caseload.ReadAsync(new(support.Id, coordinatorId, Leerrijk.Web.Features.Support.SupportRole.Coordinator), Leerrijk.Web.Features.Support.CaseloadFilter.None, 1, null, "nl", CancellationToken.None)).Rows;

        Assert.True(adviserRows.Count >= 5, $"the demo adviser follows {adviserRows.Count} companies");
        Assert.True(adviserRows.Select(r => r.Stage).Distinct().Count() >= 5, "the companies are at different stages");
        Assert.Equal(adviserRows.Count + 1, coordinatorRows.Count);
        Assert.Contains(adviserRows, r => r.Name == DemoSeeder.OrganisationName && r.CoachHoursUsed > 0 && r.LastRound is { Weakest.Count: 2 });
        Assert.Contains(adviserRows, r => r.OverdueSteps > 0);
        Assert.Contains(adviserRows, r => r.RoundOpen);

        var client = await app.LoggedInClientAsync("adviseur@demo.leerrijk.nl", DemoSeeder.Password);
        var html = await client.GetHtmlAsync($"/support/{support.Id}");
        Assert.Contains(DemoSeeder.OrganisationName, html, StringComparison.Ordinal);
        Assert.Contains("Demo Metaalbewerking Oost", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_programme_manager_sees_reach_change_breakdowns_national_reference_and_the_funder_report_and_the_demo_report_shows_its_norm_position()
    {
        // Issue 15's "done when".
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Leerrijk.Web.Data.LeerrijkDbContext>();
        var programme = await db.Programmes.SingleAsync(p => p.Name == "LeercultuurMKB Oost (demo)");
        var joined = await db.ProgrammeParticipants.Where(p => p.ProgrammeId == programme.Id).Where(Leerrijk.Web.Features.Programmes.ProgrammeParticipant.Active).CountAsync();
        var manager = await app.LoggedInClientAsync("programma@demo.leerrijk.nl", DemoSeeder.Password);

        var html = await manager.GetHtmlAsync($"/programma/{programme.Id}");
        Assert.Contains($"{joined} van {programme.TargetCompanies}", html, StringComparison.Ordinal);
        Assert.Matches("[+][0-9]+,[0-9]", html);                                  // a change since the baseline
        Assert.Contains("Vergeleken met heel Nederland", html, StringComparison.Ordinal);
        Assert.Contains("59%", html, StringComparison.Ordinal);                    // the national autonomy figure, with its source
        Assert.Contains("https://www.ser.nl/nl/Publicaties/monitor-leercultuur", html, StringComparison.Ordinal);
        Assert.Contains("Geen nieuwe gegevens", html, StringComparison.Ordinal);   // the trained share was measured early only

        var drill = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/programma/[^\"]+dimensie=[^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(drill);
        var breakdown = await manager.GetHtmlAsync(System.Net.WebUtility.HtmlDecode(drill));
        Assert.Contains("Per sector", breakdown, StringComparison.Ordinal);

        var pdf = await manager.GetAsync($"/programma/{programme.Id}?handler=Pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]), StringComparison.Ordinal);
        var xlsx = await manager.GetAsync($"/programma/{programme.Id}?handler=Xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);

        var owner = await app.LoggedInClientAsync("eigenaar@demo.leerrijk.nl", DemoSeeder.Password);
        var closed = await db.Rounds.SingleAsync(r => r.ClosedAtUtc != null && db.Organisations.Any(o => o.Id == r.OrganisationId && o.Name == DemoSeeder.OrganisationName));
        var report = await owner.GetHtmlAsync($"/o/{closed.OrganisationId}/rounds/{closed.Id}/report");
        Assert.Matches("u zit (in het laagste kwart|in de middelste helft|in het hoogste kwart|bij de hoogste 10|in de (onderste|bovenste) helft)", report);
        Assert.Contains("href=\"/normen\"", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_facilitator_runs_a_learning_table_whose_actions_land_in_the_companies_plans_and_whose_lesson_reaches_an_editor()
    {
        // Issue 16's "done when", through the pages, with the demo adviser as facilitator and two demo companies.
        Guid supportId, bakeryId, metalId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Leerrijk.Web.Data.LeerrijkDbContext>();
            supportId = await db.SupportOrganisations.Where(s => s.Name == "Leerwerkloket Demo-regio").Select(s => s.Id).SingleAsync();
            bakeryId = await db.Organisations.Where(o => o.Name == "Bakkerij Demo Brood & Banket").Select(o => o.Id).SingleAsync();
            metalId = await db.Organisations.Where(o => o.Name == "Demo Metaalbewerking Oost").Select(o => o.Id).SingleAsync();
        }

        var adviser = await app.LoggedInClientAsync("adviseur@demo.leerrijk.nl", DemoSeeder.Password);
        var today = Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(TimeProvider.System);
        string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var name = "Leertafel Vakmanschap " + Guid.NewGuid().ToString("N")[..6];
        var created = await adviser.PostFormAsync($"/support/{supportId}/leergemeenschappen/nieuw", new()
        {
            ["Input.Name"] = name,
            ["Input.Theme"] = "Vakmanschap doorgeven",
            ["Input.Kind"] = "LearningTable",
            ["Input.Description"] = "Samen leren.",
            ["Input.ProvinceId"] = "overijssel",
            ["Input.StartsOn"] = Iso(today),
            ["Input.EndsOn"] = Iso(today.AddDays(70)),
        }, $"/support/{supportId}/leergemeenschappen/nieuw");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var communityId = Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[2]);

        var owners = new[] { ("eigenaar.bakkerij@demo.leerrijk.nl", bakeryId), ("eigenaar.metaal@demo.leerrijk.nl", metalId) };
        var ownerClients = new List<HttpClient>();
        foreach (var (email, organisationId) in owners)
        {
            var invited = await adviser.PostFormAsync($"/leergemeenschap/{communityId}/leden?handler=Invite",
                new() { ["Input.Email"] = email, ["Input.Role"] = "Member", ["Input.Language"] = "nl" }, $"/leergemeenschap/{communityId}/leden");
            Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
            var link = MailOutbox.LinkIn(await app.Outbox.WaitForMessageToAsync(email, name), "/leergemeenschap-uitnodiging/");
            var owner = await app.LoggedInClientAsync(email, DemoSeeder.Password);
            var accepted = await owner.PostFormFieldsAsync(link.PathAndQuery + "?handler=Accept", [("Input.OrganisationId", organisationId.ToString()), ("Input.ShowsIdentity", "true")], link.PathAndQuery);
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
            ownerClients.Add(owner);
        }

        // A session, mailed with its calendar event; then moved to this morning, as a test cannot wait for it to start.
        var planned = await adviser.PostFormAsync($"/leergemeenschap/{communityId}/sessies/nieuw", new()
        {
            ["Input.Date"] = Iso(today.AddDays(7)),
            ["Input.StartTime"] = "16:00",
            ["Input.EndTime"] = "18:00",
            ["Input.Place"] = "Leerwerkloket, Hengelo",
            ["Input.Agenda"] = "Vragen delen",
        }, $"/leergemeenschap/{communityId}/sessies/nieuw");
        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        var invitation = await app.Outbox.WaitForMessageToAsync("eigenaar.bakkerij@demo.leerrijk.nl", name);
        Assert.Contains(invitation.Attachments, a => a.ContentType.MimeType == "text/calendar");
        Guid sessionId;
        List<Guid> memberIds;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Leerrijk.Web.Data.LeerrijkDbContext>();
            var session = await db.CommunitySessions.SingleAsync(s => s.CommunityId == communityId);
            (session.StartsAtUtc, session.EndsAtUtc) = (DateTime.UtcNow.AddHours(-3), DateTime.UtcNow.AddHours(-1));
            await db.SaveChangesAsync();
            sessionId = session.Id;
            memberIds = await db.CommunityMembers.Where(m => m.CommunityId == communityId && m.Role == Leerrijk.Web.Features.Communities.CommunityRole.Member).Select(m => m.Id).ToListAsync();
        }

        var sessionPage = $"/leergemeenschap/{communityId}/sessies/{sessionId}";
        var attendance = await adviser.PostFormFieldsAsync(sessionPage + "?handler=Attendance", memberIds.Select(id => ("Present", id.ToString())), sessionPage);
        Assert.Equal(HttpStatusCode.Redirect, attendance.StatusCode);

        // Each company agrees a step to try; it lands in that company's own action plan.
        var cycle = $"/leergemeenschap/{communityId}/cyclus";
        for (var i = 0; i < memberIds.Count; i++)
        {
            var tried = await adviser.PostFormAsync(cycle + "?handler=Try", new() { ["Try.MemberId"] = memberIds[i].ToString(), ["Try.Title"] = $"Uitproberen {i}: meelopen", ["Try.SessionId"] = sessionId.ToString() }, cycle);
            Assert.Equal(HttpStatusCode.Redirect, tried.StatusCode);
        }

        var bakeryPlan = await ownerClients[0].GetHtmlAsync($"/o/{bakeryId}/plan");
        var metalPlan = await ownerClients[1].GetHtmlAsync($"/o/{metalId}/plan");
        Assert.Contains(name, bakeryPlan, StringComparison.Ordinal);
        Assert.Contains(name, metalPlan, StringComparison.Ordinal);
        foreach (var step in new[] { "Uitproberen 0: meelopen", "Uitproberen 1: meelopen" })
        {
            // Each step is in exactly one of the two plans: its own company's.
            Assert.NotEqual(bakeryPlan.Contains(step, StringComparison.Ordinal), metalPlan.Contains(step, StringComparison.Ordinal));
        }

        // The bakery's lesson becomes a story proposal, which the demo editor finds.
        var lesson = await ownerClients[0].PostFormAsync(cycle + "?handler=Lesson", new() { ["Lesson.Text"] = "Meelopen werkt als je vooraf zegt wat je laat zien.", ["Lesson.SessionId"] = sessionId.ToString(), ["Lesson.FromOwnCompany"] = "true" }, cycle);
        Assert.Equal(HttpStatusCode.Redirect, lesson.StatusCode);
        Guid lessonId;
        using (var scope = app.Services.CreateScope())
        {
            lessonId = await scope.ServiceProvider.GetRequiredService<Leerrijk.Web.Data.LeerrijkDbContext>().CommunityLessons.Where(l => l.CommunityId == communityId).Select(l => l.Id).SingleAsync();
        }

        var proposed = await ownerClients[0].PostFormAsync(cycle + "?handler=Propose", new() { ["Proposal.LessonId"] = lessonId.ToString(), ["Proposal.Title"] = "Meelopen met een lijstje " + name, ["Proposal.What"] = "Vooraf een lijstje.", ["Proposal.Result"] = "Sneller zelfstandig.", ["Proposal.MayBeNamed"] = "true" }, cycle);
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var editor = await app.LoggedInClientAsync("redacteur@demo.leerrijk.nl", DemoSeeder.Password);
        var proposals = await editor.GetHtmlAsync("/verhalen/voorstellen");
        Assert.Contains("Meelopen met een lijstje " + name, proposals, StringComparison.Ordinal);
        Assert.Contains("Een vast plan voor de eerste dag", proposals, StringComparison.Ordinal);   // the demo table's own proposal
    }

    [Fact]
    public async Task The_demo_learning_table_shows_sessions_steps_and_privacy_and_the_programme_counts_communities()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Leerrijk.Web.Data.LeerrijkDbContext>();
        var table = await db.Communities.SingleAsync(c => c.Name == "Leertafel Inwerken Oost (demo)");
        var sessions = await db.CommunitySessions.Where(s => s.CommunityId == table.Id).ToListAsync();
        Assert.Equal(2, sessions.Count(s => s.StartsAtUtc < DateTime.UtcNow && s.Notes != null));
        Assert.Single(sessions, s => s.StartsAtUtc > DateTime.UtcNow);
        Assert.Equal(4, await db.CommunityMembers.CountAsync(m => m.CommunityId == table.Id && m.Role == Leerrijk.Web.Features.Communities.CommunityRole.Member));

        var owner = await app.LoggedInClientAsync("eigenaar@demo.leerrijk.nl", DemoSeeder.Password);
        var cycle = await owner.GetHtmlAsync($"/leergemeenschap/{table.Id}/cyclus");
        Assert.Contains("Bakkerij Demo Brood & Banket", cycle, StringComparison.Ordinal);
        Assert.DoesNotContain("Demo Zorggroep Het Anker", cycle, StringComparison.Ordinal);      // it did not agree to be shown
        Assert.Contains("Vast plan voor de eerste dag", cycle, StringComparison.Ordinal);
        var organisation = await db.Organisations.SingleAsync(o => o.Name == DemoSeeder.OrganisationName);
        Assert.Contains("Leertafel Inwerken Oost (demo)", await owner.GetHtmlAsync($"/o/{organisation.Id}/plan"), StringComparison.Ordinal);

        var programme = await db.Programmes.SingleAsync(p => p.Name == "LeercultuurMKB Oost (demo)");
        var manager = await app.LoggedInClientAsync("programma@demo.leerrijk.nl", DemoSeeder.Password);
        Assert.Matches("[0-9]+ bedrijven deden mee aan een leergemeenschap of leertafel", await manager.GetHtmlAsync($"/programma/{programme.Id}"));
        Assert.Contains("Leertafel Inwerken Oost (demo)", await app.CreateClient().GetStringAsync("/leergemeenschappen"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_owner_has_an_access_log_and_the_demo_has_vouchers_budgets_indicators_and_notes()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Leerrijk.Web.Data.LeerrijkDbContext>();
        var main = await db.Organisations.SingleAsync(o => o.Name == DemoSeeder.OrganisationName);

        Assert.True(await db.AccessLog.CountAsync(e => e.OrganisationId == main.Id) >= 3);
        Assert.True(await db.Vouchers.Select(v => v.Status).Distinct().CountAsync() >= 3);
        Assert.Equal(2, await db.SchemeBudgets.CountAsync(b => db.SupportOrganisations.Any(s => s.Id == b.SupportOrganisationId && s.Name == "Leerwerkloket Demo-regio")));
        Assert.True(await db.IndicatorMeasurements.CountAsync(m => m.OrganisationId == main.Id) >= 4);
        Assert.Contains(true, await db.TrackNotes.Select(n => n.InternalToSupport).Distinct().ToListAsync());
        Assert.Contains(false, await db.TrackNotes.Select(n => n.InternalToSupport).Distinct().ToListAsync());
    }
}
