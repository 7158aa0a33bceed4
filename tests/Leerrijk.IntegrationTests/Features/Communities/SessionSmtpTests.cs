using System.Net;
using Leerrijk.Web.Infrastructure.Localization;
using static Leerrijk.IntegrationTests.Features.Communities.SessionTestData;

namespace Leerrijk.IntegrationTests.Features.Communities;

/// <summary>Over real SMTP: an address the server refuses does not stop the invitations to the others, and the facilitator is told.</summary>
public sealed class SessionSmtpTests(SmtpAppFixture smtp) : IClassFixture<SmtpAppFixture>
{
    [Fact]
    public async Task A_refused_address_is_named_to_the_facilitator_while_the_other_members_get_the_invitation_with_its_calendar()
    {
        var app = smtp.App;
        var refused = $"lid-{Guid.NewGuid():N}{SmtpSink.RefusedDomain}";
        // The refused address sorts first, so the members after it show that sending went on.
        var c = await app.CommunityAsync($"aa-{Guid.NewGuid():N}@example.test", refused, $"zz-{Guid.NewGuid():N}@example.test");
        var facilitator = await app.LoggedInClientAsync(c.Facilitator.Email!);
        var day = LocalizationSetup.Today(TimeProvider.System).AddDays(25);

        var response = await facilitator.PostFormAsync(c.NewPage, Fields(day, "09:30", "11:00"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = Assert.Single(await app.SessionsOfAsync(c.Id));
        foreach (var reached in new[] { c.Members[0], c.Members[2], c.Facilitator })
        {
            var mail = await smtp.Sink.WaitForMessageToAsync(reached.Email!);
            var (type, calendar) = CalendarOf(mail);
            Assert.Equal("REQUEST", type.Parameters["method"]);
            Assert.Equal($"{session.Id:D}@leerrijk", Assert.Single(calendar.Events).Uid);
        }

        Assert.DoesNotContain(smtp.Sink.Messages, m => m.To.Mailboxes.Any(b => b.Address == refused));
        var page = await facilitator.GetHtmlAsync(response.Headers.Location!.OriginalString);
        Assert.Contains($"Deze adressen konden we niet bereiken: {refused}.", page, StringComparison.Ordinal);

        // Told once: the next visit no longer says it.
        Assert.DoesNotContain(refused, await facilitator.GetHtmlAsync(c.SessionPage(session.Id)), StringComparison.Ordinal);
    }
}
