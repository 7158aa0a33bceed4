using System.Net;
using Leerrijk.Web.Features.Consent;
using static Leerrijk.IntegrationTests.Features.Consent.ConsentTestData;

namespace Leerrijk.IntegrationTests.Features.Consent;

/// <summary>With SMTP configured, the request leaves over a real SMTP conversation and its link connects the company.</summary>
public sealed class ConnectionRequestSmtpTests(SmtpAppFixture smtp) : IClassFixture<SmtpAppFixture>
{
    [Fact]
    public async Task The_request_mail_goes_over_smtp_and_its_link_connects_the_company()
    {
        var app = smtp.App;
        var company = await app.CompanyWithReportAsync();
        var (adviser, support) = await app.CreateAdviserAsync();
        var adviserClient = await app.LoggedInClientAsync(adviser.Email!);

        var sent = await adviserClient.PostFormFieldsAsync(
            $"/support/{support.Id}/connect",
            [("Input.Email", company.Owner.Email!), ("Input.Months", "3"), ("Input.Language", "nl"), ("Input.Scopes", "ReadReports"), ("Input.Scopes", "ManageRounds")]);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var message = await smtp.Sink.WaitForMessageToAsync(company.Owner.Email!);
        Assert.Equal($"{support.Name} vraagt of u uw bedrijf in Leerrijk wilt verbinden", message.Subject);
        Assert.Contains("<p>- Metingen regelen: ", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<a href=", message.HtmlBody, StringComparison.Ordinal);
        Assert.Empty(app.Outbox.Messages());
        var link = MailOutbox.LinkIn(message, "/connect/").PathAndQuery;

        var accepted = await company.OwnerClient.PostFormFieldsAsync(
            link + "?handler=Accept",
            [("Input.OrganisationId", company.Id.ToString()), ("Input.EndsOn", Day(Today.AddMonths(3))), ("Input.Scopes", "ReadReports"), ("Input.Scopes", "ManageRounds")],
            link);

        Assert.Equal(company.SupportPage, accepted.Headers.Location!.OriginalString);
        Assert.Equal(ConsentScope.ReadReports | ConsentScope.ManageRounds, Assert.Single(await app.GrantsOfAsync(company.Id)).Scopes);
        Assert.Equal(HttpStatusCode.OK, (await adviserClient.GetAsync($"/o/{company.Id}/rounds/new")).StatusCode);
    }
}
