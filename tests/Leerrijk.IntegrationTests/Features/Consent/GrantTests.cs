using System.Net;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Support;
using static Leerrijk.IntegrationTests.Features.Consent.ConsentTestData;

namespace Leerrijk.IntegrationTests.Features.Consent;

/// <summary>The owner's page: granting, changing and revoking consent, and what each does to the adviser's next request.</summary>
public sealed class GrantTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static string NewGrantPage(Company company, Guid supportId) => $"/o/{company.Id}/support/new?ondersteuner={supportId}";

    private static string GrantPage(Company company, Guid grantId) => $"/o/{company.Id}/support/{grantId}";

    private static Task<HttpResponseMessage> PostGrantAsync(Company company, Guid supportId, Guid? adviserId, DateOnly endsOn, params ConsentScope[] scopes) =>
        company.OwnerClient.PostFormFieldsAsync(
            NewGrantPage(company, supportId),
            [("Input.AdviserId", adviserId?.ToString() ?? ""), ("Input.EndsOn", Day(endsOn)), .. scopes.Select(s => ("Input.Scopes", s.ToString()))]);

    private static Task<HttpResponseMessage> PostUpdateAsync(Company company, Guid grantId, DateOnly endsOn, params ConsentScope[] scopes) =>
        company.OwnerClient.PostFormFieldsAsync(
            GrantPage(company, grantId) + "?handler=Update",
            [("Input.EndsOn", Day(endsOn)), .. scopes.Select(s => ("Input.Scopes", s.ToString()))],
            GrantPage(company, grantId));

    [Fact]
    public async Task The_owner_grants_on_the_page_the_adviser_reads_the_report_and_after_revoking_the_next_request_is_404()
    {
        var company = await app.CompanyWithReportAsync();
        var (adviser, support) = await app.CreateAdviserAsync();
        var adviserClient = await app.LoggedInClientAsync(adviser.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await adviserClient.GetAsync(company.ReportUrl)).StatusCode);

        var chooser = await company.OwnerClient.GetHtmlAsync($"/o/{company.Id}/support/new");
        Assert.Contains(support.Name, chooser, StringComparison.Ordinal);
        Assert.Contains("leerwerkloket – werkt in Gelderland, Achterhoek", chooser, StringComparison.Ordinal);
        Assert.Contains(adviser.DisplayName, await company.OwnerClient.GetHtmlAsync(NewGrantPage(company, support.Id)), StringComparison.Ordinal);

        var granted = await PostGrantAsync(company, support.Id, adviser.Id, Today.AddYears(1), ConsentScope.ReadReports);
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Equal(company.SupportPage, granted.Headers.Location!.OriginalString);
        var grant = Assert.Single(await app.GrantsOfAsync(company.Id));
        Assert.Equal((support.Id, adviser.Id, ConsentScope.ReadReports, Today.AddYears(1), company.Owner.Id), (grant.SupportOrganisationId, grant.AdviserUserId, grant.Scopes, grant.EndsOn, grant.GrantedByUserId));

        Assert.Equal(HttpStatusCode.OK, (await adviserClient.GetAsync(company.ReportUrl)).StatusCode);
        var overview = await company.OwnerClient.GetHtmlAsync(company.SupportPage);
        Assert.Contains(support.Name, overview, StringComparison.Ordinal);
        Assert.Contains($"{adviser.DisplayName}, en de coördinatoren van {support.Name}", overview, StringComparison.Ordinal);
        Assert.Contains("via dezelfde anonimiteitsregel als u", overview, StringComparison.Ordinal);
        Assert.Contains("De losse antwoorden (csv) deelt u niet", overview, StringComparison.Ordinal);
        Assert.Contains(">actief<", overview, StringComparison.Ordinal);

        // Without the confirmation's field the page asks first, and nothing changes.
        var asked = await company.OwnerClient.PostFormAsync(GrantPage(company, grant.Id) + "?handler=Revoke", new(), GrantPage(company, grant.Id));
        Assert.Equal($"{GrantPage(company, grant.Id)}?intrekken=ja", asked.Headers.Location!.OriginalString);
        Assert.Contains($"De verbinding met {support.Name} intrekken?", await company.OwnerClient.GetHtmlAsync(asked.Headers.Location.OriginalString), StringComparison.Ordinal);
        Assert.Null(Assert.Single(await app.GrantsOfAsync(company.Id)).RevokedAtUtc);
        Assert.Equal(HttpStatusCode.OK, (await adviserClient.GetAsync(company.ReportUrl)).StatusCode);

        var revoked = await company.OwnerClient.PostFormAsync(GrantPage(company, grant.Id) + "?handler=Revoke", new() { ["confirmed"] = "true" }, GrantPage(company, grant.Id));
        Assert.Equal(company.SupportPage, revoked.Headers.Location!.OriginalString);
        var stored = Assert.Single(await app.GrantsOfAsync(company.Id));
        Assert.NotNull(stored.RevokedAtUtc);
        Assert.Equal(company.Owner.Id, stored.RevokedByUserId);

        Assert.Equal(HttpStatusCode.NotFound, (await adviserClient.GetAsync(company.ReportUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adviserClient.GetAsync($"/o/{company.Id}")).StatusCode);
        var history = await company.OwnerClient.GetHtmlAsync(company.SupportPage);
        Assert.Contains(support.Name, history, StringComparison.Ordinal);
        Assert.Contains("ingetrokken op", history, StringComparison.Ordinal);
        Assert.DoesNotContain($"/support/{grant.Id}\"", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_scopes_takes_effect_on_the_very_next_request()
    {
        var company = await app.CompanyWithReportAsync();
        var (adviser, support) = await app.CreateAdviserAsync();
        var adviserClient = await app.LoggedInClientAsync(adviser.Email!);
        await PostGrantAsync(company, support.Id, adviser.Id, Today.AddMonths(6), ConsentScope.ReadReports);
        var grant = Assert.Single(await app.GrantsOfAsync(company.Id));
        var csv = company.ReportUrl + "?handler=Csv";
        var newRound = $"/o/{company.Id}/rounds/new";
        Assert.True(IsForbidden(await adviserClient.GetAsync(csv)));
        Assert.True(IsForbidden(await adviserClient.GetAsync(newRound)));

        var widened = await PostUpdateAsync(company, grant.Id, Today.AddMonths(3), ConsentScope.ReadReports, ConsentScope.RawAnswers, ConsentScope.ManageRounds);
        Assert.Equal(company.SupportPage, widened.Headers.Location!.OriginalString);
        Assert.False(IsForbidden(await adviserClient.GetAsync(csv)));
        Assert.Equal(HttpStatusCode.OK, (await adviserClient.GetAsync(newRound)).StatusCode);
        var stored = Assert.Single(await app.GrantsOfAsync(company.Id));
        Assert.Equal((ConsentScope.ReadReports | ConsentScope.RawAnswers | ConsentScope.ManageRounds, Today.AddMonths(3)), (stored.Scopes, stored.EndsOn));

        await PostUpdateAsync(company, grant.Id, Today.AddMonths(3), ConsentScope.ReadReports);
        Assert.True(IsForbidden(await adviserClient.GetAsync(csv)));
        Assert.True(IsForbidden(await adviserClient.GetAsync(newRound)));
        Assert.Equal(HttpStatusCode.OK, (await adviserClient.GetAsync(company.ReportUrl)).StatusCode);
    }

    [Fact]
    public async Task A_grant_holds_through_its_last_day_and_one_that_ended_yesterday_admits_nobody()
    {
        var company = await app.CompanyWithReportAsync();
        var (adviser, support) = await app.CreateAdviserAsync();
        var adviserClient = await app.LoggedInClientAsync(adviser.Email!);

        var grant = await app.GrantAsync(company.Id, support.Id, adviser.Id, ConsentScope.ReadReports, Today);
        Assert.Equal(HttpStatusCode.OK, (await adviserClient.GetAsync(company.ReportUrl)).StatusCode);

        await app.ChangeAsync(async db => (await db.ConsentGrants.FindAsync(grant.Id))!.EndsOn = Today.AddDays(-1));
        Assert.Equal(HttpStatusCode.NotFound, (await adviserClient.GetAsync(company.ReportUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adviserClient.GetAsync($"/o/{company.Id}")).StatusCode);

        var overview = await company.OwnerClient.GetHtmlAsync(company.SupportPage);
        Assert.Contains("afgelopen op", overview, StringComparison.Ordinal);

        // An ended grant is history: it cannot be changed back to life.
        var update = await PostUpdateAsync(company, grant.Id, Today.AddMonths(1), ConsentScope.ReadReports);
        Assert.Contains("Deze verbinding is voorbij", await update.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(Today.AddDays(-1), Assert.Single(await app.GrantsOfAsync(company.Id)).EndsOn);
        Assert.Equal(HttpStatusCode.NotFound, (await adviserClient.GetAsync(company.ReportUrl)).StatusCode);
    }

    [Fact]
    public async Task A_coordinator_is_admitted_without_being_named_and_another_adviser_of_the_same_organisation_is_not()
    {
        var company = await app.CompanyWithReportAsync();
        var support = await app.CreateSupportOrganisationAsync();
        var named = await app.CreateUserAsync();
        var colleague = await app.CreateUserAsync();
        var coordinator = await app.CreateUserAsync();
        await app.AddSupportMemberAsync(support.Id, named.Id, SupportRole.Adviser);
        await app.AddSupportMemberAsync(support.Id, colleague.Id, SupportRole.Adviser);
        await app.AddSupportMemberAsync(support.Id, coordinator.Id, SupportRole.Coordinator);

        await PostGrantAsync(company, support.Id, named.Id, Today.AddYears(1), ConsentScope.ReadReports);

        Assert.Equal(HttpStatusCode.OK, (await (await app.LoggedInClientAsync(named.Email!)).GetAsync(company.ReportUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.LoggedInClientAsync(coordinator.Email!)).GetAsync(company.ReportUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LoggedInClientAsync(colleague.Email!)).GetAsync(company.ReportUrl)).StatusCode);
    }

    [Fact]
    public async Task Without_a_named_adviser_only_coordinators_are_admitted()
    {
        var company = await app.CompanyWithReportAsync();
        var (adviser, support) = await app.CreateAdviserAsync();
        var coordinator = await app.CreateUserAsync();
        await app.AddSupportMemberAsync(support.Id, coordinator.Id, SupportRole.Coordinator);

        await PostGrantAsync(company, support.Id, null, Today.AddYears(1), ConsentScope.ReadReports);

        Assert.Null(Assert.Single(await app.GrantsOfAsync(company.Id)).AdviserUserId);
        Assert.Contains($"Alleen de coördinatoren van {support.Name} kunnen erbij", await company.OwnerClient.GetHtmlAsync(company.SupportPage), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await (await app.LoggedInClientAsync(coordinator.Email!)).GetAsync(company.ReportUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LoggedInClientAsync(adviser.Email!)).GetAsync(company.ReportUrl)).StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_explained_beside_the_field_and_stores_nothing()
    {
        var company = await app.CompanyWithReportAsync();
        var (adviser, support) = await app.CreateAdviserAsync();
        var (stranger, _) = await app.CreateAdviserAsync();

        await ExplainsAsync(await PostGrantAsync(company, support.Id, adviser.Id, Today.AddYears(1)), "Kies minstens één ding dat zij mogen.");
        await ExplainsAsync(await PostGrantAsync(company, support.Id, adviser.Id, Today.AddYears(1), ConsentScope.RawAnswers), "Losse antwoorden downloaden kan alleen samen met 'Rapporten en actieplan lezen'");
        await ExplainsAsync(await PostGrantAsync(company, support.Id, adviser.Id, Today.AddYears(1), ConsentScope.WorkOnPlan), "Kies ook 'Rapporten en actieplan lezen'");
        await ExplainsAsync(await PostGrantAsync(company, support.Id, adviser.Id, Today, ConsentScope.ReadReports), "Kies een einddatum na vandaag.");
        await ExplainsAsync(await PostGrantAsync(company, support.Id, adviser.Id, Today.AddDays(-3), ConsentScope.ReadReports), "Kies een einddatum na vandaag.");
        await ExplainsAsync(await PostGrantAsync(company, support.Id, adviser.Id, Today.AddYears(3).AddDays(1), ConsentScope.ReadReports), "Kies een einddatum tot en met");
        await ExplainsAsync(await PostGrantAsync(company, support.Id, stranger.Id, Today.AddYears(1), ConsentScope.ReadReports), "Kies een waarde uit de lijst.");
        await ExplainsAsync(await PostGrantAsync(company, Guid.NewGuid(), adviser.Id, Today.AddYears(1), ConsentScope.ReadReports), "Kies een ondersteuner uit de lijst.");
        var unknownScope = await company.OwnerClient.PostFormFieldsAsync(
            NewGrantPage(company, support.Id), [("Input.EndsOn", Day(Today.AddYears(1))), ("Input.Scopes", "ReadReports"), ("Input.Scopes", "64")]);
        Assert.Equal(HttpStatusCode.OK, unknownScope.StatusCode);
        var noDate = await company.OwnerClient.PostFormFieldsAsync(NewGrantPage(company, support.Id), [("Input.EndsOn", "morgen"), ("Input.Scopes", "ReadReports")]);
        Assert.Equal(HttpStatusCode.OK, noDate.StatusCode);
        Assert.Empty(await app.GrantsOfAsync(company.Id));

        // The last day three years ahead is still allowed, so the limit above is the limit and not a broken form.
        Assert.Equal(HttpStatusCode.Redirect, (await PostGrantAsync(company, support.Id, adviser.Id, Today.AddYears(3), ConsentScope.ReadReports)).StatusCode);
        var grant = Assert.Single(await app.GrantsOfAsync(company.Id));
        await ExplainsAsync(await PostGrantAsync(company, support.Id, adviser.Id, Today.AddYears(1), ConsentScope.ReadReports), "U bent al verbonden met");
        await ExplainsAsync(await PostUpdateAsync(company, grant.Id, Today.AddYears(1)), "Kies minstens één ding dat zij mogen.");
        await ExplainsAsync(await PostUpdateAsync(company, grant.Id, Today.AddYears(4), ConsentScope.ReadReports), "Kies een einddatum tot en met");
        var unchanged = Assert.Single(await app.GrantsOfAsync(company.Id));
        Assert.Equal((ConsentScope.ReadReports, Today.AddYears(3)), (unchanged.Scopes, unchanged.EndsOn));

        // Someone else's grant id is not found through one's own company.
        var other = await app.CompanyWithReportAsync();
        var foreign = await app.GrantAsync(other.Id, support.Id, adviser.Id, ConsentScope.ReadReports);
        Assert.Equal(HttpStatusCode.NotFound, (await company.OwnerClient.GetAsync(GrantPage(company, foreign.Id))).StatusCode);
        var foreignUpdate = await company.OwnerClient.PostFormFieldsAsync(
            GrantPage(company, foreign.Id) + "?handler=Update", [("Input.EndsOn", Day(Today.AddDays(2))), ("Input.Scopes", "ReadReports")], company.SupportPage);
        Assert.Equal(HttpStatusCode.NotFound, foreignUpdate.StatusCode);
        var foreignRevoke = await company.OwnerClient.PostFormAsync(GrantPage(company, foreign.Id) + "?handler=Revoke", new() { ["confirmed"] = "true" }, company.SupportPage);
        Assert.Equal(HttpStatusCode.NotFound, foreignRevoke.StatusCode);
        var untouched = Assert.Single(await app.GrantsOfAsync(other.Id));
        Assert.Equal((Today.AddYears(1), (DateTime?)null), (untouched.EndsOn, untouched.RevokedAtUtc));
    }

    [Fact]
    public async Task Only_the_owner_sees_and_changes_the_connections_not_hr_and_not_the_adviser()
    {
        var company = await app.CompanyWithReportAsync();
        var (adviser, support) = await app.CreateAdviserAsync();
        var grant = await app.GrantAsync(company.Id, support.Id, adviser.Id, ConsentRules.Every);
        var hr = await app.CreateUserAsync();
        await app.AddMemberAsync(company.Id, hr.Id, OrganisationRole.Hr);

        foreach (var client in new[] { await app.LoggedInClientAsync(hr.Email!), await app.LoggedInClientAsync(adviser.Email!) })
        {
            Assert.True(IsForbidden(await client.GetAsync(company.SupportPage)));
            Assert.True(IsForbidden(await client.GetAsync(GrantPage(company, grant.Id))));
            var token = await client.GetAntiforgeryTokenAsync($"/o/{company.Id}");
            var revoke = await client.PostAsync(
                GrantPage(company, grant.Id) + "?handler=Revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["confirmed"] = "true", ["__RequestVerificationToken"] = token }));
            Assert.True(IsForbidden(revoke));
            var create = await client.PostAsync(
                NewGrantPage(company, support.Id),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Scopes"] = "ReadReports", ["Input.EndsOn"] = Day(Today.AddYears(1)), ["__RequestVerificationToken"] = token }));
            Assert.True(IsForbidden(create));
        }

        var only = Assert.Single(await app.GrantsOfAsync(company.Id));
        Assert.Equal((ConsentRules.Every, (DateTime?)null), (only.Scopes, only.RevokedAtUtc));
    }
}
