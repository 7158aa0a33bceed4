using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Leerrijk.IntegrationTests.Features.Programmes;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Api;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Programmes;
using Leerrijk.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Api;

/// <summary>
/// Personal API tokens: made on their page and shown once, stored hashed, refused with the reason when malformed, unknown,
/// expired or revoked, bound to one organisation, never more than their person may, and each endpoint needs its scope.
/// </summary>
public sealed partial class ApiTokenTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static readonly ApiScope[] Scopes = [ApiScope.ReadReports, ApiScope.ReadPlans, ApiScope.ManageRounds, ApiScope.ReadProgrammeFigures];

    [Fact]
    public async Task A_token_made_on_its_page_is_shown_once_stored_hashed_works_shows_its_last_use_and_stops_when_revoked()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id, "Sleutelbedrijf");
        var round = await app.CreateRoundAsync(organisation.Id, owner.Id);
        var browser = await app.LoggedInClientAsync(owner.Email!);

        var created = await browser.PostFormFieldsAsync(
            "/account/api-sleutels?handler=Create",
            [("Input.Name", "Koppeling CRM"), ("Input.Home", "o:" + organisation.Id), ("Input.Scopes", "ReadReports"), ("Input.Scopes", "ReadPlans"), ("Input.Days", "90")],
            "/account/api-sleutels");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var shown = await browser.GetHtmlAsync("/account/api-sleutels");
        var token = TokenPattern().Match(shown).Value;
        Assert.StartsWith("lrk_", token, StringComparison.Ordinal);
        Assert.DoesNotContain(token, await browser.GetHtmlAsync("/account/api-sleutels"), StringComparison.Ordinal);

        var stored = await ReadAsync(db => db.ApiTokens.SingleAsync(t => t.UserId == owner.Id));
        Assert.Equal((organisation.Id, (Guid?)null, ApiScope.ReadReports | ApiScope.ReadPlans), (stored.OrganisationId!.Value, stored.SupportOrganisationId, stored.Scopes));
        Assert.DoesNotContain(token[^43..], stored.SecretHash, StringComparison.Ordinal);
        Assert.InRange(stored.ExpiresAtUtc - stored.CreatedAtUtc, TimeSpan.FromDays(89.9), TimeSpan.FromDays(90.1));
        Assert.Null(stored.LastUsedAtUtc);

        var api = Bearer(token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/rounds/{round.Id}/report")).StatusCode);
        Assert.NotNull((await ReadAsync(db => db.ApiTokens.SingleAsync(t => t.Id == stored.Id))).LastUsedAtUtc);
        Assert.DoesNotContain("nog nooit", await browser.GetHtmlAsync("/account/api-sleutels"), StringComparison.Ordinal);

        var revoked = await browser.PostFormAsync($"/account/api-sleutels?handler=Revoke&tokenId={stored.Id}", [], "/account/api-sleutels");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        await AssertRefusedAsync(await api.GetAsync($"/api/v1/rounds/{round.Id}/report"), HttpStatusCode.Unauthorized, "reason", "revoked");
    }

    [Fact]
    public async Task The_token_page_refuses_a_home_the_person_does_not_belong_to_no_scope_and_an_unknown_lifetime_and_revokes_only_own_tokens()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var stranger = await app.CreateUserAsync();
        var foreign = await app.CreateOrganisationAsync(stranger.Id);
        var browser = await app.LoggedInClientAsync(owner.Email!);

        var refused = await browser.PostFormFieldsAsync(
            "/account/api-sleutels?handler=Create",
            [("Input.Name", "x"), ("Input.Home", "o:" + foreign.Id), ("Input.Days", "7")],
            "/account/api-sleutels");
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Kies minstens één recht.", html, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Count(html, "Kies een waarde uit de lijst.")); // the foreign home and the 7 days, each in the summary and beside its field
        Assert.Equal(0, await ReadAsync(db => db.ApiTokens.CountAsync(t => t.UserId == owner.Id)));

        await app.TokenClientAsync(stranger.Email!, foreign.Id, null, ApiScope.ReadReports);
        var theirs = await ReadAsync(db => db.ApiTokens.SingleAsync(t => t.UserId == stranger.Id));
        var revoke = await browser.PostFormAsync($"/account/api-sleutels?handler=Revoke&tokenId={theirs.Id}", [], "/account/api-sleutels");
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Null((await ReadAsync(db => db.ApiTokens.SingleAsync(t => t.Id == theirs.Id))).RevokedAtUtc);
        Assert.Equal(organisation.Id, (await ReadAsync(db => db.Memberships.SingleAsync(m => m.UserId == owner.Id))).OrganisationId);
    }

    [Theory]
    [InlineData("lrk_kapot", "malformed")]
    [InlineData("lrk_0123456789abcdef0123456789abcdef_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "unknown")]
    public async Task A_malformed_or_unknown_token_gets_401_naming_the_reason(string token, string reason)
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        await AssertRefusedAsync(await Bearer(token).GetAsync($"/api/v1/organisations/{organisation.Id}/rounds"), HttpStatusCode.Unauthorized, "reason", reason);
    }

    [Fact]
    public async Task An_expired_token_gets_401_expired_and_a_token_with_a_changed_secret_401_unknown()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var expired = await app.TokenClientAsync(owner.Email!, organisation.Id, null, ApiScope.ReadReports, TimeSpan.FromSeconds(-1));
        await AssertRefusedAsync(await expired.GetAsync($"/api/v1/organisations/{organisation.Id}/rounds"), HttpStatusCode.Unauthorized, "reason", "expired");

        var valid = await app.TokenClientAsync(owner.Email!, organisation.Id, null, ApiScope.ReadReports);
        var text = valid.DefaultRequestHeaders.Authorization!.Parameter!;
        var tampered = text[..^1] + (text[^1] == 'A' ? 'B' : 'A');
        Assert.Equal(HttpStatusCode.OK, (await valid.GetAsync($"/api/v1/organisations/{organisation.Id}/rounds")).StatusCode);
        await AssertRefusedAsync(await Bearer(tampered).GetAsync($"/api/v1/organisations/{organisation.Id}/rounds"), HttpStatusCode.Unauthorized, "reason", "unknown");

        // A lockout of minutes after wrong passwords leaves the token working; an account locked for good does not.
        await ChangeAsync(db => db.Users.Where(u => u.Id == owner.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddMinutes(15))));
        Assert.Equal(HttpStatusCode.OK, (await valid.GetAsync($"/api/v1/organisations/{organisation.Id}/rounds")).StatusCode);
        await ChangeAsync(db => db.Users.Where(u => u.Id == owner.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.MaxValue)));
        await AssertRefusedAsync(await valid.GetAsync($"/api/v1/organisations/{organisation.Id}/rounds"), HttpStatusCode.Unauthorized, "reason", "account_disabled");
    }

    /// <summary>The scopes × endpoints matrix: each endpoint serves a token holding its scope and refuses every other scope with 403 naming it.</summary>
    [Fact]
    public async Task Every_endpoint_needs_exactly_its_scope()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var (coordinatorUser, support) = await app.CreateAdviserAsync(Leerrijk.Web.Features.Support.SupportRole.Coordinator);
        await app.LoggedInClientAsync(coordinatorUser.Email!); // two-step log-in set up, as the rule for support staff wants
        var programme = await app.ProgrammeAsync(support.Id);

        // (needed scope, home is the support organisation, request)
        var endpoints = new List<(ApiScope Scope, bool Support, Func<HttpRequestMessage> Request)>
        {
            (ApiScope.ReadReports, false, () => new(HttpMethod.Get, $"/api/v1/organisations/{organisation.Id}/rounds")),
            (ApiScope.ReadReports, false, () => new(HttpMethod.Get, $"/api/v1/rounds/{RoundOf(organisation.Id)}/report")),
            (ApiScope.ReadPlans, false, () => new(HttpMethod.Get, $"/api/v1/organisations/{organisation.Id}/plan")),
            (ApiScope.ManageRounds, false, () => new(HttpMethod.Post, $"/api/v1/organisations/{organisation.Id}/rounds") { Content = NewRound("leerrijk-teamscan") }),
            (ApiScope.ManageRounds, false, () => new(HttpMethod.Post, $"/api/v1/rounds/{RoundOf(organisation.Id)}/close")),
            (ApiScope.ReadReports, true, () => new(HttpMethod.Get, $"/api/v1/support/{support.Id}/caseload")),
            (ApiScope.ReadProgrammeFigures, true, () => new(HttpMethod.Get, $"/api/v1/programmes/{programme.Id}/figures")),
        };

        foreach (var scope in Scopes)
        {
            var company = await app.TokenClientAsync(owner.Email!, organisation.Id, null, scope);
            var supportToken = await app.TokenClientAsync(coordinatorUser.Email!, null, support.Id, scope);
            foreach (var (needed, onSupport, request) in endpoints)
            {
                await app.CreateRoundAsync(organisation.Id, owner.Id); // a fresh open round for the close endpoint
                var message = request();
                var response = await (onSupport ? supportToken : company).SendAsync(message);
                if (scope == needed)
                {
                    Assert.True(response.IsSuccessStatusCode, $"{message.Method} {message.RequestUri} with {scope} gave {(int)response.StatusCode}");
                }
                else
                {
                    await AssertRefusedAsync(response, HttpStatusCode.Forbidden, "requiredScope", ApiCaller.ScopeCode(needed));
                }
            }
        }
    }

    [Fact]
    public async Task A_token_works_only_in_its_own_organisation_and_never_beyond_its_persons_role()
    {
        var owner = await app.CreateUserAsync();
        var a = await app.CreateOrganisationAsync(owner.Id);
        var b = await app.CreateOrganisationAsync(owner.Id); // the same person owns both
        var roundOfB = await app.CreateRoundAsync(b.Id, owner.Id);
        var tokenForA = await app.TokenClientAsync(owner.Email!, a.Id, null, ApiScope.ReadReports | ApiScope.ManageRounds);
        await AssertRefusedAsync(await tokenForA.GetAsync($"/api/v1/organisations/{b.Id}/rounds"), HttpStatusCode.NotFound);
        await AssertRefusedAsync(await tokenForA.GetAsync($"/api/v1/rounds/{roundOfB.Id}/report"), HttpStatusCode.NotFound);
        await AssertRefusedAsync(await tokenForA.PostAsync($"/api/v1/rounds/{roundOfB.Id}/close", null), HttpStatusCode.NotFound);
        Assert.Null((await ReadAsync(db => db.Rounds.SingleAsync(r => r.Id == roundOfB.Id))).ClosedAtUtc);

        // A viewer's token with rounds:manage still may not do what a viewer may not.
        var viewer = await app.CreateUserAsync();
        await app.AddMemberAsync(a.Id, viewer.Id, Leerrijk.Web.Features.Organisations.OrganisationRole.Viewer);
        var viewerToken = await app.TokenClientAsync(viewer.Email!, a.Id, null, ApiScope.ManageRounds | ApiScope.ReadReports);
        Assert.Equal(HttpStatusCode.OK, (await viewerToken.GetAsync($"/api/v1/organisations/{a.Id}/rounds")).StatusCode);
        await AssertRefusedAsync(await viewerToken.PostAsync($"/api/v1/organisations/{a.Id}/rounds", NewRound("leerrijk-teamscan")), HttpStatusCode.Forbidden);

        // Someone who left the organisation: the token stays, the membership is gone, so nothing is found.
        await ChangeAsync(db => db.Memberships.Where(m => m.UserId == viewer.Id).ExecuteDeleteAsync());
        await AssertRefusedAsync(await viewerToken.GetAsync($"/api/v1/organisations/{a.Id}/rounds"), HttpStatusCode.NotFound);

        // A company's token is no key to a support organisation's caseload.
        var (_, support) = await app.CreateAdviserAsync();
        await AssertRefusedAsync(await tokenForA.GetAsync($"/api/v1/support/{support.Id}/caseload"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Changes_through_the_api_need_a_token_not_the_log_in_cookie()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var round = await app.CreateRoundAsync(organisation.Id, owner.Id);
        var browser = await app.LoggedInClientAsync(owner.Email!);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/api/v1/organisations/{organisation.Id}/rounds")).StatusCode);
        await AssertRefusedAsync(await browser.PostAsync($"/api/v1/rounds/{round.Id}/close", null), HttpStatusCode.Unauthorized);
        Assert.Null((await ReadAsync(db => db.Rounds.SingleAsync(r => r.Id == round.Id))).ClosedAtUtc);
    }

    [Fact]
    public async Task Opening_a_round_by_api_checks_what_the_page_checks_and_answers_in_plain_language()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var api = await app.TokenClientAsync(owner.Email!, organisation.Id, null, ApiScope.ManageRounds);
        var bad = await api.PostAsJsonAsync($"/api/v1/organisations/{organisation.Id}/rounds", new
        {
            instrumentId = "leerrijk-teamscan",
            title = "",
            opensOn = "2020-01-01",
            closesOn = "2019-12-01",
            roles = new[] { "Klant" },
            languages = new[] { "fr" },
            anonymityThreshold = 1,
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(
            ["anonymityThreshold", "closesOn", "languages", "opensOn", "roles", "title"],
            errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(0, await ReadAsync(db => db.Rounds.CountAsync(r => r.OrganisationId == organisation.Id)));

        var unknown = await api.PostAsJsonAsync($"/api/v1/organisations/{organisation.Id}/rounds", new { instrumentId = "bestaat-niet", title = "x" });
        Assert.True(JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("instrumentId", out _));
    }

    /// <summary>
    /// The integrator's path: open a round by API, list it, let people answer, close it by API, read the report and the plan.
    /// </summary>
    [Fact]
    public async Task An_integrator_opens_lists_and_closes_a_round_and_reads_its_report_and_the_plan()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var api = await app.TokenClientAsync(owner.Email!, organisation.Id, null, ApiScope.ManageRounds | ApiScope.ReadReports | ApiScope.ReadPlans);
        var today = ProgrammeTestData.Today;

        var opened = await api.PostAsJsonAsync($"/api/v1/organisations/{organisation.Id}/rounds", new
        {
            instrumentId = "leerrijk-teamscan",
            title = "Teamscan via CRM",
            opensOn = ProgrammeTestData.Day(today),
            closesOn = ProgrammeTestData.Day(today.AddDays(14)),
        });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var summary = JsonDocument.Parse(await opened.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("open", summary.GetProperty("status").GetString());
        var roundId = summary.GetProperty("id").GetGuid();

        var listed = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/organisations/{organisation.Id}/rounds")).RootElement;
        Assert.Equal([roundId], listed.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));

        var round = await ReadAsync(db => db.Rounds.SingleAsync(r => r.Id == roundId));
        await app.SeedResponsesAsync(round, 9, seed: 3, close: false);
        var closed = JsonDocument.Parse(await (await api.PostAsync($"/api/v1/rounds/{roundId}/close", null)).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("closed", 9), (closed.GetProperty("status").GetString(), closed.GetProperty("responses").GetInt32()));
        await app.Services.GetRequiredService<StatisticsFolder>().FoldAllAsync();

        // Opening and closing by API raise the same webhook events as the pages, in the same save.
        Assert.Equal(
            [Leerrijk.Web.Features.Webhooks.WebhookEventTypes.RoundOpened, Leerrijk.Web.Features.Webhooks.WebhookEventTypes.RoundClosed],
            await ReadAsync(db => db.WebhookEvents.Where(e => e.ObjectId == roundId).OrderBy(e => e.OccurredAtUtc).Select(e => e.Type).ToListAsync()));

        var report = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/rounds/{roundId}/report")).RootElement;
        Assert.Equal(9, report.GetProperty("respondents").GetInt32());
        var browser = await app.LoggedInClientAsync(owner.Email!);
        Assert.Equal(report.GetRawText(), JsonDocument.Parse(await browser.GetStringAsync($"/api/v1/rounds/{roundId}/report")).RootElement.GetRawText());

        await ChangeAsync(db =>
        {
            db.ActionSteps.Add(new Leerrijk.Web.Features.ActionPlan.ActionStep { OrganisationId = organisation.Id, Title = "Leervraag per week", RoundId = roundId });
            return db.SaveChangesAsync();
        });
        var plan = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/organisations/{organisation.Id}/plan")).RootElement;
        var step = Assert.Single(plan.GetProperty("steps").EnumerateArray());
        Assert.Equal(("Leervraag per week", "Planned", roundId), (step.GetProperty("title").GetString(), step.GetProperty("status").GetString(), step.GetProperty("roundId").GetGuid()));
    }

    [Fact]
    public async Task A_support_organisations_token_reads_its_caseload_and_reports_of_consenting_companies_only_and_each_read_is_logged()
    {
        var (adviser, support) = await app.CreateAdviserAsync();
        await app.LoggedInClientAsync(adviser.Email!);
        var owner = await app.CreateUserAsync();
        var sharing = await app.CreateOrganisationAsync(owner.Id, "Deelt wel");
        var silent = await app.CreateOrganisationAsync(owner.Id, "Deelt niet");
        var sharedRound = await app.CreateRoundAsync(sharing.Id, owner.Id);
        var silentRound = await app.CreateRoundAsync(silent.Id, owner.Id);
        var grant = await app.GrantAsync(sharing.Id, support.Id, adviser.Id, ConsentScope.ReadReports);
        var api = await app.TokenClientAsync(adviser.Email!, null, support.Id, ApiScope.ReadReports);

        var caseload = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/support/{support.Id}/caseload")).RootElement;
        Assert.Equal([sharing.Id], caseload.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("organisationId").GetGuid()));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/rounds/{sharedRound.Id}/report")).StatusCode);
        await AssertRefusedAsync(await api.GetAsync($"/api/v1/rounds/{silentRound.Id}/report"), HttpStatusCode.NotFound);
        Assert.Equal(1, await ReadAsync(db => db.AccessLog.CountAsync(e => e.OrganisationId == sharing.Id && e.UserId == adviser.Id)));

        // The company revokes: the very next call is refused.
        await ChangeAsync(db => db.ConsentGrants.Where(g => g.Id == grant.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.RevokedAtUtc, DateTime.UtcNow)));
        await AssertRefusedAsync(await api.GetAsync($"/api/v1/rounds/{sharedRound.Id}/report"), HttpStatusCode.NotFound);

        // Another support organisation's token, and a stranger's page size, are refused plainly.
        var (other, otherSupport) = await app.CreateAdviserAsync();
        await app.LoggedInClientAsync(other.Email!);
        var otherToken = await app.TokenClientAsync(other.Email!, null, otherSupport.Id, ApiScope.ReadReports);
        await AssertRefusedAsync(await otherToken.GetAsync($"/api/v1/support/{support.Id}/caseload"), HttpStatusCode.NotFound);
        await AssertRefusedAsync(await api.GetAsync($"/api/v1/support/{support.Id}/caseload?pageSize=5000"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Programme_figures_are_served_to_its_coordinators_token_as_published_and_to_nobody_else()
    {
        var coordinator = await app.CoordinatorAsync();
        var programme = await app.ProgrammeAsync(coordinator.Support.Id);
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProgrammeComputation>().ComputeAsync(programme.Id);
        }

        var api = await app.TokenClientAsync(coordinator.User.Email!, null, coordinator.Support.Id, ApiScope.ReadProgrammeFigures);
        var figures = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/programmes/{programme.Id}/figures")).RootElement;
        Assert.Equal(programme.Name, figures.GetProperty("name").GetString());
        Assert.NotEqual(JsonValueKind.Null, figures.GetProperty("data").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, figures.GetProperty("computedAtUtc").ValueKind);

        var other = await app.CoordinatorAsync();
        var otherToken = await app.TokenClientAsync(other.User.Email!, null, other.Support.Id, ApiScope.ReadProgrammeFigures);
        await AssertRefusedAsync(await otherToken.GetAsync($"/api/v1/programmes/{programme.Id}/figures"), HttpStatusCode.NotFound);
        await AssertRefusedAsync(await app.CreateBrowserClient().GetAsync($"/api/v1/programmes/{programme.Id}/figures"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint_and_the_reference_page_runs_its_scripts_under_a_nonce_only()
    {
        var client = app.CreateBrowserClient();
        var document = JsonDocument.Parse(await client.GetStringAsync("/api/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[]
                 {
                     "/api/v1/organisations/{orgId}/rounds", "/api/v1/rounds/{id}/close", "/api/v1/rounds/{id}/report", "/api/v1/organisations/{orgId}/plan",
                     "/api/v1/support/{supportId}/caseload", "/api/v1/programmes/{programmeId}/figures",
                 })
        {
            Assert.Contains(path, paths);
        }

        // Every operation shows an example of its success answer, and of its request body where it takes one.
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/v1/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var success = operation.Value.GetProperty("responses").EnumerateObject().First(r => r.Name.StartsWith('2'));
                Assert.True(success.Value.GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _), $"{operation.Name} {path.Name} has no example");
                if (operation.Value.TryGetProperty("requestBody", out var body))
                {
                    Assert.True(body.GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _), $"{operation.Name} {path.Name} has no request example");
                }
            }
        }

        var redirect = await client.GetAsync("/api");
        Assert.Equal("api/", redirect.Headers.Location?.OriginalString); // relative to /api, so it stays right behind a path prefix
        var page = await client.GetAsync("/api/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        var html = await page.Content.ReadAsStringAsync();
        var scripts = Regex.Matches(html, "<script[^>]*>").Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Contains($"nonce=\"{nonce}\"", s, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/scalar.js")).StatusCode);

        // Every other page keeps the strict policy.
        var home = await client.GetAsync("/");
        Assert.DoesNotContain("nonce", home.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private Guid RoundOf(Guid organisationId) =>
        ReadAsync(db => db.Rounds.Where(r => r.OrganisationId == organisationId && r.ClosedAtUtc == null).OrderByDescending(r => r.CreatedAtUtc).Select(r => r.Id).FirstAsync())
            .GetAwaiter().GetResult();

    private static JsonContent NewRound(string instrument) =>
        JsonContent.Create(new { instrumentId = instrument, title = "Via API", opensOn = ProgrammeTestData.Day(ProgrammeTestData.Today), closesOn = ProgrammeTestData.Day(ProgrammeTestData.Today.AddDays(7)) });

    private HttpClient Bearer(string token)
    {
        var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string? property = null, string? value = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        if (property is not null)
        {
            Assert.Equal(value, problem.GetProperty(property).GetString());
        }
    }

    private async Task<T> ReadAsync<T>(Func<LeerrijkDbContext, Task<T>> read)
    {
        using var scope = app.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>());
    }

    private async Task ChangeAsync(Func<LeerrijkDbContext, Task> change)
    {
        using var scope = app.Services.CreateScope();
        await change(scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>());
    }

    [GeneratedRegex("lrk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}")]
    private static partial Regex TokenPattern();
}
