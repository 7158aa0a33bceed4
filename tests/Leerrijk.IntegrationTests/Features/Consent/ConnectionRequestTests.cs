using System.Net;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Leerrijk.IntegrationTests.Features.Consent.ConsentTestData;

namespace Leerrijk.IntegrationTests.Features.Consent;

/// <summary>An adviser asks by e-mail; the owner opens the mailed link, chooses and accepts or declines.</summary>
public sealed class ConnectionRequestTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static string RequestPage(Guid supportId) => $"/support/{supportId}/connect";

    private static Task<HttpResponseMessage> AskAsync(
        HttpClient adviser, Guid supportId, string email, int months = 12, string language = "nl", string? company = null, params ConsentScope[] scopes) =>
        adviser.PostFormFieldsAsync(
            RequestPage(supportId),
            [("Input.Email", email), ("Input.CompanyName", company ?? ""), ("Input.Months", months.ToString(System.Globalization.CultureInfo.InvariantCulture)),
             ("Input.Language", language), .. scopes.Select(s => ("Input.Scopes", s.ToString()))]);

    /// <summary>The adviser asks the company's owner; returns the mailed link's path.</summary>
    private async Task<string> AskByMailAsync(HttpClient adviser, Guid supportId, string email, params ConsentScope[] scopes)
    {
        var sent = await AskAsync(adviser, supportId, email, months: 12, scopes: scopes.Length == 0 ? [ConsentScope.ReadReports] : scopes);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains($"Het verzoek is gestuurd naar {email}", await adviser.GetHtmlAsync(sent.Headers.Location!.OriginalString), StringComparison.Ordinal);
        var mail = await app.Outbox.WaitForMessageToAsync(email);
        return MailOutbox.LinkIn(mail, "/connect/").PathAndQuery;
    }

    private static Task<HttpResponseMessage> AcceptAsync(HttpClient owner, string link, Guid? organisationId, DateOnly endsOn, params ConsentScope[] scopes) =>
        owner.PostFormFieldsAsync(
            link + (link.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=Accept",
            [("Input.OrganisationId", organisationId?.ToString() ?? ""), ("Input.EndsOn", Day(endsOn)), .. scopes.Select(s => ("Input.Scopes", s.ToString()))],
            "/organisations");

    private async Task<ConnectionRequest> RequestToAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().ConnectionRequests.AsNoTracking().SingleAsync(r => r.Email == email);
    }

    [Fact]
    public async Task The_adviser_asks_by_mail_and_the_owner_accepts_fewer_scopes_for_a_shorter_period()
    {
        var company = await app.CompanyWithReportAsync();
        var (adviser, support) = await app.CreateAdviserAsync();
        var adviserClient = await app.LoggedInClientAsync(adviser.Email!);

        var sent = await AskAsync(
            adviserClient, support.Id, company.Owner.Email!, months: 6, company: "Bakkerij de Korenbloem",
            scopes: [ConsentScope.ReadReports, ConsentScope.WorkOnPlan, ConsentScope.RawAnswers]);
        Assert.Equal(RequestPage(support.Id), sent.Headers.Location!.OriginalString);

        // The real mail: Dutch by default, who asks, each scope in plain words, the period and the link.
        var mail = await app.Outbox.WaitForMessageToAsync(company.Owner.Email!, support.Name);
        Assert.Equal($"{support.Name} vraagt of u uw bedrijf in Leerrijk wilt verbinden", mail.Subject);
        Assert.Contains($"{adviser.DisplayName} van {support.Name}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Het gaat om: Bakkerij de Korenbloem.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("voor 6 maanden", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("- Rapporten en actieplan lezen:", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("- Losse antwoorden downloaden:", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Metingen regelen", mail.TextBody, StringComparison.Ordinal);
        var link = MailOutbox.LinkIn(mail, "/connect/");
        var token = link.AbsolutePath["/connect/".Length..];
        var request = await RequestToAsync(company.Owner.Email!);
        Assert.Equal(ConnectionRequest.HashToken(token), request.TokenHash);
        Assert.DoesNotContain(token, request.TokenHash, StringComparison.Ordinal);
        Assert.Contains(company.Owner.Email!, await adviserClient.GetHtmlAsync(RequestPage(support.Id)), StringComparison.Ordinal);

        // Anonymous visitors log in first and come back to the request.
        var anonymous = await app.CreateBrowserClient().GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal($"/Account/Login?ReturnUrl={Uri.EscapeDataString(link.PathAndQuery)}", anonymous.Headers.Location!.PathAndQuery);

        var page = await company.OwnerClient.GetHtmlAsync(link.PathAndQuery);
        Assert.Contains($"{adviser.DisplayName} van {support.Name} (leerwerkloket) vraagt toegang", page, StringComparison.Ordinal);
        Assert.Contains(company.Organisation.Name, page, StringComparison.Ordinal);
        Assert.Contains("via dezelfde anonimiteitsregel als u", page, StringComparison.Ordinal);

        var accepted = await AcceptAsync(company.OwnerClient, link.PathAndQuery, company.Id, Today.AddMonths(3), ConsentScope.ReadReports, ConsentScope.WorkOnPlan);
        Assert.Equal(company.SupportPage, accepted.Headers.Location!.OriginalString);
        var grant = Assert.Single(await app.GrantsOfAsync(company.Id));
        Assert.Equal(
            (support.Id, adviser.Id, ConsentScope.ReadReports | ConsentScope.WorkOnPlan, Today.AddMonths(3), company.Owner.Id, (DateTime?)null),
            (grant.SupportOrganisationId, grant.AdviserUserId, grant.Scopes, grant.EndsOn, grant.GrantedByUserId, grant.RevokedAtUtc));
        request = await RequestToAsync(company.Owner.Email!);
        Assert.NotNull(request.AcceptedAtUtc);
        Assert.Equal(grant.Id, request.GrantId);

        Assert.Equal(HttpStatusCode.OK, (await adviserClient.GetAsync(company.ReportUrl)).StatusCode);
        Assert.True(IsForbidden(await adviserClient.GetAsync(company.ReportUrl + "?handler=Csv")));

        // The link works once; a second acceptance stores nothing, and the request is no longer open.
        Assert.Contains("verlopen, ingetrokken of al gebruikt", await company.OwnerClient.GetHtmlAsync(link.PathAndQuery), StringComparison.Ordinal);
        var again = await AcceptAsync(company.OwnerClient, link.PathAndQuery, company.Id, Today.AddMonths(6), ConsentScope.ReadReports);
        Assert.Contains("verlopen, ingetrokken of al gebruikt", await again.TextAsync(), StringComparison.Ordinal);
        Assert.Single(await app.GrantsOfAsync(company.Id));
        Assert.DoesNotContain(company.Owner.Email!, await adviserClient.GetHtmlAsync(RequestPage(support.Id)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_in_english_mails_in_english_and_opens_the_page_in_english()
    {
        var company = await app.CompanyWithReportAsync();
        var (adviser, support) = await app.CreateAdviserAsync();
        var adviserClient = await app.LoggedInClientAsync(adviser.Email!);

        await AskAsync(adviserClient, support.Id, company.Owner.Email!, language: "en", scopes: [ConsentScope.ReadReports]);

        var mail = await app.Outbox.WaitForMessageToAsync(company.Owner.Email!, support.Name);
        Assert.Equal($"{support.Name} asks you to connect your company in Leerrijk", mail.Subject);
        Assert.Contains("- Read reports and the action plan:", mail.TextBody, StringComparison.Ordinal);
        var link = MailOutbox.LinkIn(mail, "/connect/");
        Assert.Equal("?lang=en", link.Query);
        Assert.Contains("Request to connect", await company.OwnerClient.GetHtmlAsync(link.PathAndQuery), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepting_more_than_was_asked_or_for_a_company_one_does_not_own_is_explained_and_stores_nothing()
    {
        var company = await app.CompanyWithReportAsync();
        var (adviser, support) = await app.CreateAdviserAsync();
        var link = await AskByMailAsync(await app.LoggedInClientAsync(adviser.Email!), support.Id, company.Owner.Email!, ConsentScope.ReadReports, ConsentScope.RawAnswers);
        var hrElsewhere = await app.CompanyWithReportAsync();
        await app.AddMemberAsync(hrElsewhere.Id, company.Owner.Id, OrganisationRole.Hr);
        var stranger = await app.CompanyWithReportAsync();

        var owner = company.OwnerClient;
        await ExplainsAsync(await AcceptAsync(owner, link, company.Id, Today.AddMonths(6), ConsentScope.ReadReports, ConsentScope.ManageRounds), "Kies een waarde uit de lijst.");
        await ExplainsAsync(await AcceptAsync(owner, link, company.Id, Today.AddMonths(6)), "Kies minstens één ding dat zij mogen.");
        await ExplainsAsync(await AcceptAsync(owner, link, company.Id, Today.AddMonths(6), ConsentScope.RawAnswers), "Losse antwoorden downloaden kan alleen samen met");
        await ExplainsAsync(await AcceptAsync(owner, link, company.Id, Today.AddMonths(12).AddDays(1), ConsentScope.ReadReports), "langer dan de adviseur vroeg kan niet");
        await ExplainsAsync(await AcceptAsync(owner, link, company.Id, Today.AddDays(-1), ConsentScope.ReadReports), "Kies een einddatum na vandaag.");
        await ExplainsAsync(await AcceptAsync(owner, link, null, Today.AddMonths(6), ConsentScope.ReadReports), "Kies een waarde bij Welk bedrijf?");
        await ExplainsAsync(await AcceptAsync(owner, link, hrElsewhere.Id, Today.AddMonths(6), ConsentScope.ReadReports), "Kies een bedrijf waarvan u eigenaar bent.");
        await ExplainsAsync(await AcceptAsync(owner, link, stranger.Id, Today.AddMonths(6), ConsentScope.ReadReports), "Kies een bedrijf waarvan u eigenaar bent.");

        Assert.Empty(await app.GrantsOfAsync(company.Id));
        Assert.Empty(await app.GrantsOfAsync(hrElsewhere.Id));
        Assert.Empty(await app.GrantsOfAsync(stranger.Id));
        Assert.Null((await RequestToAsync(company.Owner.Email!)).AcceptedAtUtc);

        // The full period asked for is allowed, so the limit above is the request's and not a broken form.
        Assert.Equal(HttpStatusCode.Redirect, (await AcceptAsync(owner, link, company.Id, Today.AddMonths(12), ConsentScope.ReadReports, ConsentScope.RawAnswers)).StatusCode);
        Assert.Equal(ConsentScope.ReadReports | ConsentScope.RawAnswers, Assert.Single(await app.GrantsOfAsync(company.Id)).Scopes);
    }

    [Fact]
    public async Task Expired_withdrawn_and_unknown_links_show_a_clear_page_and_store_nothing()
    {
        var company = await app.CompanyWithReportAsync();
        var (adviser, support) = await app.CreateAdviserAsync();
        var adviserClient = await app.LoggedInClientAsync(adviser.Email!);
        var expiredLink = await AskByMailAsync(adviserClient, support.Id, company.Owner.Email!);
        await app.ChangeAsync(async db => (await db.ConnectionRequests.SingleAsync(r => r.Email == company.Owner.Email)).ExpiresAtUtc = DateTime.UtcNow.AddMinutes(-1));

        var second = await app.CompanyWithReportAsync();
        var withdrawnLink = await AskByMailAsync(adviserClient, support.Id, second.Owner.Email!);
        var request = await RequestToAsync(second.Owner.Email!);
        var withdrawn = await adviserClient.PostFormAsync(RequestPage(support.Id) + "?handler=Withdraw", new() { ["requestId"] = request.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.NotNull((await RequestToAsync(second.Owner.Email!)).WithdrawnAtUtc);

        foreach (var (client, link, organisationId) in new[]
                 {
                     (company.OwnerClient, expiredLink, company.Id),
                     (second.OwnerClient, withdrawnLink, second.Id),
                     (company.OwnerClient, "/connect/" + ConnectionRequest.NewToken(), company.Id),
                     (company.OwnerClient, "/connect/" + new string('x', 200), company.Id),
                 })
        {
            var page = await client.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Dit verzoek is verlopen, ingetrokken of al gebruikt", await page.TextAsync(), StringComparison.Ordinal);
            var accept = await AcceptAsync(client, link, organisationId, Today.AddMonths(1), ConsentScope.ReadReports);
            Assert.Contains("Dit verzoek is verlopen, ingetrokken of al gebruikt", await accept.TextAsync(), StringComparison.Ordinal);
            Assert.Empty(await app.GrantsOfAsync(organisationId));
        }
    }

    [Fact]
    public async Task Someone_who_owns_no_company_is_told_how_to_start_and_declining_shares_nothing()
    {
        var (adviser, support) = await app.CreateAdviserAsync();
        var adviserClient = await app.LoggedInClientAsync(adviser.Email!);
        var newcomer = await app.CreateUserAsync();
        var client = await app.LoggedInClientAsync(newcomer.Email!);
        var link = await AskByMailAsync(adviserClient, support.Id, newcomer.Email!);

        var page = await client.GetHtmlAsync(link);
        Assert.Contains("U bent nog geen eigenaar van een bedrijf", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/organisations/new\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Ja, verbinden", page, StringComparison.Ordinal);

        var declined = await client.PostFormAsync(link + "?handler=Decline", new());
        Assert.Equal("/organisations", declined.Headers.Location!.OriginalString);
        Assert.NotNull((await RequestToAsync(newcomer.Email!)).WithdrawnAtUtc);
        Assert.Contains("verlopen, ingetrokken of al gebruikt", await client.GetHtmlAsync(link), StringComparison.Ordinal);
        Assert.DoesNotContain(newcomer.Email!, await adviserClient.GetHtmlAsync(RequestPage(support.Id)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Advisers_see_and_withdraw_their_own_requests_and_coordinators_those_of_the_whole_organisation()
    {
        var support = await app.CreateSupportOrganisationAsync();
        var first = await app.CreateUserAsync();
        var second = await app.CreateUserAsync();
        var coordinator = await app.CreateUserAsync();
        await app.AddSupportMemberAsync(support.Id, first.Id, SupportRole.Adviser);
        await app.AddSupportMemberAsync(support.Id, second.Id, SupportRole.Adviser);
        await app.AddSupportMemberAsync(support.Id, coordinator.Id, SupportRole.Coordinator);
        var firstClient = await app.LoggedInClientAsync(first.Email!);
        var secondClient = await app.LoggedInClientAsync(second.Email!);
        var coordinatorClient = await app.LoggedInClientAsync(coordinator.Email!);
        var toFirst = $"eigenaar-{Guid.NewGuid():N}@example.test";
        var toSecond = $"eigenaar-{Guid.NewGuid():N}@example.test";
        await AskByMailAsync(firstClient, support.Id, toFirst);
        await AskByMailAsync(secondClient, support.Id, toSecond);

        var firstPage = await firstClient.GetHtmlAsync(RequestPage(support.Id));
        Assert.Contains(toFirst, firstPage, StringComparison.Ordinal);
        Assert.DoesNotContain(toSecond, firstPage, StringComparison.Ordinal);
        var coordinatorPage = await coordinatorClient.GetHtmlAsync(RequestPage(support.Id));
        Assert.Contains(toFirst, coordinatorPage, StringComparison.Ordinal);
        Assert.Contains(toSecond, coordinatorPage, StringComparison.Ordinal);

        var firstRequest = await RequestToAsync(toFirst);
        var notTheirs = await secondClient.PostFormAsync(RequestPage(support.Id) + "?handler=Withdraw", new() { ["requestId"] = firstRequest.Id.ToString() });
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Null((await RequestToAsync(toFirst)).WithdrawnAtUtc);

        var byCoordinator = await coordinatorClient.PostFormAsync(RequestPage(support.Id) + "?handler=Withdraw", new() { ["requestId"] = firstRequest.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, byCoordinator.StatusCode);
        Assert.NotNull((await RequestToAsync(toFirst)).WithdrawnAtUtc);

        // Someone outside the support organisation does not find its page at all.
        var outsider = await app.LoggedInClientAsync((await app.CreateUserAsync()).Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(RequestPage(support.Id))).StatusCode);
    }

    [Fact]
    public async Task A_new_request_to_the_same_address_replaces_the_open_one()
    {
        var company = await app.CompanyWithReportAsync();
        var (adviser, support) = await app.CreateAdviserAsync();
        var adviserClient = await app.LoggedInClientAsync(adviser.Email!);
        var oldLink = await AskByMailAsync(adviserClient, support.Id, company.Owner.Email!);
        foreach (var file in Directory.GetFiles(app.MailDirectory))
        {
            File.Delete(file);
        }

        var newLink = await AskByMailAsync(adviserClient, support.Id, company.Owner.Email!, ConsentScope.ReadReports, ConsentScope.ManageRounds);

        Assert.NotEqual(oldLink, newLink);
        Assert.Contains("verlopen, ingetrokken of al gebruikt", await company.OwnerClient.GetHtmlAsync(oldLink), StringComparison.Ordinal);
        Assert.Contains("Metingen regelen", await company.OwnerClient.GetHtmlAsync(newLink), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_request_input_is_explained_beside_the_field_and_neither_stores_nor_mails()
    {
        var (adviser, support) = await app.CreateAdviserAsync();
        var adviserClient = await app.LoggedInClientAsync(adviser.Email!);
        var email = $"eigenaar-{Guid.NewGuid():N}@example.test";

        await ExplainsAsync(await AskAsync(adviserClient, support.Id, "geen adres", scopes: [ConsentScope.ReadReports]), "Vul een geldig e-mailadres in");
        await ExplainsAsync(await AskAsync(adviserClient, support.Id, email), "Kies minstens één ding dat zij mogen.");
        await ExplainsAsync(await AskAsync(adviserClient, support.Id, email, scopes: [ConsentScope.RawAnswers]), "Losse antwoorden downloaden kan alleen samen met");
        await ExplainsAsync(await AskAsync(adviserClient, support.Id, email, months: 0, scopes: [ConsentScope.ReadReports]), "Voor hoeveel maanden moet tussen 1 en 36 liggen.");
        await ExplainsAsync(await AskAsync(adviserClient, support.Id, email, months: 37, scopes: [ConsentScope.ReadReports]), "Voor hoeveel maanden moet tussen 1 en 36 liggen.");
        await ExplainsAsync(await AskAsync(adviserClient, support.Id, email, language: "de", scopes: [ConsentScope.ReadReports]), "Kies een waarde uit de lijst.");
        await ExplainsAsync(await AskAsync(adviserClient, support.Id, email, company: "Verkoop\u202Eteertsinimda", scopes: [ConsentScope.ReadReports]), "bevat een teken dat we niet kunnen opslaan");
        await ExplainsAsync(await AskAsync(adviserClient, support.Id, email, company: new string('x', 201), scopes: [ConsentScope.ReadReports]), "mag hoogstens 200 tekens lang zijn");

        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().ConnectionRequests.AnyAsync(r => r.SupportOrganisationId == support.Id));
        Assert.DoesNotContain(app.Outbox.Messages(), m => m.To.ToString().Contains(email, StringComparison.Ordinal));
    }
}
