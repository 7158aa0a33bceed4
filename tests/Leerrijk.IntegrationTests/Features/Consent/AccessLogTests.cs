using System.Net;
using System.Text.RegularExpressions;
using Leerrijk.IntegrationTests.Features.Organisations;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Organisations;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Leerrijk.IntegrationTests.Features.Consent.ConsentTestData;

namespace Leerrijk.IntegrationTests.Features.Consent;

/// <summary>"Who looked at what, when": every request admitted by consent is logged once, in words on the owner's page.</summary>
public sealed partial class AccessLogTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private async Task<List<AccessLogEntry>> LogOfAsync(Guid organisationId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        return await db.AccessLog.AsNoTracking().Where(e => e.OrganisationId == organisationId).OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task N_adviser_requests_to_N_company_pages_give_exactly_N_rows_with_their_routes_and_member_requests_give_none()
    {
        var company = await app.CompanyWithReportAsync();
        var (adviser, support) = await app.CreateAdviserAsync();
        var grant = await app.GrantAsync(company.Id, support.Id, adviser.Id, ConsentRules.Every);
        var adviserClient = await app.LoggedInClientAsync(adviser.Email!);
        var hr = await app.CreateUserAsync();
        await app.AddMemberAsync(company.Id, hr.Id, OrganisationRole.Hr);
        var hrClient = await app.LoggedInClientAsync(hr.Email!);
        var o = $"/o/{company.Id}";
        var round = $"{o}/rounds/{company.Round.Id}";
        (string Url, string Route, string Handler)[] visits =
        [
            (o, "o/{orgId:guid}", ""),
            ($"{o}/plan", "o/{orgId:guid}/plan", ""),
            ($"{o}/rounds", "o/{orgId:guid}/rounds", ""),
            ($"{o}/rounds/new", "o/{orgId:guid}/rounds/new", ""),
            (round, "o/{orgId:guid}/rounds/{roundId:guid}", ""),
            ($"{round}/report", "o/{orgId:guid}/rounds/{roundId:guid}/report", ""),
            ($"{round}/report?handler=Csv", "o/{orgId:guid}/rounds/{roundId:guid}/report", "Csv"),
            ($"{round}/report?handler=Xlsx", "o/{orgId:guid}/rounds/{roundId:guid}/report", "Xlsx"),
            ($"{round}/invitations", "o/{orgId:guid}/rounds/{roundId:guid}/invitations", ""),
            ($"/api/v1/rounds/{company.Round.Id}/report", "/api/v1/rounds/{id:guid}/report", ""),
        ];

        // Members' own requests are not consent and are not logged; neither is a request consent does not admit.
        foreach (var client in new[] { company.OwnerClient, hrClient })
        {
            foreach (var (url, _, _) in visits)
            {
                Assert.True((await client.GetAsync(url)).IsSuccessStatusCode || url.EndsWith("Csv", StringComparison.Ordinal), $"member GET {url}");
            }
        }

        Assert.True(IsForbidden(await adviserClient.GetAsync($"{o}/settings")));
        Assert.True(IsForbidden(await adviserClient.GetAsync(company.SupportPage)));
        Assert.Empty(await LogOfAsync(company.Id));

        foreach (var (url, _, _) in visits)
        {
            var response = await adviserClient.GetAsync(url);
            Assert.False(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Redirect, $"adviser GET {url} gave {(int)response.StatusCode}");
        }

        var log = await LogOfAsync(company.Id);
        Assert.Equal(visits.Length, log.Count);
        Assert.Equal(
            visits.Select(v => ("GET", v.Route, v.Handler, new Uri("http://x" + v.Url).AbsolutePath)),
            log.Select(e => (e.Method, e.Route, e.Handler, e.Path)));
        Assert.All(log, e => Assert.Equal((adviser.Id, support.Id, grant.Id), (e.UserId, e.SupportOrganisationId, e.GrantId)));

        // The owner reads them in words, newest first, with who and from where.
        var page = await company.OwnerClient.GetHtmlAsync(company.SupportPage);
        var rows = LogRow().Matches(page).Select(m => m.Groups["what"].Value.Trim()).ToList();
        Assert.Equal(visits.Length, rows.Count);
        Assert.Equal("bekeek het overzicht van het bedrijf", rows[^1]);
        Assert.Equal("las het rapport van meting 'Testmeting' via de API", rows[0]);
        Assert.Contains("bekeek het rapport van meting 'Testmeting'", rows);
        Assert.Contains("downloadde de losse antwoorden van meting 'Testmeting'", rows);
        Assert.Contains("downloadde het rapport van meting 'Testmeting' als Excel-bestand", rows);
        Assert.Contains($"{adviser.DisplayName} <span class=\"muted\">({support.Name})</span>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(rows, r => r.StartsWith('/'));
        Assert.Equal(visits.Length, (await LogOfAsync(company.Id)).Count);
    }

    [Fact]
    public void Every_route_that_admits_advisers_is_described_in_words_not_shown_as_its_path()
    {
        var pages = TenancyTests.OrganisationPages(app.Services)
            .SelectMany(p => TenancyTests.Handlers(p.ModelType).Select(h => (h.Method, p.Route, Handler: h.Handler ?? "", Scope: TenancyTests.AdviserScopeOf(p.ModelType, h.Method, h.Handler))))
            .Where(h => h.Scope is not null and not ConsentScope.None) // None: advisers never reach it, so it is never logged
            .Select(h => (h.Method, h.Route, h.Handler))
            .ToList();
        var api = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<OrganisationEndpoint>()?.AdviserScope is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Route: e.RoutePattern.RawText!, Handler: "")))
            .ToList();

        Assert.NotEmpty(pages);
        Assert.NotEmpty(api);
        Assert.DoesNotContain(pages.Concat(api), r => !AccessLogDescriptions.Describes(r.Method, r.Route, r.Handler));
    }

    [Fact]
    public async Task The_log_shows_fifty_rows_a_page_newest_first()
    {
        var company = await app.CompanyWithReportAsync();
        var (adviser, support) = await app.CreateAdviserAsync();
        var grant = await app.GrantAsync(company.Id, support.Id, adviser.Id, ConsentScope.ReadReports);
        var start = DateTime.UtcNow.AddDays(-1);
        await app.ChangeAsync(db =>
        {
            for (var i = 0; i < 120; i++)
            {
                db.AccessLog.Add(new AccessLogEntry
                {
                    OrganisationId = company.Id,
                    UserId = adviser.Id,
                    SupportOrganisationId = support.Id,
                    GrantId = grant.Id,
                    AtUtc = start.AddMinutes(i),
                    Method = "GET",
                    Route = "o/{orgId:guid}/unknown",
                    Path = $"/o/{company.Id}/oud-{i:000}",
                });
            }

            return Task.CompletedTask;
        });

        var first = LogRow().Matches(await company.OwnerClient.GetHtmlAsync(company.SupportPage)).Select(m => m.Groups["what"].Value.Trim()).ToList();
        var last = LogRow().Matches(await company.OwnerClient.GetHtmlAsync(company.SupportPage + "?pagina=3")).Select(m => m.Groups["what"].Value.Trim()).ToList();

        Assert.Equal(50, first.Count);
        Assert.Equal($"/o/{company.Id}/oud-119", first[0]);
        Assert.Equal($"/o/{company.Id}/oud-070", first[^1]);
        Assert.Equal(20, last.Count);
        Assert.Equal($"/o/{company.Id}/oud-000", last[^1]);
        Assert.Contains("Pagina 3 van 3", await company.OwnerClient.GetHtmlAsync(company.SupportPage + "?pagina=99"), StringComparison.Ordinal);
    }

    // A row of the log table: when, who, what.
    [GeneratedRegex(@"<tr>\s*<td>[^<]*</td>\s*<td>.*?</td>\s*<td>(?<what>[^<]*)</td>\s*</tr>", RegexOptions.Singleline)]
    private static partial Regex LogRow();
}
