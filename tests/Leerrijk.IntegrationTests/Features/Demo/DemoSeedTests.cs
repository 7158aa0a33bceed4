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
