using System.Net;
using Leerrijk.IntegrationTests.Features.Programmes;
using Leerrijk.Web.Features.Communities;
using Leerrijk.Web.Features.Support;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.IntegrationTests.Features.Communities;

/// <summary>
/// An invitation to an address the mail server refuses, over real SMTP: the row is kept and marked, the members page
/// says which address, and the facilitator corrects it and sends the same invitation again.
/// </summary>
public sealed class InvitationBounceTests(SmtpAppFixture fixture) : IClassFixture<SmtpAppFixture>
{
    [Fact]
    public async Task A_refused_address_is_marked_and_can_be_corrected_and_sent_again()
    {
        var app = fixture.App;
        var (coordinator, support) = await app.CreateAdviserAsync(SupportRole.Coordinator);
        var community = await app.CommunityAsync(coordinator, support.Id);
        var facilitator = await app.LoggedInClientAsync(coordinator.Email!);
        var page = $"/leergemeenschap/{community.Id}/leden";
        var refused = "jan" + SmtpSink.RefusedDomain;

        var sent = await facilitator.PostFormAsync(page + "?handler=Invite", new() { ["Input.Email"] = refused, ["Input.Role"] = "Guest", ["Input.Language"] = "nl" }, page);

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var invitation = await app.ReadAsync(db => db.CommunityMembers.AsNoTracking().SingleAsync(m => m.CommunityId == community.Id && m.Status == MemberStatus.Invited));
        Assert.True(invitation.InvitationUndeliverable);
        Assert.Equal(refused, invitation.Email);
        var html = await facilitator.GetHtmlAsync(page);
        Assert.Contains($"De mailserver weigerde dit adres: {refused}", html, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Sink.Messages, m => m.To.ToString().Contains(refused, StringComparison.OrdinalIgnoreCase));

        // A slip in the correction is explained and changes nothing.
        var bad = await facilitator.PostFormAsync(page + "?handler=Resend", new() { ["memberId"] = invitation.Id.ToString(), ["Correction.Email"] = "geen-adres", ["Correction.Language"] = "nl" }, page);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("e-mailadres", await bad.TextAsync(), StringComparison.Ordinal);
        Assert.True((await app.ReadAsync(db => db.CommunityMembers.AsNoTracking().SingleAsync(m => m.Id == invitation.Id))).InvitationUndeliverable);

        var corrected = "jan@school.example";
        var again = await facilitator.PostFormAsync(page + "?handler=Resend", new() { ["memberId"] = invitation.Id.ToString(), ["Correction.Email"] = corrected, ["Correction.Language"] = "en" }, page);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var mail = await fixture.Sink.WaitForMessageToAsync(corrected);
        Assert.Contains(community.Name, mail.Subject, StringComparison.Ordinal);
        Assert.Contains("lang=en", mail.TextBody, StringComparison.Ordinal);
        var stored = await app.ReadAsync(db => db.CommunityMembers.AsNoTracking().SingleAsync(m => m.Id == invitation.Id));
        Assert.Equal((corrected, false, MemberStatus.Invited), (stored.Email, stored.InvitationUndeliverable, stored.Status));
        Assert.NotEqual(invitation.TokenHash, stored.TokenHash);
        Assert.Equal(2, await app.ReadAsync(db => db.CommunityMembers.CountAsync(m => m.CommunityId == community.Id)));
    }
}
