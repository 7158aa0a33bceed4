using System.Net;
using Leerrijk.Web.Features.Rounds;

namespace Leerrijk.IntegrationTests.Features.PersonalInvitations;

/// <summary>A round that offers Polish sends its invitation in Polish too, over real SMTP, each language in its own part.</summary>
public sealed class PolishInvitationTests(SmtpAppFixture smtp) : IClassFixture<SmtpAppFixture>
{
    [Fact]
    public async Task The_invitation_of_a_round_with_polish_has_a_polish_part_with_the_polish_date()
    {
        var app = smtp.App;
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        Round round = await app.CreateRoundAsync(organisation.Id, owner.Id, r => r.Languages = ["nl", "pl"]);
        var client = await app.LoggedInClientAsync(owner.Email!);
        var address = $"pracownik-{Guid.NewGuid():N}@example.test";
        var manage = $"/o/{organisation.Id}/rounds/{round.Id}/invitations";

        var invite = await client.PostFormAsync(manage + "?handler=Invite", new() { ["Addresses"] = address }, manage);

        Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);
        var mail = await smtp.Sink.WaitForMessageToAsync(address);
        Assert.Contains($"Firma {organisation.Name} prosi Cię o udział w krótkiej ankiecie", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Ten link jest tylko dla Ciebie i działa jeden raz.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(round.ClosesOn.ToString("D", System.Globalization.CultureInfo.GetCultureInfo("pl-PL")), mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<div lang=\"pl\">", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Przejdź do ankiety", WebUtility.HtmlDecode(mail.HtmlBody), StringComparison.Ordinal);
        Assert.DoesNotContain("This link is only for you", mail.TextBody, StringComparison.Ordinal);
    }
}
